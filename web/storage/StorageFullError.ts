// The one storage failure a player can fix: the origin's quota is used up.

/** A write was refused because storage is full; nothing was written and nothing stored was lost. */
export class StorageFullError extends Error {
  override readonly name = 'StorageFullError';

  /** `what` names the lost write for the player, e.g. "the replay". */
  constructor(what: string, options?: ErrorOptions) {
    super(`Storage is full: ${what} was not saved. Delete old replays or saves (export them first) to make room.`, options);
  }
}

export function isQuotaExceeded(error: unknown): boolean {
  return error instanceof DOMException && error.name === 'QuotaExceededError';
}
