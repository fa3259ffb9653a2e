/**
 * Error with a stable code, so a failed measurement can be searched for and handled by kind.
 * Codes: bad-args, unknown-impl, wasm-export-missing, initial-state-mismatch, restore-failed,
 * worker-crashed, worker-timeout, worker-output.
 */
export class BenchError extends Error {
  override name = 'BenchError';
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(`[${code}] ${message}`);
  }
}
