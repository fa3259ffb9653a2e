// The world: one block of linear memory laid out once at creation, so the hot path never allocates.
//
//   [ state arena (hashed, snapshotted) ][ render region ][ scratch ][ snapshot ring ]
//
// State arena, in order: header (64 i32), entity table (generation, component mask, free-list
// link; each capacity × i32), state fields (STATE_FIELD_COUNT × capacity × i32), static boxes
// (MAX_BOXES × BOX_WORDS i32), game block (GAME_WORDS i32). Everything that decides the next
// tick lives here, so snapshot = one memory.copy and the state hash covers exactly this range.
// Render region: render-only fields, then 16 f32 per entity (instance matrices), then the event
// ring. Scratch: per-tick inputs and the broadphase grid, rebuilt every step, never hashed.
//
// The module-level globals below cache the pointers of the current world; every system reads
// them, and a host that hosts several worlds switches them with selectWorld.

import { FIELD_COUNT, STATE_FIELD_COUNT } from "./schema";

export const ARENA_MAGIC: i32 = 0x41525354; // "TSRA" little-endian
/** Bumped whenever the arena layout or the meaning of a state field changes. */
export const LAYOUT_VERSION: i32 = 1;

export const HEADER_WORDS: i32 = 64;
export const MAX_BOXES: i32 = 64;
export const BOX_WORDS: i32 = 8;
export const GAME_WORDS: i32 = 128;
export const MAX_PLAYERS: i32 = 8;
export const EVENT_RING: i32 = 64;
export const EVENT_WORDS: i32 = 4;

/** Header word indices (i32 offsets from the arena base). */
export const enum H {
  Magic = 0,
  Layout = 1,
  Capacity = 2,
  Tick = 3,
  Rng = 4,
  HighWater = 5, // entity slots ever used; queries scan [0, HighWater)
  FreeHead = 6, // first free slot below HighWater, -1 if none
  LiveCount = 7,
  MinX = 8,
  MinY = 9,
  MaxX = 10,
  MaxY = 11,
  CellSize = 12,
  BoxCount = 13,
  MaxSpeed = 14, // per-tick speed cap: below the smallest radius, so nothing tunnels
  WallRestitution = 15,
}

/** Box word indices. */
export const enum B {
  MinX = 0,
  MinY = 1,
  MaxX = 2,
  MaxY = 3,
  Restitution = 4,
  Friction = 5,
}

// Current world (set by createWorld / selectWorld).
export let gBlock: usize = 0;
export let gBlockBytes: usize = 0;
export let gArena: usize = 0;
export let gArenaBytes: i32 = 0;
export let gCap: i32 = 0;
export let gGen: usize = 0;
export let gMask: usize = 0;
export let gNext: usize = 0;
export let gStateFields: usize = 0;
export let gBoxes: usize = 0;
export let gGame: usize = 0;
export let gRenderFields: usize = 0;
export let gMatrices: usize = 0;
export let gEvents: usize = 0; // [count, then EVENT_RING × EVENT_WORDS]
export let gInputs: usize = 0;
export let gGridW: i32 = 0;
export let gGridH: i32 = 0;
export let gCellStart: usize = 0;
export let gCellBodies: usize = 0;
export let gBodyCell: usize = 0;
export let gRing: usize = 0;
export let gRingSlots: i32 = 0;

// @ts-ignore: decorator
@inline export function header(h: i32): i32 {
  return load<i32>(gArena + (<usize>h << 2));
}
// @ts-ignore: decorator
@inline export function setHeader(h: i32, v: i32): void {
  store<i32>(gArena + (<usize>h << 2), v);
}
/** Base pointer of a field's array in the current world. */
// @ts-ignore: decorator
@inline export function fieldPtr(f: i32): usize {
  return f < STATE_FIELD_COUNT
    ? gStateFields + <usize>f * (<usize>gCap << 2)
    : gRenderFields + <usize>(f - STATE_FIELD_COUNT) * (<usize>gCap << 2);
}
/** Field f of entity slot i (no handle check: for systems that already walk live slots). */
// @ts-ignore: decorator
@inline export function fieldAt(f: i32, i: i32): i32 {
  return load<i32>(fieldPtr(f) + (<usize>i << 2));
}
// @ts-ignore: decorator
@inline export function setFieldAt(f: i32, i: i32, v: i32): void {
  store<i32>(fieldPtr(f) + (<usize>i << 2), v);
}
// @ts-ignore: decorator
@inline export function boxPtr(b: i32): usize {
  return gBoxes + (<usize>(b * BOX_WORDS) << 2);
}
// @ts-ignore: decorator
@inline export function gameWord(w: i32): i32 {
  return load<i32>(gGame + (<usize>w << 2));
}
// @ts-ignore: decorator
@inline export function setGameWord(w: i32, v: i32): void {
  store<i32>(gGame + (<usize>w << 2), v);
}

function align16(n: usize): usize {
  return (n + 15) & ~(<usize>15);
}

/** Bytes of the hashed state arena for a capacity (multiple of 16, which the hash relies on). */
export function arenaBytesFor(cap: i32): usize {
  let c = <usize>cap << 2;
  return align16(
    (<usize>HEADER_WORDS << 2) + 3 * c + <usize>STATE_FIELD_COUNT * c +
      (<usize>(MAX_BOXES * BOX_WORDS) << 2) + (<usize>GAME_WORDS << 2),
  );
}

/**
 * Lay out and zero a world for `cap` entities inside the bounds [minX,maxX]×[minY,maxY] (Q16.16),
 * with a broadphase cell of `cellSize` (at least the largest diameter) and `ringSlots` snapshots.
 * Reuses the previous block when it is large enough, so starting a new match does not leak.
 */
export function createWorld(
  cap: i32, ringSlots: i32, cellSize: i32,
  minX: i32, minY: i32, maxX: i32, maxY: i32, maxSpeed: i32,
): void {
  assert(cap > 0 && cap <= (1 << 20), "world capacity must be 1..1048576 entities");
  assert(ringSlots >= 0 && ringSlots <= 256, "snapshot ring must hold 0..256 slots");
  assert(maxX > minX && maxY > minY, "world bounds are empty");
  assert(cellSize > 0, "broadphase cell size must be positive");
  let gw = <i32>((<i64>maxX - <i64>minX + cellSize - 1) / cellSize);
  let gh = <i32>((<i64>maxY - <i64>minY + cellSize - 1) / cellSize);
  assert(<i64>gw * <i64>gh <= (1 << 24), "broadphase grid too fine for the bounds: raise the cell size");

  let c = <usize>cap << 2;
  let arenaBytes = arenaBytesFor(cap);
  let renderBytes = align16(<usize>(FIELD_COUNT - STATE_FIELD_COUNT) * c + (c << 4) +
    (<usize>(1 + EVENT_RING * EVENT_WORDS) << 2));
  let cells = <usize>(gw * gh);
  let scratchBytes = align16((<usize>MAX_PLAYERS << 2) + ((cells + 1) << 2) + 2 * c);
  let total = arenaBytes + renderBytes + scratchBytes + arenaBytes * <usize>ringSlots;

  if (gBlock == 0 || gBlockBytes < total) {
    gBlock = align16(heap.alloc(total + 15));
    gBlockBytes = total;
  }
  memory.fill(gBlock, 0, total);

  gArena = gBlock;
  gArenaBytes = <i32>arenaBytes;
  gCap = cap;
  gGen = gArena + (<usize>HEADER_WORDS << 2);
  gMask = gGen + c;
  gNext = gMask + c;
  gStateFields = gNext + c;
  gBoxes = gStateFields + <usize>STATE_FIELD_COUNT * c;
  gGame = gBoxes + (<usize>(MAX_BOXES * BOX_WORDS) << 2);
  gRenderFields = gArena + arenaBytes;
  gMatrices = gRenderFields + <usize>(FIELD_COUNT - STATE_FIELD_COUNT) * c;
  gEvents = gMatrices + (c << 4);
  gInputs = gRenderFields + renderBytes;
  gCellStart = gInputs + (<usize>MAX_PLAYERS << 2);
  gCellBodies = gCellStart + ((cells + 1) << 2);
  gBodyCell = gCellBodies + c;
  gRing = gInputs + scratchBytes;
  gRingSlots = ringSlots;
  gGridW = gw;
  gGridH = gh;

  setHeader(H.Magic, ARENA_MAGIC);
  setHeader(H.Layout, LAYOUT_VERSION);
  setHeader(H.Capacity, cap);
  setHeader(H.FreeHead, -1);
  setHeader(H.MinX, minX);
  setHeader(H.MinY, minY);
  setHeader(H.MaxX, maxX);
  setHeader(H.MaxY, maxY);
  setHeader(H.CellSize, cellSize);
  setHeader(H.MaxSpeed, maxSpeed);
  setHeader(H.WallRestitution, 1 << 16);
}

/** Add a static axis-aligned box (wall or obstacle). */
export function addBox(minX: i32, minY: i32, maxX: i32, maxY: i32, restitution: i32, friction: i32): void {
  let n = header(H.BoxCount);
  assert(n < MAX_BOXES, "too many static boxes (MAX_BOXES = 64)");
  assert(maxX > minX && maxY > minY, "a static box must have a positive size");
  let p = boxPtr(n);
  store<i32>(p, minX, B.MinX << 2);
  store<i32>(p, minY, B.MinY << 2);
  store<i32>(p, maxX, B.MaxX << 2);
  store<i32>(p, maxY, B.MaxY << 2);
  store<i32>(p, restitution, B.Restitution << 2);
  store<i32>(p, friction, B.Friction << 2);
  setHeader(H.BoxCount, n + 1);
}
