// Asks the browser to keep this origin's storage under pressure (Safari otherwise evicts it
// after seven days without a visit), and reports how much of the quota is used.

export interface PersistenceReport {
  persisted: boolean;
  /**
   * Bytes used and available to this origin, where the browser says. The quota is a hint only:
   * Chromium reports usage + 10 GiB whatever the real limit, so as not to reveal the disk size.
   */
  usage?: number;
  quota?: number;
}

// Firefox asks the player, so the request is made once per page however often this is called.
let persisting: Promise<boolean> | undefined;

/** Never throws: where the Storage API is missing (old browsers, insecure origins) it reports not persisted. */
export async function requestPersistence(): Promise<PersistenceReport> {
  const storage: StorageManager | undefined = globalThis.navigator?.storage;
  persisting ??= persist(storage);
  const report: PersistenceReport = { persisted: await persisting };
  // estimate() rejects in some sandboxed frames; the report then has no sizes.
  const estimate = await storage?.estimate?.().catch(() => undefined);
  if (estimate?.usage !== undefined) report.usage = estimate.usage;
  if (estimate?.quota !== undefined) report.quota = estimate.quota;
  return report;
}

async function persist(storage: StorageManager | undefined): Promise<boolean> {
  try {
    return (await storage?.persist?.()) ?? false;
  } catch {
    // Rejects in opaque-origin and some sandboxed frames: storage there stays best-effort.
    return false;
  }
}
