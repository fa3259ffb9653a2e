// Copy path (the design we rejected): the sim runs here, and every frame the worker copies the
// render region out of WASM memory (slice) and transfers the copy to the page, whose own three.js
// renderer draws it. Frames run in lockstep: the page asks for one, draws it, then asks again.

import type { Sim } from '../../host/Sim.ts';
import { SimViews } from '../../web/engine/SimViews.ts';
import { buildBodyWorld } from './buildBodyWorld.ts';
import { loadSimFromUrl } from '../../host/loadSimFromUrl.ts';
import { RENDER_ALPHA_Q16 } from './renderBenchProtocol.ts';
import { errorReply, wallClockMs } from './workerMessages.ts';

export type CopyRequest =
  | { type: 'init'; wasmUrl: string }
  | { type: 'setup'; n: number }
  | { type: 'frame' }
  | { type: 'finish' };

export type CopyReply =
  | { type: 'ready' }
  /** Looks are static: sent once, as a copy. */
  | { type: 'world'; length: number; looks: Int32Array }
  | { type: 'frame'; matrices: Float32Array; count: number; postedAt: number }
  /** Worker-side times of every frame since setup, warm-up included. */
  | { type: 'samples'; simMs: number[]; writeMs: number[] };

const scope = self as unknown as DedicatedWorkerGlobalScope;
let base: Sim | null = null;
let current: { sim: Sim; views: SimViews; simMs: number[]; writeMs: number[] } | null = null;

async function setup(n: number): Promise<CopyReply> {
  if (!base) throw new Error('setup before init');
  const sim = await base.clone();
  const world = buildBodyWorld(sim.exports, n);
  const views = new SimViews(sim.exports);
  current = { sim, views, simMs: [], writeMs: [] };
  return { type: 'world', length: world.length, looks: views.looks.slice(0, n) };
}

function frame(): void {
  if (!current) throw new Error('frame before setup');
  const { sim, views } = current;
  const e = sim.exports;
  const t0 = performance.now();
  e.physicsTick();
  const t1 = performance.now();
  const count = e.renderWrite(RENDER_ALPHA_Q16);
  views.refresh();
  const matrices = views.matrices.slice(0, count * 16);
  const reply: CopyReply = { type: 'frame', matrices, count, postedAt: wallClockMs() };
  scope.postMessage(reply, [matrices.buffer]);
  const t2 = performance.now();
  current.simMs.push(t1 - t0);
  current.writeMs.push(t2 - t1);
}

scope.onmessage = async (event: MessageEvent<CopyRequest>) => {
  const message = event.data;
  try {
    switch (message.type) {
      case 'init':
        base = await loadSimFromUrl(message.wasmUrl);
        scope.postMessage({ type: 'ready' } satisfies CopyReply);
        break;
      case 'setup': {
        const reply = await setup(message.n);
        scope.postMessage(reply, reply.type === 'world' ? [reply.looks.buffer] : []);
        break;
      }
      case 'frame':
        frame();
        break;
      case 'finish':
        if (!current) throw new Error('finish before setup');
        scope.postMessage({ type: 'samples', simMs: current.simMs, writeMs: current.writeMs } satisfies CopyReply);
        break;
    }
  } catch (err) {
    scope.postMessage(errorReply(err));
  }
};
