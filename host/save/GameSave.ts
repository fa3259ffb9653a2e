// A saved match: the state arena as it was (a snapshot, loaded back without re-simulating), the
// hash it had, and the replay so far (so a match that is saved, loaded and finished still makes
// one whole replay). Tagged with the sim build: the arena's layout is that build's, and another
// build would read it as garbage, so a save only ever loads into the build that made it.

import { type Sim, hex32 } from '../Sim.ts';
import { ReplayRecorder } from '../replay/ReplayRecorder.ts';
import { decodeReplay, encodeReplay } from '../replay/ReplayFile.ts';

export interface GameSave {
  buildId: string;
  tick: number;
  /** State hash at save time, hex: checked after loading. */
  stateHash: string;
  score: [number, number];
  /** The state arena's bytes. */
  snapshot: Uint8Array;
  /** The match so far as a .tsrp file (which holds the match config too). */
  replay: Uint8Array;
}

export class SaveBuildMismatchError extends Error {
  override name = 'SaveBuildMismatchError';
  constructor(
    readonly saveBuildId: string,
    readonly simBuildId: string,
  ) {
    super(`This save was made by another version of the game (sim build ${saveBuildId}; this is ${simBuildId}). Saves only load in the version that made them; its replay can still be exported.`);
  }
}

export class SaveDamagedError extends Error {
  override name = 'SaveDamagedError';
}

/** Save the match `recorder` is recording. */
export function saveMatch(recorder: ReplayRecorder): GameSave {
  const sim = recorder.sim;
  const e = sim.exports;
  return {
    buildId: sim.buildId,
    tick: sim.tick,
    stateHash: hex32(sim.hash()),
    score: [e.score(0), e.score(1)],
    snapshot: sim.copyState(),
    replay: encodeReplay(recorder.finish()),
  };
}

/**
 * Load `save` into `sim` (a fresh instance of the same build): the snapshot goes back into the
 * state arena and recording resumes where the save left off.
 */
export function loadSave(sim: Sim, save: GameSave): ReplayRecorder {
  if (save.buildId !== sim.buildId) throw new SaveBuildMismatchError(save.buildId, sim.buildId);
  const replay = decodeReplay(save.replay);
  if (replay.ticks !== save.tick) throw new SaveDamagedError(`the save is damaged: its replay has ${replay.ticks} ticks, its snapshot is at tick ${save.tick}`);
  let recorder: ReplayRecorder;
  try {
    recorder = ReplayRecorder.resume(sim, replay, save.snapshot);
  } catch (error) {
    throw new SaveDamagedError(`the save is damaged: ${(error as Error).message}`);
  }
  if (hex32(sim.hash()) !== save.stateHash) throw new SaveDamagedError(`the save is damaged: its state hashes to ${hex32(sim.hash())}, not ${save.stateHash}`);
  return recorder;
}
