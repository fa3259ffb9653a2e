// Snapshot ring: the state arena copied whole (one memory.copy) into slot tick % ringSlots.
// Rollback, save games, late-join snapshots and replay checkpoints all use this one mechanism.

import { H, header, gArena, gArenaBytes, gRing, gRingSlots } from "../ecs/world";
import { xxhash32 } from "./xxhash32";

// @ts-ignore: decorator
@inline function slotPtr(tick: i32): usize {
  return gRing + <usize>(<u32>tick % <u32>gRingSlots) * <usize>gArenaBytes;
}

/** Store the current state in the ring slot of the current tick. */
export function snapshot(): void {
  assert(gRingSlots > 0, "this world has no snapshot ring (ringSlots = 0)");
  memory.copy(slotPtr(header(H.Tick)), gArena, <usize>gArenaBytes);
}

/** Bring back the state saved at `tick`; false (state untouched) if the ring no longer holds it. */
export function restore(tick: i32): bool {
  if (gRingSlots == 0 || tick < 0) return false;
  let slot = slotPtr(tick);
  if (load<i32>(slot + (<usize>H.Tick << 2)) != tick || load<i32>(slot) != load<i32>(gArena)) return false;
  memory.copy(gArena, slot, <usize>gArenaBytes);
  return true;
}

/** xxHash32 of the whole state arena: the state hash every host must agree on. */
export function stateHash(): u32 {
  return xxhash32(gArena, <usize>gArenaBytes, 0);
}
