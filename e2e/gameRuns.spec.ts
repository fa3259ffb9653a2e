// The built app in a real Chromium: the game draws and animates in the worker and on the main
// thread, keyboard and touch move the local player, the renderer reads WASM memory directly with
// a quiet channel, and it survives a lost GL context and a hidden page.

import { test, expect, type Page } from '@playwright/test';
import { loadSimNode } from '../host/loadSimNode.ts';
import { decodeReplay } from '../host/replay/ReplayFile.ts';
import { runReplay } from '../host/replay/runReplay.ts';
import { diagnostics, openApp, waitFrames, waitTick } from './support/game.ts';
import { changedFraction, pixelStats } from './support/pixels.ts';

const canvasShot = (page: Page): Promise<Buffer> => page.locator('#game canvas').screenshot();

for (const mode of ['worker', 'main'] as const) {
  test(`the game draws and animates (${mode} thread)`, async ({ page }) => {
    await openApp(page, `?render=${mode}`);
    await page.click('#play');
    await waitTick(page, 130); // past the kickoff countdown, when bodies start to move
    const first = await canvasShot(page);
    const d = await waitFrames(page, 20);
    const second = await canvasShot(page);
    expect(d.mode).toBe(mode);
    expect(d.matrixArrayOnWasmMemory, 'instance matrices are a view on wasm memory').toBe(true);
    expect(pixelStats(first).colours, 'a lit arena has many colours; a blank canvas has one').toBeGreaterThan(40);
    expect(changedFraction(first, second), 'bodies moved between the two frames').toBeGreaterThan(0.002);
    expect(d.tick).toBeGreaterThan(0);
  });
}

test('zero-copy in the worker: the GPU reads wasm memory and nothing crosses per frame', async ({ page }) => {
  await openApp(page, '?render=worker');
  await page.evaluate(() => window.tesseraGame!.start({ seed: 9 }));
  const before = await waitFrames(page, 3);
  await page.waitForTimeout(2500); // a window of play with no calls from the test
  const after = await diagnostics(page);
  expect(after.matrixArrayOnWasmMemory).toBe(true);
  const frames = after.framesDrawn - before.framesDrawn;
  expect(frames, 'the game kept drawing').toBeGreaterThanOrEqual(10);
  // The diagnostics reply is one message; the rest are 'state' (1/s) and 'stats' (2/s) events.
  const fromWorker = after.messagesFromWorker - before.messagesFromWorker;
  const toWorker = after.messagesToWorker - before.messagesToWorker;
  expect(fromWorker, `${fromWorker} messages from the worker over ${frames} frames`).toBeLessThan(frames / 2);
  // Without input the page only answers events (Comlink acknowledges each) and asks for diagnostics.
  expect(toWorker, `${toWorker} messages to the worker over ${frames} frames without input`).toBeLessThanOrEqual(fromWorker + 1);
});

/** Start a fixed match, freeze it, optionally hold keys, and step to `tick`; returns the state hash. */
async function hashAfter(page: Page, tick: number, hold: string[]): Promise<string> {
  await page.evaluate(async () => {
    await window.tesseraGame!.start({ seed: 1234, players: 2 });
    window.tesseraGame!.pause();
  });
  for (const key of hold) await page.keyboard.down(key);
  const now = await diagnostics(page); // a round trip: the input sent before it has arrived
  await page.evaluate((n) => window.tesseraGame!.advance(n), tick - now.tick);
  for (const key of hold) await page.keyboard.up(key);
  const d = await diagnostics(page);
  expect(d.tick).toBe(tick);
  return d.hash;
}

test('keyboard input moves the player, and the browser-recorded replay checks out in Node', async ({ page }) => {
  await openApp(page);
  const idle = await hashAfter(page, 400, []);
  const idleAgain = await hashAfter(page, 400, []);
  expect(idleAgain, 'the same match with no input is deterministic').toBe(idle);
  const moved = await hashAfter(page, 400, ['KeyD', 'KeyS']);
  expect(moved, 'holding D+S changes the state').not.toBe(idle);

  const bytes = await page.evaluate(async () => Array.from((await window.tesseraGame!.takeReplay())!));
  const replay = decodeReplay(new Uint8Array(bytes));
  expect(replay.ticks).toBe(400);
  expect(Array.from(replay.inputs).some((input) => input !== 0), 'the keys reached the input log').toBe(true);
  const node = runReplay(await loadSimNode(), replay);
  expect(node.ok, `Node re-simulates the browser's match (first mismatch ${node.firstMismatchTick})`).toBe(true);
  expect(node.finalHash.toString(16).padStart(8, '0')).toBe(moved);
});

test.describe('on a phone', () => {
  test.use({ hasTouch: true, isMobile: true, viewport: { width: 390, height: 844 } });

  test('the touch joystick moves the player in portrait', async ({ page }) => {
    await openApp(page);
    await expect(page.locator('.tessera-touch-controls')).toBeVisible();
    const idle = await hashAfter(page, 400, []);

    await page.evaluate(async () => {
      await window.tesseraGame!.start({ seed: 1234, players: 2 });
      window.tesseraGame!.pause();
      document.getElementById('title')!.hidden = true; // the menu would take the touches
    });
    const cdp = await page.context().newCDPSession(page);
    const at = { x: 100, y: 600 };
    await cdp.send('Input.dispatchTouchEvent', { type: 'touchStart', touchPoints: [{ ...at, id: 1 }] });
    await cdp.send('Input.dispatchTouchEvent', { type: 'touchMove', touchPoints: [{ x: at.x + 60, y: at.y - 40, id: 1 }] });
    const now = await diagnostics(page);
    await page.evaluate((n) => window.tesseraGame!.advance(n), 400 - now.tick);
    await cdp.send('Input.dispatchTouchEvent', { type: 'touchEnd', touchPoints: [] });
    const moved = await diagnostics(page);
    expect(moved.tick).toBe(400);
    expect(moved.hash, 'dragging the joystick changes the state').not.toBe(idle);
    expect(await page.evaluate(() => scrollY), 'the page did not scroll under the joystick').toBe(0);
  });
});

test('a lost WebGL context comes back and drawing resumes', async ({ page }) => {
  await openApp(page, '?render=worker');
  await page.evaluate(() => window.tesseraGame!.start({ seed: 5 }));
  await waitFrames(page, 3);
  await page.evaluate(() => window.tesseraGame!.simulateContextLoss());
  await waitFrames(page, 10);
  const shot = await canvasShot(page);
  expect(pixelStats(shot).colours, 'the arena is drawn again after the context came back').toBeGreaterThan(40);
});

test('a hidden page pauses the game and a visible one resumes it', async ({ page }) => {
  await openApp(page);
  await page.evaluate(() => window.tesseraGame!.start({ seed: 5 }));
  await waitFrames(page, 3);
  const setHidden = (hidden: boolean): Promise<void> => page.evaluate((h) => {
    Object.defineProperty(document, 'visibilityState', { configurable: true, get: () => (h ? 'hidden' : 'visible') });
    document.dispatchEvent(new Event('visibilitychange'));
  }, hidden);
  await setHidden(true);
  const paused = await diagnostics(page);
  await page.waitForTimeout(500); // nothing to wait for: the point is that nothing happens
  expect((await diagnostics(page)).tick, 'no ticks while hidden').toBe(paused.tick);
  await setHidden(false);
  const resumed = await waitFrames(page, 5);
  expect(resumed.tick).toBeGreaterThan(paused.tick);
});
