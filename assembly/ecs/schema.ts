// The component schema, declared once. Every field is an i32 array of `capacity` elements
// (structure of arrays). Fields below STATE_FIELD_COUNT live in the hashed, snapshotted state
// arena; the rest are render-only and live outside it, so they never affect the state hash.

export const enum Field {
  // Position (state): Q16.16 units.
  PosX = 0,
  PosY = 1,
  // Velocity (state): Q16.16 units per tick (60 ticks = 1 s).
  VelX = 2,
  VelY = 3,
  // Circle collider and material (state).
  Radius = 4,
  InvMass = 5, // Q16.16 1/mass; 0 = immovable
  Restitution = 6, // Q16.16, 1.0 = perfectly elastic
  Friction = 7, // Q16.16 Coulomb coefficient
  Drag = 8, // Q16.16 fraction of velocity lost per tick, 0 = none
  // Game-level data (state).
  Team = 9, // player: team; orb: team that touched it last (-1 none)
  Slot = 10, // player: input slot 0..7; orb: points when scored
  Timer = 11, // player: dash cooldown ticks
  // Render-only (outside the arena).
  PrevX = 12, // position at the start of the last step, for interpolation
  PrevY = 13,
  Look = 14, // which colour/material the renderer uses
}

export const STATE_FIELD_COUNT: i32 = 12;
export const FIELD_COUNT: i32 = 15;

/** Component bits: an entity's mask says which components it has. */
export const enum Component {
  Position = 1 << 0,
  Velocity = 1 << 1,
  Circle = 1 << 2,
  Player = 1 << 3,
  Orb = 1 << 4,
  Renderable = 1 << 5,
}

export const COMPONENT_COUNT: i32 = 6;

// Component → [first field, field count, 1 if deterministic state / 0 if render-only].
// One table serves layout checks, zeroing on add, and the host's description of the schema.
const COMPONENT_TABLE = memory.data<i32>([
  Field.PosX, 2, 1, // Position
  Field.VelX, 2, 1, // Velocity
  Field.Radius, 5, 1, // Circle
  Field.Team, 3, 1, // Player
  Field.Team, 3, 1, // Orb (shares the game-data fields with Player; an entity is one or the other)
  Field.PrevX, 3, 0, // Renderable
]);

// @ts-ignore: decorator
@inline export function componentFirstField(c: i32): i32 {
  return load<i32>(COMPONENT_TABLE + <usize>(c * 3) * 4);
}
// @ts-ignore: decorator
@inline export function componentFieldCount(c: i32): i32 {
  return load<i32>(COMPONENT_TABLE + <usize>(c * 3 + 1) * 4);
}
// @ts-ignore: decorator
@inline export function componentIsState(c: i32): bool {
  return load<i32>(COMPONENT_TABLE + <usize>(c * 3 + 2) * 4) != 0;
}
