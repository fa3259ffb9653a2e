// Players: one body per input slot, steered by the stick, with a dash on a cooldown.

import { Component, Field } from "../ecs/schema";
import { fieldAt, setFieldAt, gameWord, setGameWord, gInputs } from "../ecs/world";
import { spawn, handleIndex, isAlive } from "../ecs/entities";
import {
  G, BUTTON_DASH, STICK_MAX, PLAYER_RADIUS, PLAYER_INV_MASS, PLAYER_ACCEL, PLAYER_DRAG,
  DASH_SPEED, DASH_COOLDOWN, MAX_SPEED,
} from "./gameBlock";
import { inputButtons, inputStickX, inputStickY } from "./input";
import { botInput } from "./bots";
import { length } from "../math/fixed";

export function spawnPlayer(slot: i32, x: i32, y: i32): void {
  let h = spawn(Component.Position | Component.Velocity | Component.Circle | Component.Player | Component.Renderable);
  assert(h != 0, "entity capacity exhausted while spawning players");
  let i = handleIndex(h);
  setFieldAt(Field.PosX, i, x); setFieldAt(Field.PosY, i, y);
  setFieldAt(Field.PrevX, i, x); setFieldAt(Field.PrevY, i, y);
  setFieldAt(Field.Radius, i, PLAYER_RADIUS);
  setFieldAt(Field.InvMass, i, PLAYER_INV_MASS);
  setFieldAt(Field.Restitution, i, 1 << 14); // 0.25
  setFieldAt(Field.Friction, i, 13107); // 0.2
  setFieldAt(Field.Drag, i, PLAYER_DRAG);
  setFieldAt(Field.Team, i, slot & 1);
  setFieldAt(Field.Slot, i, slot);
  setFieldAt(Field.Look, i, slot);
  setGameWord(G.PlayerHandle + slot, h);
}

/** Apply this tick's input (or the bot's decision) to every player's body. */
export function drivePlayers(): void {
  let players = gameWord(G.Players);
  let bots = gameWord(G.BotMask);
  for (let slot = 0; slot < players; slot++) {
    let h = gameWord(G.PlayerHandle + slot);
    if (!isAlive(h)) continue;
    let i = handleIndex(h);
    let input = (bots & (1 << slot)) != 0 ? botInput(slot, i) : load<i32>(gInputs + (<usize>slot << 2));
    let sx = inputStickX(input), sy = inputStickY(input);
    // Sticks past the unit circle (keyboard diagonals) are scaled back onto it.
    let mag = length(sx, sy);
    if (mag > STICK_MAX) {
      sx = sx * STICK_MAX / mag;
      sy = sy * STICK_MAX / mag;
    }
    let vx = fieldAt(Field.VelX, i) + sx * PLAYER_ACCEL / STICK_MAX;
    let vy = fieldAt(Field.VelY, i) + sy * PLAYER_ACCEL / STICK_MAX;

    let buttons = inputButtons(input);
    let pressed = buttons & ~gameWord(G.PrevButtons + slot);
    setGameWord(G.PrevButtons + slot, buttons);
    let cooldown = fieldAt(Field.Timer, i);
    if (cooldown > 0) cooldown--;
    if ((pressed & BUTTON_DASH) != 0 && cooldown == 0) {
      // Dash along the stick, or along the current motion when the stick is centred.
      let dx = sx, dy = sy;
      if (dx == 0 && dy == 0) { dx = vx; dy = vy; }
      let len = length(dx, dy);
      if (len > 0) {
        vx += <i32>(<i64>dx * DASH_SPEED / len);
        vy += <i32>(<i64>dy * DASH_SPEED / len);
        cooldown = DASH_COOLDOWN;
      }
    }
    setFieldAt(Field.Timer, i, cooldown);
    setFieldAt(Field.VelX, i, vx > MAX_SPEED ? MAX_SPEED : vx < -MAX_SPEED ? -MAX_SPEED : vx);
    setFieldAt(Field.VelY, i, vy > MAX_SPEED ? MAX_SPEED : vy < -MAX_SPEED ? -MAX_SPEED : vy);
  }
}
