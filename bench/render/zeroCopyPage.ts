// Page of the zero-copy path: hands its canvas to the worker (OffscreenCanvas) and relays
// runRenderBench calls; everything measured happens in the worker.

import { CANVAS_HEIGHT, CANVAS_WIDTH, type RunRenderBench } from './renderBenchProtocol.ts';
import { wasmUrl } from './wasmUrl.ts';
import { request } from './workerMessages.ts';
import type { ZeroCopyReply, ZeroCopyRequest } from './zeroCopyWorker.ts';

const canvas = document.createElement('canvas');
canvas.width = CANVAS_WIDTH;
canvas.height = CANVAS_HEIGHT;
document.body.append(canvas);
const offscreen = canvas.transferControlToOffscreen();
const worker = new Worker(new URL('./zeroCopyWorker.ts', import.meta.url), { type: 'module' });

const init: ZeroCopyRequest = { type: 'init', canvas: offscreen, wasmUrl: wasmUrl() };
await request<ZeroCopyReply>(worker, init, [offscreen]);

const runRenderBench: RunRenderBench = async (n, plan) => {
  const { data } = await request<ZeroCopyReply>(worker, { type: 'run', n, plan } satisfies ZeroCopyRequest);
  if (data.type !== 'result') throw new Error(`unexpected reply ${data.type}`);
  return data.result;
};
window.runRenderBench = runRenderBench;
document.getElementById('status')!.textContent = 'ready';
