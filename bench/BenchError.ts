/**
 * Error with a stable code, so a failed measurement can be searched for and handled by kind.
 * Codes thrown: bad-args, unknown-impl, wasm-export-missing, initial-state-mismatch, restore-failed;
 * set by the orchestrator: worker-crashed, worker-timeout, nondeterministic, checksum-mismatch.
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
