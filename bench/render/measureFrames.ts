// The frame loop both paths share: warm-up frames, then measured frames, each phase bounded by a
// frame count and a time budget. Between frames the loop yields one macrotask
// (setTimeout 0) rather than waiting for requestAnimationFrame: frames are not paced to a display
// (headless has none worth pacing to), but each frame still ends its task, so an OffscreenCanvas
// commits it and message events get through.

import type { FramePlan } from './renderBenchProtocol.ts';

export const nextTask = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 0));

export interface MeasuredFrames<T> {
  readonly warmupFrames: number;
  readonly samples: T[];
}

async function runPhase<T>(count: number, minimum: number, budgetMs: number, frame: () => Promise<T> | T): Promise<T[]> {
  const results: T[] = [];
  const start = performance.now();
  while (results.length < count && (results.length < minimum || performance.now() - start < budgetMs)) {
    results.push(await frame());
    await nextTask();
  }
  return results;
}

export async function measureFrames<T>(plan: FramePlan, frame: () => Promise<T> | T): Promise<MeasuredFrames<T>> {
  const warmup = await runPhase(plan.warmupFrames, plan.minWarmupFrames, plan.warmupBudgetMs, frame);
  const samples = await runPhase(plan.frames, plan.minFrames, plan.budgetMs, frame);
  return { warmupFrames: warmup.length, samples };
}
