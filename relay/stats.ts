// Counters the hot paths bump as plain numbers; relay/metrics.ts reads them when Prometheus
// scrapes. Calling prom-client per message would cost a label lookup and a hash per call at
// tens of thousands of messages a second — an increment here costs nothing.

/** Counts keyed by a close code (rejected frames, auth rejections, closes). */
export type CountsByCode = Map<number, number>;

export class RelayStats {
  connectionsOpened = 0;
  /** Every closed connection, by the close code (sent or received; 1006 when none). */
  readonly connectionsClosed: CountsByCode = new Map();
  messagesIn = 0;
  bytesIn = 0;
  messagesOut = 0;
  bytesOut = 0;
  /** Frames that closed their connection, by close code (frame checks, seq, limits, ws 1009). */
  readonly rejectedFrames: CountsByCode = new Map();
  /** Connections refused during the handshake, by close code (auth*, originNotAllowed). */
  readonly authRejections: CountsByCode = new Map();
  ticksConfirmed = 0;
  /** Ticks confirmed because the deadline passed with a seat's input missing. */
  ticksByDeadline = 0;
  inputsAccepted = 0;
  /** Inputs for a tick already confirmed (dropped). */
  inputsLate = 0;
  /** Inputs too far ahead of the room's frontier (dropped). */
  inputsEarly = 0;
  roomsCreated = 0;
  roomsClosed = 0;
  /** StateHashes equal to the relay's. */
  stateHashesMatched = 0;
  /** StateHashes that differed from the relay's (each logged as a desync). */
  desyncs = 0;
  /** StateHashes not compared: not a checkpoint tick, not confirmed yet, out of the window, stale, or no verification. */
  stateHashesIgnored = 0;
  /** Snapshots sent to a desynced client. */
  resyncs = 0;
  /** Snapshots sent to a member joining a running match (lateJoin) or coming back to its seat (reconnect). */
  lateJoinSnapshots = 0;
  reconnects = 0;
  /** Where observeTickLag goes (the metrics histogram); nothing until metrics are attached. */
  tickLagSink: ((ms: number) => void) | null = null;

  /** How late a tick was confirmed after its nominal time, in ms. */
  observeTickLag(ms: number): void {
    this.tickLagSink?.(ms);
  }

  static count(counts: CountsByCode, code: number): void {
    counts.set(code, (counts.get(code) ?? 0) + 1);
  }
}
