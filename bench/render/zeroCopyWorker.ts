// Zero-copy path (the shipped design): the sim and the three.js renderer share this worker. The
// InstancedMesh's matrix attribute is a Float32Array view on WASM memory (BodyMesh over SimViews),
// so renderWrite fills what the GPU upload reads and nothing is copied in JS.

import type { Sim } from '../../host/Sim.ts';
import { SimViews } from '../../web/engine/SimViews.ts';
import { BenchScene } from './benchScene.ts';
import { buildBodyWorld } from './buildBodyWorld.ts';
import { loadSimFromUrl } from '../../host/loadSimFromUrl.ts';
import { measureFrames } from './measureFrames.ts';
import { RENDER_ALPHA_Q16, type FramePlan, type FrameSample, type RenderBenchResult } from './renderBenchProtocol.ts';
import { errorReply } from './workerMessages.ts';

export type ZeroCopyRequest =
  | { type: 'init'; canvas: OffscreenCanvas; wasmUrl: string }
  | { type: 'run'; n: number; plan: FramePlan };

export type ZeroCopyReply = { type: 'ready' } | { type: 'result'; result: RenderBenchResult };

const scope = self as unknown as DedicatedWorkerGlobalScope;
let base: Sim | null = null;
let scene: BenchScene | null = null;

async function run(n: number, plan: FramePlan): Promise<RenderBenchResult> {
  if (!base || !scene) throw new Error('run before init');
  const bench = scene;
  // A fresh instance per call: SimViews keys its views on the memory buffer, not the world.
  const sim = await base.clone();
  const e = sim.exports;
  const world = buildBodyWorld(e, n);
  const views = new SimViews(e);
  const bodies = bench.setBodies(views, world.length, plan.geometry);
  let matricesOnWasmMemory = true;
  const measured = await measureFrames(plan, (): FrameSample => {
    const t0 = performance.now();
    e.physicsTick();
    const t1 = performance.now();
    const count = e.renderWrite(RENDER_ALPHA_Q16);
    views.refresh();
    bodies.update(views, count);
    const t2 = performance.now();
    bench.render();
    const t3 = performance.now();
    matricesOnWasmMemory &&= bodies.matrixArray.buffer === e.memory.buffer && count === n;
    bench.drain();
    const drainMs = performance.now() - t3;
    return { simMs: t1 - t0, writeMs: t2 - t1, drawMs: t3 - t2, drainMs, transferMs: null };
  });
  return { path: 'zero-copy', n, ...measured, glRenderer: bench.glRenderer, crossOriginIsolated: scope.crossOriginIsolated, matricesOnWasmMemory };
}

scope.onmessage = async (event: MessageEvent<ZeroCopyRequest>) => {
  const message = event.data;
  try {
    if (message.type === 'init') {
      scene = new BenchScene(message.canvas);
      base = await loadSimFromUrl(message.wasmUrl);
      scope.postMessage({ type: 'ready' } satisfies ZeroCopyReply);
    } else {
      scope.postMessage({ type: 'result', result: await run(message.n, message.plan) } satisfies ZeroCopyReply);
    }
  } catch (err) {
    scope.postMessage(errorReply(err));
  }
};
