// The one error a replay reader throws for a file it will not read. The `code` lets callers (the
// CLI, a browser's file picker, tests) react to the kind of problem without parsing messages;
// the message says what exactly is wrong and where, because replays travel in bug reports and the
// person holding the file needs to know whether it is cut short, from the future or corrupt.

export type ReplayFormatErrorCode =
  /** The file does not start with "TSRP": not a replay at all. */
  | 'bad-magic'
  /** A format version this reader does not know (older or newer). */
  | 'unsupported-version'
  /** A flag bit this reader does not know is set. */
  | 'reserved-flags'
  /** A header field is out of range or inconsistent with another one. */
  | 'bad-header'
  /** The file ends before the header, the input log or the checkpoints do. */
  | 'truncated'
  /** Bytes follow the last checkpoint. */
  | 'trailing-bytes'
  /** The deflated input log does not inflate to exactly the size the header announces. */
  | 'bad-inflate'
  /** A checkpoint's tick is not the one its position and the interval imply. */
  | 'bad-checkpoint';

export class ReplayFormatError extends Error {
  override name = 'ReplayFormatError';
  constructor(
    readonly code: ReplayFormatErrorCode,
    message: string,
  ) {
    super(`replay file: ${message} [${code}]`);
  }
}
