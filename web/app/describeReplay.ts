// A replay's listing for the Replays screen, read from the file itself, so an import is checked
// before it is kept and an online match's log is listed like any other.

import { decodeReplay } from '../../host/replay/ReplayFile.ts';
import { hex32 } from '../../host/Sim.ts';
import type { NewReplay } from '../storage/index.ts';

export function describeReplay(file: Uint8Array, name: string, score: [number, number] | null): NewReplay {
  const replay = decodeReplay(file);
  return { name, buildId: replay.buildId, ticks: replay.ticks, finalHash: hex32(replay.finalHash), score, file };
}
