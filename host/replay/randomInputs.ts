// Scripted "players" for record mode and tests: integer-only PRNG (mulberry32), so a
// seed gives the same inputs on every host and engine. They behave roughly like people (hold a
// direction for a while, dash now and then) so recorded matches exercise steering, dashes and
// collisions rather than a stick jittering in place.

import { packInput } from '../input.ts';
import { mulberry32 } from '../mulberry32.ts';
import { BUTTON_DASH } from '../SimExports.ts';

/** Returns a function giving the next tick's inputs (a fresh array, one per slot; bots get 0). */
export function randomInputs(seed: number, players: number, botMask: number): () => Int32Array {
  const next = mulberry32(seed ^ 0x9e3779b9);
  const stickX = new Int32Array(players);
  const stickY = new Int32Array(players);
  return () => {
    const row = new Int32Array(players);
    for (let slot = 0; slot < players; slot++) {
      if ((botMask >> slot) & 1) continue;
      const r = next();
      // About every 16 ticks a new direction (full range, including centred and past the circle).
      if ((r & 15) === 0) {
        const d = next();
        stickX[slot] = ((d & 0xffff) % 255) - 127;
        stickY[slot] = ((d >>> 16) % 255) - 127;
      }
      // Dash pressed about once every 32 ticks (held one tick: the sim reacts to presses).
      const buttons = ((r >>> 4) & 31) === 0 ? BUTTON_DASH : 0;
      row[slot] = packInput(buttons, stickX[slot] ?? 0, stickY[slot] ?? 0);
    }
    return row;
  };
}
