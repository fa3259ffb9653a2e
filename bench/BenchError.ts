/**
 * Error with a stable code, so a failed measurement can be searched for and handled by kind.
 * Codes thrown: bad-args, unknown-impl, wasm-export-missing, initial-state-mismatch, restore-failed,
 * no-chromium; set by the orchestrator: worker-crashed, worker-timeout, nondeterministic,
 * checksum-mismatch; by the render suite: render-failed, no-frames, coarse-timer, not-zero-copy.
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
