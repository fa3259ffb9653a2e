// The relay's clock as seen from this client, from Ping/Pong round trips (NTP's estimate): a Pong
// that came back fast says the most about the offset, since its two legs can differ least, so the
// offset is the one of the shortest round trip among the last few (a min-RTT filter). The spread of
// the round trips is the jitter the pacer keeps as a margin; their mean and spread set a match's
// input delay (autoInputDelay).

/** Round trips remembered: about 16 s at one Ping a second. */
const WINDOW = 16;

export class RelayClock {
  private readonly rtts = new Float64Array(WINDOW);
  private readonly offsets = new Float64Array(WINDOW);
  private count = 0;
  private next = 0;
  private latest = 0;

  /** A Pong: our clock when the Ping left (echoed clientTime), the relay's clock, our clock now. */
  sample(sentAt: number, relayTime: number, receivedAt: number): void {
    const rtt = receivedAt - sentAt;
    if (!(rtt >= 0)) return; // a Pong for a clock other than ours (or garbage): no information
    this.rtts[this.next] = rtt;
    this.offsets[this.next] = relayTime - (sentAt + rtt / 2);
    this.next = (this.next + 1) % WINDOW;
    this.count = Math.min(this.count + 1, WINDOW);
    this.latest = rtt;
  }

  get synced(): boolean {
    return this.count > 0;
  }

  /** The last round trip (what a player sees as ping), ms; 0 before the first Pong. */
  get latestRttMs(): number {
    return this.latest;
  }

  /** The shortest round trip remembered, ms. */
  get rttMs(): number {
    return this.count === 0 ? 0 : this.rtts[this.best()]!;
  }

  /**
   * The mean of the remembered round trips, ms (0 before the first Pong): what an input's trip
   * typically takes, where rttMs is the luckiest one (right for the offset, short of most trips).
   */
  get meanRttMs(): number {
    if (this.count === 0) return 0;
    let sum = 0;
    for (let i = 0; i < this.count; i++) sum += this.rtts[i]!;
    return sum / this.count;
  }

  /** Mean absolute deviation of the remembered round trips from their mean, ms. */
  get jitterMs(): number {
    if (this.count === 0) return 0;
    const mean = this.meanRttMs;
    let deviation = 0;
    for (let i = 0; i < this.count; i++) deviation += Math.abs(this.rtts[i]! - mean);
    return deviation / this.count;
  }

  /** Relay clock minus ours, ms (0 before the first Pong). */
  get offsetMs(): number {
    return this.count === 0 ? 0 : this.offsets[this.best()]!;
  }

  private best(): number {
    let best = 0;
    for (let i = 1; i < this.count; i++) if (this.rtts[i]! < this.rtts[best]!) best = i;
    return best;
  }
}
