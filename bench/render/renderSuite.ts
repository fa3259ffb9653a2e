// The render suite's sizes, paths and frame plans.

import type { FramePlan, RenderPath } from './renderBenchProtocol.ts';

export const renderSizes: readonly number[] = [1000, 10000, 50000];
/** In the order they run within a round (rotated per run); the first is the baseline of the ratio. */
export const renderPaths: readonly RenderPath[] = ['zero-copy', 'copy'];
export const renderBaseline: RenderPath = 'zero-copy';

/**
 * 20 warm-up and 60 measured frames, each phase cut short by its time budget (2 s, 4 s) but never
 * below its minimum (3, 8 frames). Under SwiftShader a frame's wall time is mostly the untimed
 * rasterisation (about 15-30 ms at 1k bodies, 0.1-0.25 s at 10k, 0.5-1.2 s at 50k on the 2-core
 * machine), so 1k gets all 60 frames, 10k about 20 and 50k the minimum 8, which keeps the
 * default three runs under about 3 minutes.
 */
export function framePlan(_n: number): FramePlan {
  return {
    geometry: 'octahedron',
    warmupFrames: 20,
    minWarmupFrames: 3,
    warmupBudgetMs: 2000,
    frames: 60,
    minFrames: 8,
    budgetMs: 4000,
  };
}
