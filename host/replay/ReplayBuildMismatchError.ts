// Thrown when a replay is run on a sim build other than the one that recorded it. Determinism is
// only promised within one build: another build may legitimately compute other hashes, so a
// mismatch report from it would point at a bug that is not there. Callers may force the run
// (to bisect a regression between builds, say) and then read the results with that in mind.

export class ReplayBuildMismatchError extends Error {
  override name = 'ReplayBuildMismatchError';
  constructor(
    readonly replayBuildId: string,
    readonly simBuildId: string,
  ) {
    super(
      `the replay comes from another build: it was recorded with sim build ${replayBuildId}, ` +
        `this sim is build ${simBuildId}; hashes are only comparable within one build ` +
        `(force the run to replay it anyway)`,
    );
  }
}
