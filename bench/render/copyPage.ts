// Page of the copy path: the sim lives in a worker, the renderer on this (main) thread with the
// page's own canvas. Each frame the worker sends a fresh copy of the instance matrices; the page
// points the same BodyMesh at it and draws.

import { BenchScene } from './benchScene.ts';
import type { CopyReply, CopyRequest } from './copyWorker.ts';
import { wasmUrl } from './wasmUrl.ts';
import { measureFrames } from './measureFrames.ts';
import { CANVAS_HEIGHT, CANVAS_WIDTH, type FrameSample, type RunRenderBench } from './renderBenchProtocol.ts';
import { request } from './workerMessages.ts';

const canvas = document.createElement('canvas');
canvas.width = CANVAS_WIDTH;
canvas.height = CANVAS_HEIGHT;
document.body.append(canvas);
const scene = new BenchScene(canvas);
const worker = new Worker(new URL('./copyWorker.ts', import.meta.url), { type: 'module' });
await request<CopyReply>(worker, { type: 'init', wasmUrl: wasmUrl() } satisfies CopyRequest);

/** Sends one request and returns its reply, which must be of `type`. */
async function ask<K extends CopyReply['type']>(message: CopyRequest, type: K) {
  const reply = await request<CopyReply>(worker, message);
  if (reply.data.type !== type) throw new Error(`expected ${type}, got ${reply.data.type}`);
  return reply as { data: Extract<CopyReply, { type: K }>; receivedAt: number };
}

const runRenderBench: RunRenderBench = async (n, plan) => {
  const { data: world } = await ask({ type: 'setup', n }, 'world');
  const looks = world.looks;
  const bodies = scene.setBodies({ matrices: new Float32Array(n * 16), looks }, world.length, plan.geometry);
  const measured = await measureFrames(plan, async () => {
    const { data, receivedAt } = await ask({ type: 'frame' }, 'frame');
    const t0 = performance.now();
    bodies.update({ matrices: data.matrices, looks }, data.count);
    scene.render();
    const t1 = performance.now();
    scene.drain();
    const drainMs = performance.now() - t1;
    return { drawMs: t1 - t0, drainMs, transferMs: receivedAt - data.postedAt };
  });
  const { data: worker } = await ask({ type: 'finish' }, 'samples');
  const samples = measured.samples.map((main, k): FrameSample => {
    const frame = measured.warmupFrames + k;
    return { simMs: worker.simMs[frame]!, writeMs: worker.writeMs[frame]!, ...main };
  });
  return {
    path: 'copy',
    n,
    warmupFrames: measured.warmupFrames,
    samples,
    glRenderer: scene.glRenderer,
    crossOriginIsolated,
    matricesOnWasmMemory: false,
  };
};
window.runRenderBench = runRenderBench;
document.getElementById('status')!.textContent = 'ready';
