/** Bucket width: fine enough for p50/p99 of a 60 Hz relay, where a tick is 16.7 ms. */
const bucketMs = 0.01;
/** Buckets up to 1 s; anything slower shares one overflow bucket (reported as the largest value seen). */
const bucketCount = 100_000;

/** A histogram as it crosses a thread boundary (structured clone). */
export interface LatencySnapshot {
  readonly counts: Uint32Array;
  readonly count: number;
  readonly maxMs: number;
}

/**
 * Latencies in fixed 0.01 ms buckets: recording costs one increment and no allocation, so it keeps
 * up with millions of samples a second, and histograms from several threads add up exactly.
 */
export class LatencyHistogram {
  private readonly counts = new Uint32Array(bucketCount + 1);
  private total = 0;
  private maxMs = 0;

  get count(): number {
    return this.total;
  }

  record(ms: number): void {
    const bucket = ms <= 0 ? 0 : Math.min(Math.floor(ms / bucketMs), bucketCount);
    this.counts[bucket]!++;
    this.total++;
    if (ms > this.maxMs) this.maxMs = ms;
  }

  /** Nearest-rank percentile (p in 0..100) as its bucket's midpoint; null when empty. */
  percentile(p: number): number | null {
    if (this.total === 0) return null;
    const rank = Math.max(1, Math.ceil((p / 100) * this.total));
    let seen = 0;
    for (let bucket = 0; bucket < bucketCount; bucket++) {
      seen += this.counts[bucket]!;
      if (seen >= rank) return Math.min((bucket + 0.5) * bucketMs, this.maxMs);
    }
    return this.maxMs;
  }

  add(snapshot: LatencySnapshot): void {
    for (let bucket = 0; bucket <= bucketCount; bucket++) this.counts[bucket]! += snapshot.counts[bucket]!;
    this.total += snapshot.count;
    if (snapshot.maxMs > this.maxMs) this.maxMs = snapshot.maxMs;
  }

  snapshot(): LatencySnapshot {
    return { counts: this.counts.slice(), count: this.total, maxMs: this.maxMs };
  }
}
