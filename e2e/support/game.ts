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
