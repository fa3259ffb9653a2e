// Stand-ins for what the rooms are given — a connection, a clock, the relay's stats — so the room
// and timeline logic can be driven tick by tick. Whatever a fake member receives goes through the
// real generated codecs, so a message the wire could not carry fails the test.

import {
  MessageType,
  type RelayMessage,
  decodeRelayPayload,
  encodePayload,
} from '../../protocol/generated/tessera.ts';
import type { RoomMember } from '../../relay/rooms/RoomMember.ts';
import type { DesyncEvent } from '../../relay/rooms/Room.ts';
import { type RoomLifecycleEvent, RoomService, type RoomServiceOptions } from '../../relay/rooms/RoomService.ts';
import type { Verification } from '../../relay/rooms/Verification.ts';
import { RelayStats } from '../../relay/stats.ts';

export type MessageOf<T extends RelayMessage['type']> = Extract<RelayMessage, { type: T }>;

export class FakeMember implements RoomMember {
  pingMs = 0;
  /** Everything received, decoded, in order. */
  readonly received: RelayMessage[] = [];
  /** The payloads handed to sendPayload, as given (to check they are shared, not re-encoded). */
  readonly payloads: Uint8Array[] = [];

  constructor(
    readonly playerId: string,
    readonly name = playerId,
  ) {}

  send(message: RelayMessage): void {
    this.received.push(decodeRelayPayload(MessageType[message.type], encodePayload(message)));
  }

  sendPayload(typeId: number, payload: Uint8Array): void {
    this.payloads.push(payload);
    this.received.push(decodeRelayPayload(typeId, payload));
  }

  all<T extends RelayMessage['type']>(type: T): MessageOf<T>[] {
    return this.received.filter((message): message is MessageOf<T> => message.type === type);
  }

  /** The last message received, which must be of `type`. */
  last<T extends RelayMessage['type']>(type: T): MessageOf<T> {
    const message = this.received.at(-1);
    if (message?.type !== type) throw new Error(`${this.playerId} expected ${type} last, got ${JSON.stringify(message)}`);
    return message as MessageOf<T>;
  }

  clear(): void {
    this.received.length = 0;
    this.payloads.length = 0;
  }
}

export const testRoomOptions: RoomServiceOptions = {
  tickRate: 60,
  inputDeadlineMs: 100,
  startDelayMs: 500,
  maxSpectators: 2,
  maxInputAheadTicks: 120,
  reconnectGraceMs: 20_000,
};

/** RelayStats that keep every observed tick lag. */
export function recordingStats(): RelayStats & { tickLags: number[] } {
  const stats = Object.assign(new RelayStats(), { tickLags: [] as number[] });
  stats.tickLagSink = (ms) => stats.tickLags.push(ms);
  return stats;
}

/** A RoomService on a clock the test moves by hand; verifying when given the relay's Verification. */
export function roomServiceForTest(options: Partial<RoomServiceOptions> = {}, verification: Verification | null = null) {
  const clock = { now: 0 };
  const stats = recordingStats();
  const lifecycle: RoomLifecycleEvent[] = [];
  const desyncs: DesyncEvent[] = [];
  const events = { lifecycle: (event: RoomLifecycleEvent) => lifecycle.push(event), desync: (event: DesyncEvent) => desyncs.push(event) };
  const service = new RoomService({ ...testRoomOptions, ...options }, () => clock.now, stats, events, verification);
  return { service, clock, stats, lifecycle, desyncs };
}
