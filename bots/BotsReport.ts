import type { BotsOutcome, BotsPlan } from './runBots.ts';

/** What the rollback sessions measured (--sim); rollbacks, depth, resimulation and stalls over the window. */
export interface NetcodeReport {
  /** The input delay the bots' matches chose from their links, in ticks: the least and the most over the bots. */
  readonly input_delay_min: number | null;
  readonly input_delay_max: number | null;
  /** Ticks gone back per rollback, over the rollbacks that happened. */
  readonly rollback_depth_p50: number | null;
  readonly rollback_depth_p99: number | null;
  readonly rollback_depth_max: number | null;
  readonly rollbacks: number;
  /** Ticks stepped again after rollbacks, per second, over all bots. */
  readonly resimulated_ticks_per_s: number;
  /** Times a session's frame stopped at its prediction window instead of predicting further, all bots. */
  readonly stalls: number;
  /** Over the whole run: the relay found a bot's state hash wrong. */
  readonly desyncs: number;
  /** Relay snapshots applied (after desyncs, late joins, reconnects). */
  readonly resyncs: number;
  readonly reconnects: number;
}

/** What a bots run measured (the --json line); latencies in ms, over the measuring window. */
export interface BotsReport {
  readonly rooms: number;
  readonly players: number;
  /** One-way delay per direction through the fault proxy; null when the bots went straight to the relay. */
  readonly proxy: { readonly latency_ms: number; readonly jitter_ms: number } | null;
  readonly bots: number;
  /** Bots in a running match and still connected at the end of the window. */
  readonly ccu: number;
  readonly window_s: number;
  /** Bundles (Frames) received per second over all bots; ideal: ccu × 60. */
  readonly messages_per_s: number;
  readonly messages_per_s_per_bot: number;
  /** Own input's clientTime → the Frames carrying its tick, at the same bot. */
  readonly rtt_p50_ms: number | null;
  readonly rtt_p99_ms: number | null;
  /** Receive time − sender timestamp over every (input, receiving member) pair. */
  readonly latency_p50_ms: number | null;
  readonly latency_p99_ms: number | null;
  readonly inputs_sent: number;
  /** Sends skipped because a bot's thread fell behind the tick clock (not the relay's doing). */
  readonly skipped_sends: number;
  /** Deliveries ÷ (inputs sent × room members), in %. */
  readonly delivered_pct: number | null;
  /** Own inputs the relay repeated instead of using, and own inputs never confirmed. */
  readonly drops: { readonly repeated: number; readonly unconfirmed: number; readonly total: number };
  readonly errors: {
    readonly total: number;
    /** Unexpected closes by "code name". */
    readonly closes: Readonly<Record<string, number>>;
    readonly room_requests_failed: number;
    readonly decode_errors: number;
    /** Bots whose room never opened; first_failure says why the first one did not. */
    readonly connect_failed: number;
    readonly first_failure: string | null;
  };
  /** Present with --sim only. */
  readonly netcode: NetcodeReport | null;
}

const round = (value: number | null, digits: number): number | null => (value === null ? null : Number(value.toFixed(digits)));

export function summarizeBots(plan: BotsPlan, outcome: BotsOutcome): BotsReport {
  const { counts, pairLatency, ownRoundTrip, rollbackDepth, inputDelay, closes } = outcome.tally;
  const windowS = plan.schedule.windowMs / 1000;
  const messagesPerS = counts.bundles / windowS;
  const unconfirmed = counts.sent - counts.ownConfirmed - counts.ownRepeated;
  const closed = Object.fromEntries(closes);
  const closeCount = [...closes.values()].reduce((n, c) => n + c, 0);
  return {
    rooms: plan.rooms,
    players: plan.players,
    proxy: plan.proxy ? { latency_ms: plan.proxy.latencyMs, jitter_ms: plan.proxy.jitterMs } : null,
    bots: plan.rooms * plan.players,
    ccu: outcome.ccu,
    window_s: windowS,
    messages_per_s: round(messagesPerS, 1)!,
    messages_per_s_per_bot: round(outcome.ccu === 0 ? 0 : messagesPerS / outcome.ccu, 2)!,
    rtt_p50_ms: round(ownRoundTrip.percentile(50), 2),
    rtt_p99_ms: round(ownRoundTrip.percentile(99), 2),
    latency_p50_ms: round(pairLatency.percentile(50), 2),
    latency_p99_ms: round(pairLatency.percentile(99), 2),
    inputs_sent: counts.sent,
    skipped_sends: counts.skipped,
    delivered_pct: counts.expectedDeliveries === 0 ? null : round((100 * counts.deliveries) / counts.expectedDeliveries, 3),
    drops: { repeated: counts.ownRepeated, unconfirmed, total: counts.ownRepeated + unconfirmed },
    errors: {
      total: closeCount + counts.roomRequestsFailed + counts.decodeErrors + counts.connectFailed,
      closes: closed,
      room_requests_failed: counts.roomRequestsFailed,
      decode_errors: counts.decodeErrors,
      connect_failed: counts.connectFailed,
      first_failure: outcome.firstError,
    },
    netcode: plan.sim
      ? {
          input_delay_min: inputDelay.percentile(0),
          input_delay_max: inputDelay.percentile(100),
          rollback_depth_p50: rollbackDepth.percentile(50),
          rollback_depth_p99: rollbackDepth.percentile(99),
          rollback_depth_max: rollbackDepth.percentile(100),
          rollbacks: counts.rollbacks,
          resimulated_ticks_per_s: round(counts.resimulatedTicks / windowS, 1)!,
          stalls: counts.stalls,
          desyncs: counts.desyncs,
          resyncs: counts.resyncs,
          reconnects: counts.reconnects,
        }
      : null,
  };
}
