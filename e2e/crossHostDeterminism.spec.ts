// Determinism across hosts: replays recorded in Node (bots and pseudo-random human inputs)
// re-simulate in Chromium to the same checkpoint and final hashes, twice in a row.

import { test, expect } from '@playwright/test';
import { loadSimNode } from '../host/loadSimNode.ts';
import { ReplayRecorder } from '../host/replay/ReplayRecorder.ts';
import { encodeReplay, decodeReplay } from '../host/replay/ReplayFile.ts';
import { runReplay, type ReplayRunResult } from '../host/replay/runReplay.ts';
import { randomInputs } from '../host/replay/randomInputs.ts';
import type { MatchConfig } from '../host/MatchConfig.ts';

const matches: { name: string; config: MatchConfig; ticks: number }[] = [
  { name: '1 human vs 1 bot', config: { seed: 11, players: 2, botMask: 0b10, matchTicks: 1200, orbs: 40 }, ticks: 1400 },
  { name: '2 humans, 2 bots', config: { seed: 22, players: 4, botMask: 0b1010, matchTicks: 1200, orbs: 40 }, ticks: 1400 },
  { name: '8 bots, 300 orbs', config: { seed: 33, players: 8, botMask: 0xff, matchTicks: 900, orbs: 300 }, ticks: 1100 },
];

for (const m of matches) {
  test(`replay "${m.name}" gives the same hashes in Node and Chromium`, async ({ page }) => {
    const sim = await loadSimNode();
    const recorder = new ReplayRecorder(sim, m.config, { interval: 30 });
    const nextInputs = randomInputs(m.config.seed, m.config.players, m.config.botMask);
    for (let t = 0; t < m.ticks; t++) recorder.record(nextInputs());
    const bytes = encodeReplay(recorder.finish());
    const node: ReplayRunResult = runReplay(await sim.clone(), decodeReplay(bytes));
    expect(node.ok, 'Node replays its own recording').toBe(true);
    expect(node.checkpoints.length).toBeGreaterThan(30);

    await page.goto('/e2e/harness/index.html');
    await page.waitForFunction(() => window.simHarness !== undefined);
    expect(await page.evaluate(() => window.simHarness!.buildId), 'same wasm build on both hosts').toBe(sim.buildId);

    for (let run = 1; run <= 2; run++) {
      const browser = await page.evaluate((b) => window.simHarness!.checkReplay(b), Array.from(bytes));
      const mismatch = browser.checkpoints.find((c, k) => c.computed !== node.checkpoints[k]?.computed);
      expect(mismatch, `run ${run}: first checkpoint where Chromium differs from Node`).toBeUndefined();
      expect(browser.checkpoints.length).toBe(node.checkpoints.length);
      expect(browser.finalHash).toBe(node.finalHash);
      expect(browser.ok).toBe(true);
    }
  });
}
