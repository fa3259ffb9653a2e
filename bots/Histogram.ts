/** A histogram as it crosses a thread boundary (structured clone). */
export interface HistogramSnapshot {
  readonly counts: Uint32Array;
  readonly count: number;
  readonly max: number;
}

/**
 * Values in fixed-width buckets: recording costs one increment and no allocation, so it keeps up
 * with millions of samples a second, and histograms from several threads add up exactly. Values
 * past the last bucket share one overflow bucket, reported as the largest value seen.
 */
export class Histogram {
  private readonly counts: Uint32Array;
  private total = 0;
  private max = 0;

  /**
   * bucketsPerUnit: 100 puts latencies in 0.01 ms buckets, 1 counts whole ticks exactly; a
   * multiplier rather than a width, so whole values land in their own bucket without rounding error.
   */
  private constructor(
    private readonly bucketsPerUnit: number,
    private readonly bucketCount: number,
  ) {
    this.counts = new Uint32Array(bucketCount + 1);
  }

  /** Latencies in 0.01 ms buckets up to 1 s: fine enough for p50/p99 of a 60 Hz relay, where a tick is 16.7 ms. */
  static latencyMs(): Histogram {
    return new Histogram(100, 100_000);
  }

  /** Whole tick counts (rollback depths) up to 1000. */
  static ticks(): Histogram {
    return new Histogram(1, 1000);
  }

  get count(): number {
    return this.total;
  }

  record(value: number): void {
    const bucket = value <= 0 ? 0 : Math.min(Math.floor(value * this.bucketsPerUnit), this.bucketCount);
    this.counts[bucket]!++;
    this.total++;
    if (value > this.max) this.max = value;
  }

  /** Nearest-rank percentile (p in 0..100) as its bucket's lower edge; null when empty. */
  percentile(p: number): number | null {
    if (this.total === 0) return null;
    const rank = Math.max(1, Math.ceil((p / 100) * this.total));
    let seen = 0;
    for (let bucket = 0; bucket < this.bucketCount; bucket++) {
      seen += this.counts[bucket]!;
      if (seen >= rank) return bucket / this.bucketsPerUnit;
    }
    return this.max;
  }

  /** Adds a snapshot of a histogram made by the same factory. */
  add(snapshot: HistogramSnapshot): void {
    if (snapshot.counts.length !== this.counts.length) throw new RangeError(`histogram of ${snapshot.counts.length} buckets added to one of ${this.counts.length}`);
    for (let bucket = 0; bucket <= this.bucketCount; bucket++) this.counts[bucket]! += snapshot.counts[bucket]!;
    this.total += snapshot.count;
    if (snapshot.max > this.max) this.max = snapshot.max;
  }

  snapshot(): HistogramSnapshot {
    return { counts: this.counts.slice(), count: this.total, max: this.max };
  }
}
