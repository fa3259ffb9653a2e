// Entity handles: (generation << 20) | index. Index < 2^20, generation 1..2047, so a handle is a
// positive i32 and 0 is never valid. Destroying an entity bumps its slot's generation, so every
// handle to it goes stale at once; slots are reused last-freed-first through a free list in the
// arena, which keeps ids stable and identical under rollback and replay.

import { FIELD_COUNT, COMPONENT_COUNT, componentFirstField, componentFieldCount } from "./schema";
import { H, header, setHeader, gCap, gGen, gMask, gNext, fieldPtr } from "./world";

export const INDEX_BITS: i32 = 20;
export const INDEX_MASK: i32 = (1 << INDEX_BITS) - 1;
export const MAX_GENERATION: i32 = 2047;
/** Set in the mask of every live slot, so a live entity with no components is still live. */
export const ALIVE: u32 = 1 << 31;
export const INVALID: i32 = 0;

// @ts-ignore: decorator
@inline export function handleIndex(h: i32): i32 {
  return h & INDEX_MASK;
}
// @ts-ignore: decorator
@inline export function makeHandle(index: i32, generation: i32): i32 {
  return (generation << INDEX_BITS) | index;
}
// @ts-ignore: decorator
@inline export function maskAt(i: i32): u32 {
  return load<u32>(gMask + (<usize>i << 2));
}
// @ts-ignore: decorator
@inline export function generationAt(i: i32): i32 {
  return load<i32>(gGen + (<usize>i << 2));
}

/** True when the handle names a live entity of this generation. */
export function isAlive(h: i32): bool {
  let i = handleIndex(h);
  if (h <= 0 || i >= header(H.HighWater)) return false;
  return (maskAt(i) & ALIVE) != 0 && generationAt(i) == (h >>> INDEX_BITS);
}

/** A new entity with the given components (fields zeroed), or INVALID when capacity is exhausted. */
export function spawn(components: u32): i32 {
  let i = header(H.FreeHead);
  if (i >= 0) {
    setHeader(H.FreeHead, load<i32>(gNext + (<usize>i << 2)));
  } else {
    i = header(H.HighWater);
    if (i >= gCap) return INVALID;
    setHeader(H.HighWater, i + 1);
  }
  let gen = generationAt(i) % MAX_GENERATION + 1;
  store<i32>(gGen + (<usize>i << 2), gen);
  store<u32>(gMask + (<usize>i << 2), ALIVE | components);
  store<i32>(gNext + (<usize>i << 2), -1);
  setHeader(H.LiveCount, header(H.LiveCount) + 1);
  clearFields(i);
  return makeHandle(i, gen);
}

/** Destroy a live entity; a stale or invalid handle is rejected (returns false) and changes nothing. */
export function despawn(h: i32): bool {
  if (!isAlive(h)) return false;
  let i = handleIndex(h);
  store<u32>(gMask + (<usize>i << 2), 0);
  // Bump now so every outstanding handle is stale; zero the fields so the arena stays canonical.
  store<i32>(gGen + (<usize>i << 2), generationAt(i) % MAX_GENERATION + 1);
  clearFields(i);
  store<i32>(gNext + (<usize>i << 2), header(H.FreeHead));
  setHeader(H.FreeHead, i);
  setHeader(H.LiveCount, header(H.LiveCount) - 1);
  return true;
}

/** Add components to a live entity (new fields start at zero); false for a stale handle. */
export function addComponents(h: i32, components: u32): bool {
  if (!isAlive(h)) return false;
  let i = handleIndex(h);
  let had = maskAt(i);
  let added = components & ~had;
  for (let c = 0; c < COMPONENT_COUNT; c++) {
    if ((added & (1 << c)) == 0) continue;
    let first = componentFirstField(c);
    let count = componentFieldCount(c);
    for (let f = first; f < first + count; f++) store<i32>(fieldPtr(f) + (<usize>i << 2), 0);
  }
  store<u32>(gMask + (<usize>i << 2), had | components);
  return true;
}

/** Remove components from a live entity; false for a stale handle. */
export function removeComponents(h: i32, components: u32): bool {
  if (!isAlive(h)) return false;
  let i = handleIndex(h);
  store<u32>(gMask + (<usize>i << 2), maskAt(i) & ~(components & ~ALIVE));
  return true;
}

function clearFields(i: i32): void {
  for (let f = 0; f < FIELD_COUNT; f++) store<i32>(fieldPtr(f) + (<usize>i << 2), 0);
}

// Queries: scan slots in index order (never hash order) and keep those whose mask holds every
// required bit. With ALIVE folded into the required bits, dead slots never match.
// @ts-ignore: decorator
@inline export function matches(i: i32, required: u32): bool {
  return (maskAt(i) & (required | ALIVE)) == (required | ALIVE);
}

/** Number of live entities that have every component in `required`. */
export function queryCount(required: u32): i32 {
  let n = 0;
  let end = header(H.HighWater);
  for (let i = 0; i < end; i++) if (matches(i, required)) n++;
  return n;
}

