// The per-tick input record, as assembly/game/input.ts reads it: buttons in bits 0..7, then the
// stick's x and y as signed bytes (-127..127).

export function packInput(buttons: number, stickX: number, stickY: number): number {
  return (buttons & 0xff) | ((stickX & 0xff) << 8) | ((stickY & 0xff) << 16);
}

export function unpackInput(input: number): { buttons: number; stickX: number; stickY: number } {
  return { buttons: input & 0xff, stickX: (input << 16) >> 24, stickY: (input << 8) >> 24 };
}
