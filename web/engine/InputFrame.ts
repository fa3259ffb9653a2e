// What the main thread sends the game when the player's input changes (never per frame):
// a screen-space stick, buttons, and where the pointer steers to. The engine turns it into the
// sim's per-tick input record, so the pointer and the camera's rotation never reach the sim.

export interface InputFrame {
  /** Stick in screen space, -127..127: +x right, +y up. */
  stickX: number;
  stickY: number;
  /** Button bits, as the sim reads them (host/SimExports BUTTON_DASH = 1). */
  buttons: number;
  /** While set, steer toward this point, in normalised device coordinates of the canvas (-1..1, +y up). */
  pointer: { x: number; y: number } | null;
}

export const idleInput: InputFrame = { stickX: 0, stickY: 0, buttons: 0, pointer: null };

export function sameInput(a: InputFrame, b: InputFrame): boolean {
  return a.stickX === b.stickX && a.stickY === b.stickY && a.buttons === b.buttons &&
    (a.pointer === b.pointer || (a.pointer !== null && b.pointer !== null && a.pointer.x === b.pointer.x && a.pointer.y === b.pointer.y));
}
