// One running room's verification: a sim world stepped with every confirmed tick as it is
// confirmed, the hash of every checkpoint (each hashInterval-th tick) for comparing clients'
// StateHashes, and snapshots of the confirmed state for late joiners, reconnects and resyncs.
// Stepping runs once per confirmed tick of every room: no allocation there.

import { hex32 } from '../../host/Sim.ts';
import type { SimWorld } from '../../host/SimWorld.ts';
import type { Frames, Snapshot, SnapshotReason } from '../../protocol/generated/tessera.ts';

/**
 * StateHashes are compared for the last this many checkpoints (at the default interval, 32 s):
 * a client that far behind is resynced by other means, and an older claim proves nothing now.
 */
export const COMPARE_WINDOW_CHECKPOINTS = 64;

export class RoomVerifier {
  /** The world's sim tick: every confirmed tick before it has been stepped. */
  private simTick = 0;
  /** Hash at tick k·hashInterval for k < checkpointCount; doubles when full (4 bytes per checkpoint). */
  private checkpoints = new Uint32Array(64);
  private checkpointCount = 0;

  constructor(
    private readonly world: SimWorld,
    readonly hashInterval: number,
  ) {
    this.record();
  }

  get tick(): number {
    return this.simTick;
  }

  get memoryBytes(): number {
    return this.world.memoryBytes + this.checkpoints.byteLength;
  }

  /** Steps the world through newly confirmed ticks (called with every Frames batch, in order). */
  step(frames: Frames): void {
    const ticks = frames.ticks;
    for (let i = 0; i < ticks.length; i++) {
      this.world.stepWith(ticks[i]!.inputs);
      this.simTick++;
      if (this.simTick % this.hashInterval === 0) this.record();
    }
  }

  /**
   * The relay's hash at `tick`, or -1 when there is none to compare with: not a checkpoint, not
   * confirmed yet, or older than the comparison window.
   */
  hashAt(tick: number): number {
    if (tick % this.hashInterval !== 0) return -1;
    const k = tick / this.hashInterval;
    if (k >= this.checkpointCount || k < this.checkpointCount - COMPARE_WINDOW_CHECKPOINTS) return -1;
    return this.checkpoints[k]!;
  }

  /** Every checkpoint so far as [tick, hash as 8 hex digits] (the admin endpoint). */
  checkpointList(): [number, string][] {
    return Array.from(this.checkpoints.subarray(0, this.checkpointCount), (hash, k) => [k * this.hashInterval, hex32(hash)]);
  }

  /** The confirmed state now (at `tick`), for a client to replace its own with. */
  snapshot(reason: SnapshotReason, desync?: { tick: number; clientHash: number; relayHash: number }): Snapshot {
    return {
      type: 'Snapshot',
      reason,
      tick: this.simTick,
      hash: this.world.hash(),
      desyncTick: desync?.tick ?? 0,
      clientHash: desync?.clientHash ?? 0,
      relayHash: desync?.relayHash ?? 0,
      state: this.world.copyState(),
    };
  }

  /** The room closed: its world goes back to the relay's sim. */
  free(): void {
    this.world.free();
  }

  private record(): void {
    if (this.checkpointCount === this.checkpoints.length) {
      const grown = new Uint32Array(this.checkpoints.length * 2);
      grown.set(this.checkpoints);
      this.checkpoints = grown;
    }
    this.checkpoints[this.checkpointCount++] = this.world.hash();
  }
}
