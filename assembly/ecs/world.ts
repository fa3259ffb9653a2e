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
// The module-level globals below cache the pointers of the selected world; every system reads
// them, and selectWorld switches them (see "worlds" below).

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

// Selected world (set by createWorld / selectWorld).
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

// ---- worlds ---------------------------------------------------------------------------------
// Several worlds can live in one module instance (a relay verifies hundreds of rooms without a
// wasm instance each): every world owns a block, the globals above point into the selected one.
// World 0 always exists and is selected at start, so a host that never asks for another one sees
// a single world. A block freed with freeWorld is kept for the next world that fits in it: the
// stub runtime cannot give memory back, so reuse is what bounds a long-running host.

class WorldRecord {
  block: usize = 0;
  blockBytes: usize = 0;
  cap: i32 = 0;
  ringSlots: i32 = 0;
  gridW: i32 = 0;
  gridH: i32 = 0;
  live: bool = true;
}

const worlds: WorldRecord[] = [new WorldRecord()];
/** Blocks of freed worlds (and blocks outgrown by a bigger match), waiting to be reused. */
const spareBlocks: usize[] = [];
const spareBlockBytes: usize[] = [];
let current: i32 = 0;

/** A new empty world (not selected); its block is laid out by createWorld once selected. */
export function newWorld(): i32 {
  for (let id = 1; id < worlds.length; id++) {
    let w = unchecked(worlds[id]);
    if (!w.live) {
      w.live = true;
      w.cap = w.ringSlots = w.gridW = w.gridH = 0;
      return id;
    }
  }
  worlds.push(new WorldRecord());
  return worlds.length - 1;
}

/** Point every system at world `id`. */
export function selectWorld(id: i32): void {
  assert(id >= 0 && id < worlds.length && worlds[id].live, "no such world (freed, or never made)");
  current = id;
  let w = worlds[id];
  layOut(w.block, w.cap, w.ringSlots, w.gridW, w.gridH);
}

/** Give back a world's memory (for the next world); world 0 cannot be freed. Selects world 0 if it was selected. */
export function freeWorld(id: i32): void {
  assert(id > 0 && id < worlds.length && worlds[id].live, "only a live world other than 0 can be freed");
  let w = worlds[id];
  if (w.block != 0) spareBlock(w.block, w.blockBytes);
  w.live = false;
  w.block = w.blockBytes = 0;
  if (current == id) selectWorld(0);
}

export function currentWorld(): i32 {
  return current;
}

/** Bytes of linear memory world `id` holds (0 before its first createWorld). */
export function worldBlockBytes(id: i32): usize {
  assert(id >= 0 && id < worlds.length && worlds[id].live, "no such world (freed, or never made)");
  return worlds[id].blockBytes;
}

function spareBlock(block: usize, bytes: usize): void {
  spareBlocks.push(block);
  spareBlockBytes.push(bytes);
}

/** Gives `w` the smallest spare block of at least `bytes`, or a new one. */
function takeBlock(w: WorldRecord, bytes: usize): void {
  let best = -1;
  for (let i = 0; i < spareBlocks.length; i++) {
    let size = unchecked(spareBlockBytes[i]);
    if (size >= bytes && (best < 0 || size < unchecked(spareBlockBytes[best]))) best = i;
  }
  if (best < 0) {
    w.block = align16(heap.alloc(bytes + 15));
    w.blockBytes = bytes;
    return;
  }
  w.block = spareBlocks[best];
  w.blockBytes = spareBlockBytes[best];
  let last = spareBlocks.length - 1;
  spareBlocks[best] = spareBlocks[last];
  spareBlockBytes[best] = spareBlockBytes[last];
  spareBlocks.pop();
  spareBlockBytes.pop();
}

function renderBytesFor(cap: i32): usize {
  let c = <usize>cap << 2;
  return align16(<usize>(FIELD_COUNT - STATE_FIELD_COUNT) * c + (c << 4) + (<usize>(1 + EVENT_RING * EVENT_WORDS) << 2));
}

function scratchBytesFor(cap: i32, gw: i32, gh: i32): usize {
  return align16((<usize>MAX_PLAYERS << 2) + ((<usize>(gw * gh) + 1) << 2) + 2 * (<usize>cap << 2));
}

/** Sets the pointer globals for a block laid out for these dimensions (all zero for an empty world). */
function layOut(block: usize, cap: i32, ringSlots: i32, gw: i32, gh: i32): void {
  let c = <usize>cap << 2;
  let arenaBytes: usize = block == 0 ? 0 : arenaBytesFor(cap);
  let renderBytes: usize = block == 0 ? 0 : renderBytesFor(cap);
  let cells = <usize>(gw * gh);
  gArena = block;
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
  gRing = gInputs + (block == 0 ? 0 : scratchBytesFor(cap, gw, gh));
  gRingSlots = ringSlots;
  gGridW = gw;
  gGridH = gh;
}

/**
 * Lay out and zero the selected world for `cap` entities inside the bounds [minX,maxX]×[minY,maxY]
 * (Q16.16), with a broadphase cell of `cellSize` (at least the largest diameter) and `ringSlots`
 * snapshots. Reuses the world's block when it is large enough, so starting a new match does not leak.
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

  let arenaBytes = arenaBytesFor(cap);
  let total = arenaBytes + renderBytesFor(cap) + scratchBytesFor(cap, gw, gh) + arenaBytes * <usize>ringSlots;

  let w = worlds[current];
  if (w.block == 0 || w.blockBytes < total) {
    if (w.block != 0) spareBlock(w.block, w.blockBytes);
    takeBlock(w, total);
  }
  w.cap = cap;
  w.ringSlots = ringSlots;
  w.gridW = gw;
  w.gridH = gh;
  memory.fill(w.block, 0, total);
  layOut(w.block, cap, ringSlots, gw, gh);

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
