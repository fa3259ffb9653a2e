// The embeddable runtime as embedders get it: the built library (dist/lib/tessera.js) on the
// example page public/examples/embed.html (a <tessera-game> tag and a mountGame() call), served by
// `vite preview`, directly and from a cross-origin iframe. Checks that both games start in a
// worker and draw, that nothing crosses the worker boundary per frame, that destroy() and removing
// the element free their workers, and that render-mode 'main' works without one.

import { test, expect, type Frame, type Locator, type Page, type Worker } from '@playwright/test';
import type { TesseraGameHandle } from '../web/runtime/mountGame.ts';
import type { TesseraGameElement } from '../web/runtime/TesseraGameElement.ts';
import { appCrossOrigin, appOrigin, devOrigin } from './support/origins.ts';
import { changedFraction, pixelStats } from './support/pixels.ts';
import { countWorkerTraffic } from './support/workerTraffic.ts';

/** What embed.js puts on the example page's window. */
type EmbedWindow = Window & { embedded: TesseraGameHandle };
type Lib = typeof import('../web/runtime/index.ts');

const examplePath = '/examples/embed.html';
/** Bound on wasm load + worker start + first frame (SwiftShader in CI is slow, but not this slow). */
const READY_MS = 20_000;
/** A canvas drawn by the game shows far more colours than this (see the calibration in the first test). */
const MIN_DRAWN_COLOURS = 24;

// Tall enough that both games on the example page are in view without scrolling (a game scrolled
// out of view pauses itself).
test.use({ viewport: { width: 1000, height: 1300 } });

/** Fail the test on any uncaught error in the page or its frames. */
function trackPageErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  return errors;
}

/** The example page's log shows both games ready, in worker mode. */
async function expectBothReady(log: Locator): Promise<void> {
  await expect(log).toContainText('tag: ready (worker)', { timeout: READY_MS });
  await expect(log).toContainText('call: ready (worker)', { timeout: READY_MS });
  await expect(log).not.toContainText('error');
}

async function openExample(page: Page): Promise<void> {
  await page.goto(`${appOrigin}${examplePath}`);
  await expectBothReady(page.locator('#log'));
}

/**
 * A screenshot of the middle of a game's canvas: inset past the container's rounded corners, the
 * scoreboard (top centre) and the HUD (bottom left), so that only WebGL output is measured.
 */
async function canvasShot(page: Page, canvas: Locator): Promise<Buffer> {
  const box = await canvas.boundingBox();
  if (!box) throw new Error('the canvas has no box (not rendered?)');
  expect(box.height, 'canvas tall enough for the inset clip').toBeGreaterThan(250);
  return page.screenshot({ clip: { x: box.x + 16, y: box.y + 64, width: box.width - 32, height: box.height - 64 - 110 } });
}

/** Colours in the same clip of an empty canvas of the same size on `background`, on the same page. */
async function blankColours(page: Page, like: Locator, background: string): Promise<number> {
  const box = await like.boundingBox();
  if (!box) throw new Error('no box to calibrate against');
  await page.evaluate(({ b, background }) => {
    const c = document.createElement('canvas');
    c.id = 'blank-calibration';
    c.style.cssText = `position:fixed;left:${b.x}px;top:${b.y}px;width:${b.width}px;height:${b.height}px;background:${background};z-index:99`;
    document.body.append(c);
  }, { b: box, background });
  const colours = pixelStats(await canvasShot(page, page.locator('#blank-calibration'))).colours;
  await page.evaluate(() => document.getElementById('blank-calibration')!.remove());
  return colours;
}

/**
 * Wait (bounded) until the canvas shows a drawn frame and return its colour count. 'ready' means the
 * first frame was rendered, not that the compositor has shown it yet, so the first screenshot may
 * still be blank.
 */
async function drawnColours(page: Page, canvas: Locator, what: string): Promise<number> {
  let colours = 0;
  await expect
    .poll(async () => (colours = pixelStats(await canvasShot(page, canvas)).colours), { timeout: 10_000, message: `${what} draws` })
    .toBeGreaterThanOrEqual(MIN_DRAWN_COLOURS);
  return colours;
}

const tagCanvas = (root: Page | Frame) => root.locator('#tag-game canvas');
const callCanvas = (root: Page | Frame) => root.locator('#call-game canvas');

test('example page: the tag and the mountGame() game start in workers and draw; the tag game animates', async ({ page }) => {
  const errors = trackPageErrors(page);
  await openExample(page);

  const modes = await page.evaluate(() => ({
    call: (window as unknown as EmbedWindow).embedded.mode,
    tag: document.querySelector<TesseraGameElement>('#tag-game')!.game!.mode,
  }));
  expect(modes).toEqual({ call: 'worker', tag: 'worker' });

  // Calibration: the same clip of an empty canvas, black or on the game's background, is one flat
  // colour; MIN_DRAWN_COLOURS is far above it (the arena shows a few hundred).
  const blank = Math.max(await blankColours(page, tagCanvas(page), '#000'), await blankColours(page, tagCanvas(page), '#0e1420'));
  expect(blank, 'calibration: an empty canvas').toBeLessThanOrEqual(2);
  expect(MIN_DRAWN_COLOURS).toBeGreaterThanOrEqual(blank * 10);
  const tag = await drawnColours(page, tagCanvas(page), 'the tag game');
  const call = await drawnColours(page, callCanvas(page), 'the mountGame() game (its preview)');
  console.log(`[embedding] colours: blank canvas ${blank}, tag game ${tag}, mountGame() game ${call}`);

  // The tag autostarts a match. After the 2 s kickoff countdown (120 ticks, nothing moves) compare
  // two screenshots a second of play (60 ticks) apart.
  const tagTick = () => page.evaluate(async () => (await document.querySelector<TesseraGameElement>('#tag-game')!.game!.diagnostics()).tick);
  await expect.poll(tagTick, { timeout: 15_000, message: 'the tag game plays past kickoff' }).toBeGreaterThan(130);
  const a = await canvasShot(page, tagCanvas(page));
  const t0 = await tagTick();
  await expect.poll(tagTick, { timeout: 15_000, message: 'the tag game ticks' }).toBeGreaterThanOrEqual(t0 + 60);
  const b = await canvasShot(page, tagCanvas(page));
  const changed = changedFraction(a, b);
  console.log(`[embedding] tag game changed ${(changed * 100).toFixed(2)}% of pixels over ${(await tagTick()) - t0} ticks`);
  expect(changed, 'the tag game animates').toBeGreaterThan(0.003);
  expect(errors).toEqual([]);
});

test('library build: instance matrices are read from wasm memory and messages stay far below frames', async ({ page }) => {
  const errors = trackPageErrors(page);
  await countWorkerTraffic(page);
  await openExample(page);
  // The tag game's match is paused so that every message counted below is the mountGame() game's.
  // (The diagnostics() round trip returns after the worker has handled the pause.)
  await page.evaluate(async () => {
    const tag = document.querySelector<TesseraGameElement>('#tag-game')!.game!;
    tag.pause();
    await tag.diagnostics();
  });
  // Watch the running match for at least 2 s and 20 frames. Polling diagnostics() is itself a
  // message each way, so the polls are counted and taken off the totals below.
  const w = await page.evaluate(async () => {
    const game = (window as unknown as EmbedWindow).embedded;
    await game.start();
    const t0 = performance.now();
    const before = await game.diagnostics();
    const traffic0 = { ...window.__workerTraffic! };
    let after = before;
    let polls = 0;
    while (performance.now() - t0 < 15_000 && (performance.now() - t0 < 2000 || after.framesDrawn - before.framesDrawn < 20)) {
      await new Promise((r) => setTimeout(r, 250));
      after = await game.diagnostics();
      polls++;
    }
    const traffic1 = { ...window.__workerTraffic! };
    return { before, after, polls, ms: performance.now() - t0, inbound: traffic1.in - traffic0.in - polls, outbound: traffic1.out - traffic0.out - polls };
  });
  const { before, after, polls } = w;
  const frames = after.framesDrawn - before.framesDrawn;
  const fromWorker = after.messagesFromWorker - before.messagesFromWorker - polls;
  const toWorker = after.messagesToWorker - before.messagesToWorker - polls;
  const events = after.eventsOut - before.eventsOut;
  const numbers =
    `over ${(w.ms / 1000).toFixed(1)} s: ${frames} frames, ${after.tick - before.tick} ticks, ${events} engine events; ` +
    `diagnostics() counts ${fromWorker} messages from the worker and ${toWorker} to it; ` +
    `counted at the platform: ${w.inbound} in, ${w.outbound} out (excluding ${polls} diagnostics() polls)`;
  console.log(`[embedding] ${numbers}`);
  expect(after.mode).toBe('worker');
  expect(after.matrixArrayOnWasmMemory, 'the renderer reads instance matrices straight out of wasm memory').toBe(true);
  expect(after.tick, 'the match runs').toBeGreaterThan(before.tick);
  expect(frames, numbers).toBeGreaterThanOrEqual(10);
  expect(fromWorker, numbers).toBeLessThan(frames / 2);
  expect(toWorker, numbers).toBeLessThan(frames / 2);
  // The runtime's own counters only see the Worker object; the engine's events come back over a
  // Comlink.proxy MessageChannel. The platform-level count sees both.
  expect(w.inbound, numbers).toBeLessThan(frames / 2);
  expect(w.outbound, numbers).toBeLessThan(frames / 2);
  expect(w.inbound, `every engine event arrives as a message (${numbers})`).toBeGreaterThanOrEqual(events);
  expect(errors).toEqual([]);
});

test('destroy() and removing <tessera-game> each terminate their worker', async ({ page }) => {
  const errors = trackPageErrors(page);
  const closed: Worker[] = [];
  page.on('worker', (w) => w.on('close', () => closed.push(w)));
  await openExample(page);
  await expect.poll(() => page.workers().length, { message: 'one worker per game' }).toBe(2);

  await page.click('#destroy');
  await expect.poll(() => closed.length, { message: 'destroy() terminates the worker' }).toBe(1);
  await expect(page.locator('#log')).toContainText('call: destroyed');
  await expect(callCanvas(page)).toHaveCount(0);
  await expect(page.locator('#call-game')).toBeEmpty();
  expect(page.workers()).toHaveLength(1);
  // The worker that closed was the mountGame() one: the tag game still answers and still draws.
  const tagFrames = () => page.evaluate(async () => (await document.querySelector<TesseraGameElement>('#tag-game')!.game!.diagnostics()).framesDrawn);
  const f0 = await tagFrames();
  await expect.poll(tagFrames, { timeout: 10_000, message: 'the tag game keeps running' }).toBeGreaterThan(f0 + 5);

  // A dead handle is inert: the page's buttons and repeated destroy() do not throw.
  const afterDestroy = await page.evaluate(() => {
    const game = (window as unknown as EmbedWindow).embedded;
    const thrown: string[] = [];
    for (const [name, call] of Object.entries({
      pause: () => game.pause(),
      resume: () => game.resume(),
      setHud: () => game.setHud(true),
      setBindings: () => game.setBindings({}),
      on: () => game.on('state', () => {})(),
      destroy: () => game.destroy(),
    })) {
      try {
        call();
      } catch (e) {
        thrown.push(`${name}: ${(e as Error).message}`);
      }
    }
    return thrown;
  });
  expect(afterDestroy, 'calls on a destroyed handle').toEqual([]);
  await page.click('#pause');
  await page.click('#resume');
  await page.click('#destroy');

  await page.evaluate(() => document.getElementById('tag-game')!.remove());
  await expect.poll(() => closed.length, { message: 'removing the element terminates its worker' }).toBe(2);
  expect(page.workers()).toHaveLength(0);
  expect(new Set(closed).size, 'two different workers closed').toBe(2);
  expect(errors).toEqual([]);
});

test('cross-origin iframe without COOP/COEP: both games start in workers and draw', async ({ page }) => {
  const errors = trackPageErrors(page);
  const isolationHeaders: string[] = [];
  page.on('response', (r) => {
    const h = r.headers();
    for (const name of ['cross-origin-opener-policy', 'cross-origin-embedder-policy']) {
      if (h[name] !== undefined) isolationHeaders.push(`${r.url()}: ${name}: ${h[name]}`);
    }
  });
  const workers: Worker[] = [];
  page.on('worker', (w) => workers.push(w));

  await page.goto(`${devOrigin}/e2e/pages/iframeHost.html`);
  const iframe = page.locator('#embed');
  await expect(iframe).toHaveAttribute('allow', 'gamepad; fullscreen');
  await expect(iframe).toHaveAttribute('src', `${appCrossOrigin}${examplePath}`);
  const inner = page.frameLocator('#embed');
  await expectBothReady(inner.locator('#log'));
  const frame = page.frame({ url: new RegExp(`^${appCrossOrigin}/`) });
  if (!frame) throw new Error(`no frame from ${appCrossOrigin}`);

  const inside = await frame.evaluate(() => ({
    origin: location.origin,
    crossOriginIsolated,
    sharedArrayBuffer: typeof SharedArrayBuffer,
    mode: (window as unknown as EmbedWindow).embedded.mode,
  }));
  expect(inside).toEqual({ origin: appCrossOrigin, crossOriginIsolated: false, sharedArrayBuffer: 'undefined', mode: 'worker' });
  const outside = await page.evaluate(() => {
    let reachable: boolean;
    try {
      reachable = (document.getElementById('embed') as HTMLIFrameElement).contentWindow!.document !== null;
    } catch {
      reachable = false;
    }
    return { origin: location.origin, crossOriginIsolated, reachable };
  });
  expect(outside, 'the host page is another origin and cannot reach into the frame').toEqual({ origin: devOrigin, crossOriginIsolated: false, reachable: false });
  expect(isolationHeaders, 'no server sends COOP/COEP').toEqual([]);
  expect(workers.length, 'the frame runs one worker per game').toBe(2);

  // The iframe element's pixels, clipped to each game's canvas.
  const tag = await drawnColours(page, inner.locator('#tag-game canvas'), 'the tag game inside the frame');
  const call = await drawnColours(page, inner.locator('#call-game canvas'), 'the mountGame() game inside the frame');
  const whole = pixelStats(await iframe.screenshot());
  console.log(`[embedding] in the iframe: tag ${tag}, call ${call} colours; whole iframe ${whole.width}×${whole.height}, ${whole.colours} colours`);
  expect(whole.width).toBe(960);
  expect(whole.colours).toBeGreaterThan(tag);
  expect(errors).toEqual([]);
});

test("renderMode 'main' in an embed: draws on the page's thread and starts no worker", async ({ page }) => {
  const errors = trackPageErrors(page);
  await openExample(page);
  await expect.poll(() => page.workers().length).toBe(2);
  const newWorkers: Worker[] = [];
  page.on('worker', (w) => newWorkers.push(w));

  const mounted = await page.evaluate(async () => {
    const lib = (await import(new URL('../lib/tessera.js', location.href).href)) as Lib;
    const host = document.createElement('div');
    host.id = 'main-game';
    host.style.cssText = 'position:fixed;left:20px;top:20px;width:480px;height:360px;z-index:10';
    document.body.append(host);
    const game = lib.mountGame(host, { renderMode: 'main', players: 2, seed: 7 });
    (window as unknown as { mainGame: TesseraGameHandle }).mainGame = game;
    const ready = new Promise<string>((resolve) => game.on('ready', ({ mode }) => resolve(mode)));
    await game.ready;
    return { mode: game.mode, readyEvent: await ready, diagnostics: await game.diagnostics() };
  });
  expect(mounted.mode).toBe('main');
  expect(mounted.readyEvent).toBe('main');
  expect(mounted.diagnostics.mode).toBe('main');
  expect(mounted.diagnostics.framesDrawn).toBeGreaterThan(0);
  expect(mounted.diagnostics.matrixArrayOnWasmMemory).toBe(true);

  const mainCanvas = page.locator('#main-game canvas');
  const colours = await drawnColours(page, mainCanvas, 'the main-thread game');
  console.log(`[embedding] main-thread game: ${colours} colours`);

  // It runs a match, with no worker to message.
  const diag = () => page.evaluate(() => (window as unknown as { mainGame: TesseraGameHandle }).mainGame.diagnostics());
  await page.evaluate(() => (window as unknown as { mainGame: TesseraGameHandle }).mainGame.start());
  const d0 = await diag();
  await expect.poll(async () => (await diag()).tick, { timeout: 10_000 }).toBeGreaterThan(d0.tick + 30);
  const d1 = await diag();
  expect(d1.framesDrawn).toBeGreaterThan(d0.framesDrawn);
  expect([d1.messagesToWorker, d1.messagesFromWorker]).toEqual([0, 0]);
  expect(newWorkers, 'main mode starts no worker').toHaveLength(0);
  expect(page.workers()).toHaveLength(2);

  await page.evaluate(() => (window as unknown as { mainGame: TesseraGameHandle }).mainGame.destroy());
  await expect(mainCanvas).toHaveCount(0);
  expect(page.workers(), "destroying the main-thread game leaves the others' workers alone").toHaveLength(2);
  expect(errors).toEqual([]);
});
