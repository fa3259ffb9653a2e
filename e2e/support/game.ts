// Helpers for specs that drive the built app page through window.tesseraGame.

import type { Page } from '@playwright/test';
import type { RuntimeDiagnostics } from '../../web/runtime/types.ts';
import { appOrigin } from './origins.ts';

/** Open the app (query e.g. '?render=main') and wait until the game is ready. */
export async function openApp(page: Page, query = ''): Promise<void> {
  await page.goto(`${appOrigin}/${query}`);
  await page.waitForFunction(() => window.tesseraGame !== undefined);
  await page.evaluate(() => window.tesseraGame!.ready);
}

/** Start a 1-minute match from the title screen and run it `ticks` ticks by frame advance, paused (no wall clock involved). */
export async function playTicks(page: Page, ticks: number): Promise<void> {
  await page.selectOption('select[name=minutes]', '1');
  await page.click('#play');
  await page.evaluate(async (n) => {
    window.tesseraGame!.pause();
    await window.tesseraGame!.advance(n);
  }, ticks);
}

/** Ticks past a 1-minute match's full time (3600 ticks after the 2 s kickoff). */
export const PAST_FULL_TIME = 60 * 60 + 200;

/** Reload the app page and wait until the game is ready again. */
export async function reloadApp(page: Page): Promise<void> {
  await page.reload();
  await page.waitForFunction(() => window.tesseraGame !== undefined);
  await page.evaluate(() => window.tesseraGame!.ready);
}

export function diagnostics(page: Page): Promise<RuntimeDiagnostics> {
  return page.evaluate(() => window.tesseraGame!.diagnostics());
}

/** Wait until the game has drawn `frames` more frames (polls; bounded by `timeoutMs`). */
export async function waitFrames(page: Page, frames: number, timeoutMs = 30_000): Promise<RuntimeDiagnostics> {
  const start = (await diagnostics(page)).framesDrawn;
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const d = await diagnostics(page);
    if (d.framesDrawn >= start + frames) return d;
    if (Date.now() > deadline) throw new Error(`only ${d.framesDrawn - start} of ${frames} frames drawn in ${timeoutMs} ms`);
    await page.waitForTimeout(50);
  }
}

/** Wait until the sim has reached `tick` (polls; bounded by `timeoutMs`). */
export async function waitTick(page: Page, tick: number, timeoutMs = 30_000): Promise<RuntimeDiagnostics> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const d = await diagnostics(page);
    if (d.tick >= tick) return d;
    if (Date.now() > deadline) throw new Error(`sim at tick ${d.tick}, not ${tick}, after ${timeoutMs} ms`);
    await page.waitForTimeout(50);
  }
}
