// What the service worker and the page say to each other. The page imports these types only.

/** An update's size: the precache entries the new version had to download. */
export interface UpdateSummary {
  /** Identifies a precache list (a hash of its URLs and revisions). */
  version: string;
  files: number;
  bytes: number;
}

/** Sent to every window while a new version downloads. */
export interface UpdateProgress extends UpdateSummary {
  type: 'update-progress';
  doneFiles: number;
  doneBytes: number;
}

/** Page → service worker requests; each is answered on the MessageChannel port it carries. */
export type ServiceWorkerRequest =
  | { type: 'get-update-summary' } // answered with UpdateSummary | null
  | { type: 'get-version' } // answered with UpdateSummary (this version's whole precache)
  | { type: 'SKIP_WAITING' }; // workbox-window's messageSkipWaiting(); no answer
