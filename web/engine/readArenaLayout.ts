// The pitch as the renderer needs it, read once per match from the sim's state: world bounds,
// the field rectangle and goal mouths (demo game block) and the static boxes. Units are floats
// here because this only feeds the picture, never the sim.

import type { SimExports } from '../../host/SimExports.ts';
import { headerWordNames, Q16 } from '../../host/SimExports.ts';

export interface Rect { minX: number; minY: number; maxX: number; maxY: number }

export interface ArenaLayout {
  bounds: Rect;
  field: { width: number; height: number; goalLow: number; goalHigh: number };
  boxes: Rect[];
}

const header = (e: SimExports, name: (typeof headerWordNames)[number]): number =>
  new Int32Array(e.memory.buffer, e.stateArenaPtr(), headerWordNames.length)[headerWordNames.indexOf(name)] ?? 0;

export function readArenaLayout(e: SimExports): ArenaLayout {
  const boxes: Rect[] = [];
  const words = e.boxWords();
  const raw = new Int32Array(e.memory.buffer, e.boxesPtr(), e.boxCount() * words);
  for (let i = 0; i < e.boxCount(); i++) {
    const o = i * words;
    boxes.push({ minX: raw[o]! / Q16, minY: raw[o + 1]! / Q16, maxX: raw[o + 2]! / Q16, maxY: raw[o + 3]! / Q16 });
  }
  return {
    bounds: {
      minX: header(e, 'minX') / Q16, minY: header(e, 'minY') / Q16,
      maxX: header(e, 'maxX') / Q16, maxY: header(e, 'maxY') / Q16,
    },
    field: { width: e.fieldWidth() / Q16, height: e.fieldHeight() / Q16, goalLow: e.goalLow() / Q16, goalHigh: e.goalHigh() / Q16 },
    boxes,
  };
}
