import { StorageFullError, isQuotaExceeded } from './StorageFullError.ts';

/**
 * Waits for `requests` and for `tx` to commit; a quota failure becomes a StorageFullError naming
 * `what`, any other error propagates unchanged. Where the quota shows depends on the engine: on
 * a request, or (Chromium) only at commit, as the transaction's abort error, which `tx.done`
 * rejects with. Either way the transaction has aborted, so none of its writes happened.
 */
export async function commitWrite(tx: { readonly done: Promise<void> }, what: string, requests: Promise<unknown>[]): Promise<void> {
  try {
    await Promise.all([...requests, tx.done]);
  } catch (error) {
    if (isQuotaExceeded(error)) throw new StorageFullError(what, { cause: error });
    throw error;
  }
}
