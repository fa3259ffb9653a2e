// Gamepads have no change events, so they are polled, but only while one is connected: a page
// without a pad runs no loop at all. The mapping is the W3C "standard" layout.

import { BUTTON_DASH } from '../../host/SimExports.ts';
import { clampStick, idleStick, sameStick, type StickState } from './stick.ts';

/** The part of a Gamepad that readGamepad reads; plain objects of this shape work in tests. */
export interface GamepadLike {
  readonly axes: readonly number[];
  readonly buttons: readonly { readonly pressed: boolean }[];
}

/** Left-stick deflection (0..1 of full) under which a resting stick's drift reads as centred. */
const DEAD_ZONE = 0.15;
/** Button indices in the standard mapping. */
const Button = { A: 0, RB: 5, RT: 7, Up: 12, Down: 13, Left: 14, Right: 15 } as const;

export function readGamepad(pad: GamepadLike): StickState {
  const pressed = (b: number) => pad.buttons[b]?.pressed === true;
  const ax = pad.axes[0] ?? 0;
  const ay = -(pad.axes[1] ?? 0); // gamepad y grows down, the stick's grows up
  const deflection = Math.hypot(ax, ay);
  // Radial, so the dead zone doesn't snap diagonals to the axes; past it the stick ramps from 0.
  const strength = deflection > DEAD_ZONE ? (Math.min(deflection, 1) - DEAD_ZONE) / (1 - DEAD_ZONE) : 0;
  const scale = strength > 0 ? (strength / deflection) * 127 : 0;
  const dpadX = (pressed(Button.Right) ? 1 : 0) - (pressed(Button.Left) ? 1 : 0);
  const dpadY = (pressed(Button.Up) ? 1 : 0) - (pressed(Button.Down) ? 1 : 0);
  const dash = pressed(Button.A) || pressed(Button.RB) || pressed(Button.RT);
  return clampStick(ax * scale + dpadX * 127, ay * scale + dpadY * 127, dash ? BUTTON_DASH : 0);
}

export interface GamepadSource {
  readonly state: StickState;
  destroy(): void;
}

export function pollGamepads(onChange: () => void): GamepadSource {
  let state = idleStick;
  let frame = 0;

  const poll = () => {
    const pad = firstPad();
    const next = pad ? readGamepad(pad) : idleStick;
    if (!sameStick(state, next)) {
      state = next;
      onChange();
    }
    frame = pad ? requestAnimationFrame(poll) : 0; // the last pad gone: stop until one connects
  };
  const start = () => {
    if (frame === 0) frame = requestAnimationFrame(poll);
  };
  // Release at once, even while rAF sleeps in a hidden tab; poll() also ends the loop.
  const onDisconnected = () => {
    cancelAnimationFrame(frame);
    poll();
  };

  // One AbortController removes every listener below on destroy().
  const listeners = new AbortController();
  addEventListener('gamepadconnected', start, { signal: listeners.signal });
  addEventListener('gamepaddisconnected', onDisconnected, { signal: listeners.signal });
  if (firstPad()) start(); // a pad connected before this page loaded fires no event

  return {
    get state() {
      return state;
    },
    destroy() {
      listeners.abort();
      cancelAnimationFrame(frame);
      frame = 0;
    },
  };
}

/** The first connected pad, preferring the standard mapping this module reads. */
function firstPad(): Gamepad | null {
  let pads: (Gamepad | null)[];
  try {
    pads = navigator.getGamepads?.() ?? [];
  } catch {
    return null; // blocked by a Permissions-Policy (an embedding iframe without "gamepad")
  }
  const connected = pads.filter((p): p is Gamepad => p !== null && p.connected);
  return connected.find((p) => p.mapping === 'standard') ?? connected[0] ?? null;
}
