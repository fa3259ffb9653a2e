// GET /metrics: Prometheus text from the relay's own registry (never prom-client's global one,
// so two relays in one process — tests, the bench — do not mix). Counters and gauges read
// RelayStats and the live counts when scraped; only the tick-lag histogram is fed as ticks are
// confirmed (once per room tick, not per message).

import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import { closeCodeName } from '../protocol/closeCodeName.ts';
import type { CountsByCode, RelayStats } from './stats.ts';

/** What exists right now (gauges), as opposed to what happened (RelayStats' counters). */
export interface LiveCounts {
  connections(): number;
  rooms(): number;
  roomMembers(): number;
  /** Linear-memory bytes of the running rooms' verifier worlds. */
  verifierBytes(): number;
}

export interface RelayMetrics {
  readonly contentType: string;
  text(): Promise<string>;
}

const PREFIX = 'tessera_relay_';
/** Tick lag buckets in ms: a tick confirmed on arrival lags ~0; one confirmed by the deadline lags about the deadline. */
const TICK_LAG_BUCKETS_MS = [1, 2, 5, 10, 20, 50, 100, 150, 200, 500, 1000];

export function createRelayMetrics(stats: RelayStats, live: LiveCounts): RelayMetrics {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: PREFIX });

  const gauge = (name: string, help: string, read: () => number): void => {
    new Gauge({ name: PREFIX + name, help, registers: [registry], collect() { this.set(read()); } });
  };
  const counter = (name: string, help: string, read: () => number): void => {
    new Counter({ name: PREFIX + name, help, registers: [registry], collect() { this.reset(); this.inc(read()); } });
  };
  const counterByCode = (name: string, help: string, counts: CountsByCode): void => {
    new Counter({
      name: PREFIX + name,
      help,
      labelNames: ['reason', 'code'],
      registers: [registry],
      collect() {
        this.reset();
        for (const [code, count] of counts) this.inc({ reason: closeCodeName(code), code: String(code) }, count);
      },
    });
  };

  gauge('connections', 'Open WebSocket connections (authenticated or not).', live.connections);
  gauge('rooms', 'Rooms in the lobby or running.', live.rooms);
  gauge('room_members', 'Players and spectators in rooms.', live.roomMembers);
  gauge('verifier_bytes', 'Sim memory of the running rooms\' verifier worlds, in bytes.', live.verifierBytes);
  counter('connections_opened_total', 'WebSocket connections accepted.', () => stats.connectionsOpened);
  counterByCode('connections_closed_total', 'Closed connections by close code.', stats.connectionsClosed);
  counter('messages_received_total', 'Frames received from clients.', () => stats.messagesIn);
  counter('messages_sent_total', 'Frames sent to clients.', () => stats.messagesOut);
  counter('received_bytes_total', 'WebSocket message bytes received (frame headers included).', () => stats.bytesIn);
  counter('sent_bytes_total', 'WebSocket message bytes sent (frame headers included).', () => stats.bytesOut);
  counterByCode('rejected_frames_total', 'Frames that closed their connection, by close code.', stats.rejectedFrames);
  counterByCode('auth_rejections_total', 'Connections refused at authentication, by close code.', stats.authRejections);
  counter('rooms_created_total', 'Rooms created.', () => stats.roomsCreated);
  counter('rooms_closed_total', 'Rooms removed.', () => stats.roomsClosed);
  counter('ticks_confirmed_total', 'Ticks confirmed in running rooms.', () => stats.ticksConfirmed);
  counter('ticks_confirmed_by_deadline_total', 'Ticks confirmed by the deadline with an input missing.', () => stats.ticksByDeadline);
  counter('desyncs_total', 'StateHashes that differed from the relay\'s own (each is logged as "desync").', () => stats.desyncs);
  counter('resyncs_total', 'Snapshots sent to a desynced client.', () => stats.resyncs);
  counter('reconnects_total', 'Players back in their held seat within the reconnect grace.', () => stats.reconnects);
  counter('late_join_snapshots_total', 'Snapshots sent to members joining a running match.', () => stats.lateJoinSnapshots);
  new Counter({
    name: PREFIX + 'state_hashes_total',
    help: 'StateHashes received from clients, by what became of them.',
    labelNames: ['outcome'],
    registers: [registry],
    collect() {
      this.reset();
      this.inc({ outcome: 'matched' }, stats.stateHashesMatched);
      this.inc({ outcome: 'desync' }, stats.desyncs);
      this.inc({ outcome: 'ignored' }, stats.stateHashesIgnored);
    },
  });
  new Counter({
    name: PREFIX + 'inputs_total',
    help: 'Inputs received from players, by what became of them.',
    labelNames: ['outcome'],
    registers: [registry],
    collect() {
      this.reset();
      this.inc({ outcome: 'accepted' }, stats.inputsAccepted);
      this.inc({ outcome: 'late' }, stats.inputsLate);
      this.inc({ outcome: 'early' }, stats.inputsEarly);
    },
  });
  const tickLag = new Histogram({
    name: PREFIX + 'tick_lag_ms',
    help: 'How long after its nominal time a tick was confirmed, in ms.',
    buckets: TICK_LAG_BUCKETS_MS,
    registers: [registry],
  });
  stats.tickLagSink = (ms) => tickLag.observe(ms);

  return { contentType: registry.contentType, text: () => registry.metrics() };
}
