// The typed ABI of build/tessera.wasm (assembly/index.ts). Numbers and pointers only; u32
// results arrive as signed numbers from wasm, so callers use `>>> 0` where they print them.

export interface SimExports {
  readonly memory: WebAssembly.Memory;
  // match
  matchCreate(seed: number, players: number, botMask: number, matchTicks: number, orbs: number, ringSlots: number): void;
  setInput(slot: number, input: number): void;
  step(): void;
  tick(): number;
  phase(): number;
  ticksLeft(): number;
  countdown(): number;
  score(team: number): number;
  playerCount(): number;
  botMask(): number;
  playerHandle(slot: number): number;
  fieldWidth(): number;
  fieldHeight(): number;
  goalLow(): number;
  goalHigh(): number;
  matchArenaBytes(players: number, orbs: number): number;
  // several worlds in one instance (every other export acts on the selected one)
  worldNew(): number;
  worldSelect(id: number): void;
  worldFree(id: number): void;
  worldSelected(): number;
  worldBytes(id: number): number;
  // engine worlds
  worldCreate(cap: number, ringSlots: number, cellSize: number, minX: number, minY: number, maxX: number, maxY: number, maxSpeed: number): void;
  worldAddBox(minX: number, minY: number, maxX: number, maxY: number, restitution: number, friction: number): void;
  worldSetWallRestitution(e: number): void;
  physicsTick(): void;
  // state
  snapshot(): void;
  restore(tick: number): number;
  stateHash(): number;
  stateArenaPtr(): number;
  stateArenaBytes(): number;
  ringSlots(): number;
  layoutVersion(): number;
  // ECS
  entityCapacity(): number;
  entityHighWater(): number;
  liveEntities(): number;
  spawn(components: number): number;
  despawn(handle: number): number;
  isAlive(handle: number): number;
  entityHandleAt(index: number): number;
  addComponents(handle: number, components: number): number;
  removeComponents(handle: number, components: number): number;
  componentMask(handle: number): number;
  queryCount(required: number): number;
  getField(handle: number, field: number): number;
  setField(handle: number, field: number, value: number): void;
  fieldPointer(field: number): number;
  fieldCount(): number;
  stateFieldCount(): number;
  componentCount(): number;
  componentInState(component: number): number;
  // render / events
  renderWrite(alphaQ16: number): number;
  renderMatricesPtr(): number;
  boxesPtr(): number;
  gameBlockPtr(): number;
  boxCount(): number;
  boxWords(): number;
  eventsPtr(): number;
  eventRingSize(): number;
  // fixed-point maths (assembly/math/exports.ts)
  fxMul(a: number, b: number): number;
  fxDiv(a: number, b: number): number;
  fxMulDiv(a: number, b: number, c: number): number;
  fxSqrt(a: number): number;
  fxLength(x: number, y: number): number;
  fxIsqrt64(v: bigint): bigint;
  fxSin(a: number): number;
  fxCos(a: number): number;
  fxAtan2(y: number, x: number): number;
  fxFromInt(n: number): number;
  fxToIntFloor(a: number): number;
  fxToIntRound(a: number): number;
}

/** Mirrors assembly/ecs/schema.ts (Field). */
export const Field = {
  PosX: 0, PosY: 1, VelX: 2, VelY: 3, Radius: 4, InvMass: 5, Restitution: 6, Friction: 7, Drag: 8,
  Team: 9, Slot: 10, Timer: 11, PrevX: 12, PrevY: 13, Look: 14,
} as const;

/** Mirrors assembly/ecs/schema.ts (Component bits). */
export const Component = {
  Position: 1, Velocity: 2, Circle: 4, Player: 8, Orb: 16, Renderable: 32,
} as const;

/** Mirrors assembly/ecs/world.ts (H): header word names, by index. */
export const headerWordNames = [
  'magic', 'layout', 'capacity', 'tick', 'rng', 'highWater', 'freeHead', 'liveCount',
  'minX', 'minY', 'maxX', 'maxY', 'cellSize', 'boxCount', 'maxSpeed', 'wallRestitution',
] as const;

/** Mirrors assembly/game/gameBlock.ts (G): the demo game's words, [first index, name, count]. */
export const gameWordRanges: readonly (readonly [number, string, number])[] = [
  [0, 'phase', 1], [1, 'ticksLeft', 1], [2, 'countdown', 1], [3, 'score', 2], [5, 'players', 1],
  [6, 'botMask', 1], [7, 'fieldW', 1], [8, 'fieldH', 1], [9, 'goalLo', 1], [10, 'goalHi', 1],
  [11, 'queueHead', 1], [12, 'queueTail', 1], [16, 'playerHandle', 8], [24, 'prevButtons', 8],
  [32, 'botTarget', 8], [64, 'respawnTick', 32], [96, 'respawnPoints', 32],
];

/** Mirrors assembly/game/gameBlock.ts (Phase). */
export const Phase = { Countdown: 0, Playing: 1, Ended: 2 } as const;

export const BUTTON_DASH = 1;
export const TICKS_PER_SECOND = 60;
export const Q16 = 65536;
