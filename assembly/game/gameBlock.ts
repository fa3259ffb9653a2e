// The demo game's words in the state arena's game block, and its tuning constants.
// All lengths are Q16.16 units; speeds are units per tick.

export const enum G {
  Phase = 0,
  TicksLeft = 1,
  Countdown = 2,
  Score0 = 3,
  Score1 = 4,
  Players = 5,
  BotMask = 6,
  FieldW = 7,
  FieldH = 8,
  GoalLo = 9,
  GoalHi = 10,
  QueueHead = 11,
  QueueTail = 12,
  PlayerHandle = 16, // MAX_PLAYERS words
  PrevButtons = 24, // MAX_PLAYERS words
  BotTarget = 32, // MAX_PLAYERS words: orb handle each bot is after
  RespawnTick = 64, // RESPAWN_QUEUE words, FIFO of ticks at which scored orbs come back
  RespawnPoints = 96, // RESPAWN_QUEUE words: 1 for a small orb, 3 for a big one
}

export const enum Phase {
  Countdown = 0,
  Playing = 1,
  Ended = 2,
}

export const RESPAWN_QUEUE: i32 = 32;

// Input record: bits 0..7 buttons, 8..15 stick x, 16..23 stick y (signed bytes, ±127).
export const BUTTON_DASH: i32 = 1;
export const STICK_MAX: i32 = 127;

export const TICKS_PER_SECOND: i32 = 60;
export const DEFAULT_MATCH_TICKS: i32 = 3 * 60 * TICKS_PER_SECOND;
export const KICKOFF_TICKS: i32 = 2 * TICKS_PER_SECOND;
export const RESPAWN_DELAY: i32 = 90;

// Field for the default 40 orbs; larger orb counts scale it so density stays playable.
export const BASE_ORBS: i32 = 40;
export const BASE_FIELD_W: i32 = 48 << 16;
export const BASE_FIELD_H: i32 = 27 << 16;
export const BASE_GOAL_MOUTH: i32 = 9 << 16;
export const GOAL_DEPTH: i32 = 3 << 16;
export const PILLAR_HALF: i32 = 3 << 14; // 0.75

export const PLAYER_RADIUS: i32 = 1 << 16;
export const PLAYER_INV_MASS: i32 = 1 << 14; // mass 4
export const PLAYER_ACCEL: i32 = 819; // 0.0125 u/tick²
export const PLAYER_DRAG: i32 = 5243; // 8 % per tick: top speed ≈ 0.156 u/tick ≈ 9.4 u/s
export const DASH_SPEED: i32 = 19661; // +0.3 u/tick
export const DASH_COOLDOWN: i32 = 60;

export const ORB_RADIUS: i32 = 1 << 15; // 0.5
export const BIG_ORB_RADIUS: i32 = 52429; // 0.8
export const BIG_ORB_EVERY: i32 = 5; // every fifth orb is big and worth 3
export const ORB_DRAG: i32 = 1311; // 2 % per tick

/** Per-tick speed cap: below the smallest radius (0.5), so nothing tunnels. */
export const MAX_SPEED: i32 = 29491; // 0.45 u/tick = 27 u/s
export const CELL_SIZE: i32 = 2 << 16; // ≥ largest diameter (2.0)
export const WALL_RESTITUTION: i32 = 39322; // 0.6, for the world bounds and the static boxes alike
export const WALL_FRICTION: i32 = 6554; // 0.1, static boxes

// Render looks (colour/material ids for the renderer).
export const LOOK_ORB: i32 = 16;
export const LOOK_BIG_ORB: i32 = 17;
