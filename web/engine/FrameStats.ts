// CPU time per frame for the HUD: medians over a short window, so one GC pause does not make the
// numbers jump. Costs two pushes per frame; a report every `windowMs`.

export interface FrameStatsReport { fps: number; simMs: number; renderMs: number }

const median = (xs: number[]): number => {
  if (xs.length === 0) return 0;
  const s = [...xs].sort((a, b) => a - b);
  return s[s.length >> 1]!;
};

export class FrameStats {
  private sim: number[] = [];
  private render: number[] = [];
  private windowStart: number | null = null;

  constructor(readonly windowMs = 500) {}

  /** Record one frame; returns a report when the window is full. */
  frame(nowMs: number, simMs: number, renderMs: number): FrameStatsReport | null {
    this.windowStart ??= nowMs;
    this.sim.push(simMs);
    this.render.push(renderMs);
    const elapsed = nowMs - this.windowStart;
    if (elapsed < this.windowMs) return null;
    const report = {
      fps: Math.round((this.sim.length * 1000) / elapsed),
      simMs: median(this.sim),
      renderMs: median(this.render),
    };
    this.sim = [];
    this.render = [];
    this.windowStart = nowMs;
    return report;
  }

  reset(): void {
    this.sim = [];
    this.render = [];
    this.windowStart = null;
  }
}
