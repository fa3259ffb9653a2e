import type { BotsOutcome, BotsPlan } from './runBots.ts';

/** What a bots run measured (the --json line); latencies in ms, over the measuring window. */
export interface BotsReport {
  readonly rooms: number;
  readonly players: number;
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
}

const round = (value: number | null, digits: number): number | null => (value === null ? null : Number(value.toFixed(digits)));

export function summarizeBots(plan: BotsPlan, outcome: BotsOutcome): BotsReport {
  const { counts, pairLatency, ownRoundTrip, closes } = outcome.tally;
  const windowS = plan.schedule.windowMs / 1000;
  const messagesPerS = counts.bundles / windowS;
  const unconfirmed = counts.sent - counts.ownConfirmed - counts.ownRepeated;
  const closed = Object.fromEntries(closes);
  const closeCount = [...closes.values()].reduce((n, c) => n + c, 0);
  return {
    rooms: plan.rooms,
    players: plan.players,
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
  };
}
