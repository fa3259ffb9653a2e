// Browser side of the cross-host tests: loads the same wasm and the same host/ code as Node,
// and exposes a small API on window for Playwright to call.

import { loadSimFromUrl } from '../../host/loadSimFromUrl.ts';
import { decodeReplay } from '../../host/replay/ReplayFile.ts';
import { runReplay, type ReplayRunResult } from '../../host/replay/runReplay.ts';

export interface SimHarness {
  buildId: string;
  /** Decode and re-simulate a replay file (bytes as a plain array) in a fresh sim instance. */
  checkReplay(bytes: number[]): Promise<ReplayRunResult>;
}

declare global {
  interface Window {
    simHarness?: SimHarness;
  }
}

const base = await loadSimFromUrl(new URL('../../build/tessera.wasm', import.meta.url));

window.simHarness = {
  buildId: base.buildId,
  async checkReplay(bytes) {
    const sim = await base.clone();
    return runReplay(sim, decodeReplay(new Uint8Array(bytes)));
  },
};
document.getElementById('status')!.textContent = `ready: sim build ${base.buildId}`;
