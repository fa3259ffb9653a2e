// The one rule every stick source and their sum obey: integer axes, vector length at most 127,
// so a diagonal is as fast as a straight line (127,127 becomes 90,90).

import type { InputFrame } from '../engine/InputFrame.ts';

export const STICK_MAX = 127;

/** What a stick-and-buttons source (keyboard, gamepad, touch) contributes to the frame. */
export type StickState = Pick<InputFrame, 'stickX' | 'stickY' | 'buttons'>;

export const idleStick: StickState = Object.freeze({ stickX: 0, stickY: 0, buttons: 0 });

export function clampStick(x: number, y: number, buttons: number): StickState {
  const length = Math.hypot(x, y);
  const scale = length > STICK_MAX ? STICK_MAX / length : 1;
  return { stickX: toAxis(x * scale), stickY: toAxis(y * scale), buttons };
}

export function sameStick(a: StickState, b: StickState): boolean {
  return a.stickX === b.stickX && a.stickY === b.stickY && a.buttons === b.buttons;
}

// Math.round(-0.4) is -0, which would print and post as "-0".
function toAxis(v: number): number {
  const r = Math.round(v);
  return r === 0 ? 0 : r;
}
