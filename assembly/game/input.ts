// The per-tick input record: one i32 per player, buttons and a signed integer stick.
import { STICK_MAX } from "./gameBlock";
import { length } from "../math/fixed";

// @ts-ignore: decorator
@inline export function inputButtons(input: i32): i32 {
  return input & 0xff;
}
// @ts-ignore: decorator
@inline export function inputStickX(input: i32): i32 {
  return (input << 16) >> 24;
}
// @ts-ignore: decorator
@inline export function inputStickY(input: i32): i32 {
  return (input << 8) >> 24;
}

export function packInput(buttons: i32, stickX: i32, stickY: i32): i32 {
  return (buttons & 0xff) | ((stickX & 0xff) << 8) | ((stickY & 0xff) << 16);
}

/** An input whose stick points along (dx, dy) at full deflection. */
export function stickToward(dx: i32, dy: i32, buttons: i32): i32 {
  let len = length(dx, dy);
  if (len == 0) return packInput(buttons, 0, 0);
  let sx = <i32>((<i64>dx * STICK_MAX) / len);
  let sy = <i32>((<i64>dy * STICK_MAX) / len);
  return packInput(buttons, sx, sy);
}
