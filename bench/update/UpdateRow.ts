import type { VariantChange } from '../../tools/buildVariant.ts';

/** One file of a build, with the bytes a gzip-accepting client receives for it. */
export interface BuiltFile {
  /** Path inside the build, e.g. assets/tessera-CLWVWyOv.wasm */
  readonly path: string;
  readonly bytes: number;
  /** Size of path.gz where the build wrote one (the server sends it), else bytes. */
  readonly wire_bytes: number;
}

/** What the server sent for one request, and how the file compares between the two builds. */
export interface FetchedFile {
  readonly path: string;
  readonly status: number;
  /** Body bytes on the wire (gzip where served gzipped). */
  readonly bytes: number;
  /**
   * new: a name only v2 has; changed: same name, new content (sw.js, asset-manifest.json);
   * unchanged: byte-identical in both builds (fetching it again is waste); other: not a file of v2.
   */
  readonly kind: 'new' | 'changed' | 'unchanged' | 'other';
}

/** How the update check ended in the page. */
export type UpdateOutcome = 'waiting' | 'no-update' | 'install-failed' | 'timeout' | 'no-registration';

/** One change: v1 (`none`) installed and controlling a page, then the server switched to v2. */
export interface UpdateRow {
  readonly suite: 'update';
  readonly measure: 'update';
  readonly change: VariantChange;
  /** Source file edited for v2 (null for the `none` control). */
  readonly changed_source: string | null;
  /** Files whose name v2 has and v1 has not (.gz files left out). */
  readonly changed_assets: readonly BuiltFile[];
  readonly changed_raw_bytes: number;
  readonly changed_wire_bytes: number;
  /** Same name in both builds, different content (not counted as changed assets). */
  readonly rewritten_files: readonly string[];
  readonly outcome: UpdateOutcome | null;
  /** Responses between the switch to v2 and the new service worker waiting (sw.js included). */
  readonly fetched: readonly FetchedFile[];
  readonly fetched_files: number;
  readonly fetched_bytes: number;
  /** fetched_bytes / changed_wire_bytes (null when nothing changed). */
  readonly fetched_over_changed: number | null;
  /** Fetched although byte-identical in v1 and v2: a flaw in the update pipeline if not empty. */
  readonly refetched_unchanged: readonly string[];
  /** Seconds to build v2 (tools/buildVariant.ts). */
  readonly build_s: number;
  readonly error?: string;
}

/** The fetch half of a row whose update was never measured (a failed build or page). */
export const nothingFetched = {
  outcome: null,
  fetched: [],
  fetched_files: 0,
  fetched_bytes: 0,
  fetched_over_changed: null,
  refetched_unchanged: [],
} as const satisfies Partial<UpdateRow>;

/** One pass over a fresh browser profile loading v1: what the page needs, what the install adds. */
export interface TransferPass {
  readonly files: number;
  readonly bytes: number;
  readonly requests: readonly { path: string; status: number; bytes: number }[];
}

/** First visit to v1 in a fresh profile, until the game is ready and the service worker installed. */
export interface FirstLoadRow {
  readonly suite: 'update';
  readonly measure: 'first-load';
  /** Service workers blocked: only what the page itself fetches until the game is ready. */
  readonly page_only: TransferPass;
  /** Service workers allowed: the page plus the precache install, until the worker is active. */
  readonly with_service_worker: TransferPass;
  /** Paths served with a body more than once in the second pass: times served, bytes of the repeats. */
  readonly refetched_by_install: readonly { path: string; times: number; bytes: number }[];
  readonly refetched_bytes: number;
  /** Wire size of the precache list (the shell), from the build. */
  readonly precache_wire_bytes: number;
  readonly precache_files: number;
  /** The budget for everything the game needs, in bytes of gzip (300 KiB). */
  readonly goal_bytes: number;
  readonly error?: string;
}

export type UpdateSuiteRow = UpdateRow | FirstLoadRow;
