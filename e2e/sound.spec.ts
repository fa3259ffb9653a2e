// web/audio in a real Chromium: e2e/pages/sound.html creates a sound board at load and routes the
// AudioContext's output through an AnalyserNode, so these tests hear what reaches the speakers.
// The config does not allow autoplay: audio waits for a gesture here as it does for players. In
// Chromium page.evaluate itself counts as a gesture, so a test that needs the click to be the first
// gesture evaluates nothing before it.

import { readFileSync } from 'node:fs';
import { test, expect, type Page } from '@playwright/test';
import type { SoundName } from '../web/audio/createSoundBoard.ts';

const sounds: SoundName[] = ['goal', 'whistle'];
/** Below the peaks the sounds are synthesized with (0.8 and 0.55), above anything but them. */
const heardAtFullVolume: Record<SoundName, number> = { goal: 0.6, whistle: 0.4 };
/** -80 dBFS: what is left of a previous sound's tail in the analyser's window is not a sound. */
const silence = 1e-4;

let pageErrors: string[];
test.beforeEach(({ page }) => {
  pageErrors = [];
  page.on('pageerror', (error) => pageErrors.push(error.message));
});
test.afterEach(() => {
  expect(pageErrors, 'nothing thrown or rejected unhandled in the page').toEqual([]);
});

const open = (page: Page, query = '') => page.goto(`/e2e/pages/sound.html${query}`);
const playAndListen = (page: Page, sound: SoundName, ms?: number) =>
  page.evaluate(([s, m]) => window.sound.playAndListen(s, m), [sound, ms] as const);
const contextStates = (page: Page) => page.evaluate(() => window.sound.contexts.map((c) => c.state as string));

/** Plays `sound` until the board has loaded it (loading starts with the first gesture); the peak heard. */
async function hearOnceLoaded(page: Page, sound: SoundName): Promise<number> {
  let peak = 0;
  await expect
    .poll(async () => {
      const heard = await playAndListen(page, sound);
      peak = heard.peak;
      return heard.started;
    }, { message: `the board never played "${sound}"`, timeout: 10_000 })
    .toBe(true);
  return peak;
}

function boardWarnings(page: Page): string[] {
  const warnings: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'warning' && message.text().startsWith('Tessera sound')) warnings.push(message.text());
  });
  return warnings;
}

for (const sound of sounds) {
  test(`assets/audio/${sound}.wav: short mono 16-bit PCM, small, loud enough, no click at either end`, async ({ page }) => {
    const wav = readFileSync(new URL(`../assets/audio/${sound}.wav`, import.meta.url));
    expect([wav.toString('ascii', 0, 4), wav.toString('ascii', 8, 16), wav.toString('ascii', 36, 40)]).toEqual(['RIFF', 'WAVEfmt ', 'data']);
    const format = { pcm: wav.readUInt16LE(20), channels: wav.readUInt16LE(22), sampleRate: wav.readUInt32LE(24), bits: wav.readUInt16LE(34) };
    expect(format).toEqual({ pcm: 1, channels: 1, sampleRate: 22050, bits: 16 });
    expect(wav.byteLength).toBeLessThan(35_000);
    const seconds = wav.readUInt32LE(40) / 2 / 22050;
    expect(seconds).toBeGreaterThan(0.3);
    expect(seconds).toBeLessThanOrEqual(0.8);

    // Chromium's decoder reads it the same, at the file's own rate so that no sample is resampled.
    await open(page);
    const decoded = await page.evaluate(async (url) => {
      const buffer = await new OfflineAudioContext(1, 1, 22050).decodeAudioData(await (await fetch(url)).arrayBuffer());
      const samples = buffer.getChannelData(0);
      return {
        channels: buffer.numberOfChannels,
        duration: buffer.duration,
        peak: samples.reduce((max, s) => Math.max(max, Math.abs(s)), 0),
        first: Math.abs(samples[0]!),
        last: Math.abs(samples.at(-1)!),
      };
    }, `/assets/audio/${sound}.wav`);
    expect(decoded.channels).toBe(1);
    expect(decoded.duration).toBeCloseTo(seconds, 4);
    expect(decoded.peak).toBeGreaterThan(heardAtFullVolume[sound]);
    expect(decoded.peak).toBeLessThan(1); // no clipping
    // A sound that starts or stops away from zero clicks.
    expect(decoded.first, 'starts from silence').toBeLessThan(0.01);
    expect(decoded.last, 'ends in silence').toBeLessThan(0.01);
  });
}

test('a click starts audio: the context runs and both sounds reach the output', async ({ page }) => {
  await open(page);
  await page.mouse.click(20, 20);
  await expect.poll(() => contextStates(page)).toEqual(['running']);
  for (const sound of sounds) expect(await hearOnceLoaded(page, sound)).toBeGreaterThan(heardAtFullVolume[sound]);
});

test('a key press starts audio', async ({ page }) => {
  await open(page);
  await page.keyboard.press('Enter');
  await expect.poll(() => contextStates(page)).toEqual(['running']);
  expect(await hearOnceLoaded(page, 'goal')).toBeGreaterThan(heardAtFullVolume.goal);
});

test.describe('touch screen', () => {
  test.use({ hasTouch: true });

  test('a tap starts audio', async ({ page }) => {
    await open(page);
    await page.tap('body');
    await expect.poll(() => contextStates(page)).toEqual(['running']);
    expect(await hearOnceLoaded(page, 'goal')).toBeGreaterThan(heardAtFullVolume.goal);
  });
});

test('before a gesture: no AudioContext, play() is a silent no-op that starts the download, nothing plays late', async ({ page }) => {
  const downloads: string[] = [];
  page.on('request', (request) => {
    if (request.url().endsWith('.wav')) downloads.push(new URL(request.url()).pathname);
  });
  await open(page);
  expect(await page.evaluate(() => window.sound.contexts.length)).toBe(0);
  expect(downloads, 'nothing is downloaded before it is needed').toEqual([]);
  // This Chromium does hold audio back: a context the page made at load, outside a gesture, is suspended.
  expect(await page.evaluate(() => window.sound.controlContext.state)).toBe('suspended');

  await page.evaluate(() => {
    window.sound.board.play('goal');
    window.sound.board.play('whistle');
  });
  expect(await page.evaluate(() => window.sound.contexts.length)).toBe(0);
  await expect.poll(() => [...downloads].sort()).toEqual(['/assets/audio/goal.wav', '/assets/audio/whistle.wav']);

  await page.mouse.click(20, 20);
  await expect.poll(() => contextStates(page)).toEqual(['running']);
  await page.waitForTimeout(800);
  expect(await page.evaluate(() => window.sound.contexts[0]!.startedSources), 'the goal played while locked stays unplayed').toBe(0);
  // …although by now it was loaded and would have had every chance to play.
  const heard = await playAndListen(page, 'goal');
  expect(heard.started).toBe(true);
  expect(heard.peak).toBeGreaterThan(heardAtFullVolume.goal);
  expect(downloads, 'downloaded once').toHaveLength(2);
});

test('volume and mute scale what reaches the output', async ({ page }) => {
  await open(page, '?muted=1');
  await page.mouse.click(20, 20);
  // Muted from the start: the goal is loaded and started, yet nothing is heard.
  let muted = { started: false, peak: 1 };
  await expect.poll(async () => (muted = await playAndListen(page, 'goal')).started, { timeout: 10_000 }).toBe(true);
  expect(muted.peak).toBeLessThan(silence);

  await page.evaluate(() => window.sound.board.setMuted(false));
  const full = (await playAndListen(page, 'goal')).peak;
  expect(full).toBeGreaterThan(heardAtFullVolume.goal);

  await page.evaluate(() => window.sound.board.setVolume(0.25));
  expect((await playAndListen(page, 'goal')).peak / full).toBeCloseTo(0.25, 2);

  await page.evaluate(() => window.sound.board.setMuted(true));
  muted = await playAndListen(page, 'goal');
  expect(muted.started).toBe(true);
  expect(muted.peak).toBeLessThan(silence);
  await page.evaluate(() => window.sound.board.setMuted(false));
  expect((await playAndListen(page, 'goal')).peak / full, 'unmuting restores the volume').toBeCloseTo(0.25, 2);

  // Volumes come from stored settings: a bad one is clamped or ignored, never thrown.
  await page.evaluate(() => window.sound.board.setVolume(Number.NaN));
  expect((await playAndListen(page, 'goal')).peak / full, 'NaN keeps the volume').toBeCloseTo(0.25, 2);
  await page.evaluate(() => window.sound.board.setVolume(1.5));
  expect((await playAndListen(page, 'goal')).peak / full, 'above 1 plays at 1').toBeCloseTo(1, 2);
  await page.evaluate(() => window.sound.board.setVolume(-0.1));
  expect((await playAndListen(page, 'goal')).peak, 'below 0 is silent').toBeLessThan(silence);
});

for (const { volume, heardAs } of [{ volume: '0.5', heardAs: 0.5 }, { volume: '7', heardAs: 1 }]) {
  test(`volume ${volume} from the options applies from the first sound, as ${heardAs}`, async ({ page }) => {
    await open(page, `?volume=${volume}`);
    await page.mouse.click(20, 20);
    const first = await hearOnceLoaded(page, 'goal');
    await page.evaluate(() => window.sound.board.setVolume(1));
    expect(first / (await playAndListen(page, 'goal')).peak).toBeCloseTo(heardAs, 2);
  });
}

test('after an interruption the context wakes when the page is shown again or on the next gesture', async ({ page }) => {
  await open(page);
  await page.mouse.click(20, 20);
  await hearOnceLoaded(page, 'goal');

  // iOS, on a call or the lock screen.
  await page.evaluate(() => window.sound.interrupt('interrupted'));
  expect(await contextStates(page)).toEqual(['interrupted']);
  expect(await playAndListen(page, 'goal', 200), 'a goal during the call is dropped, not queued').toMatchObject({ started: false });
  await page.evaluate(() => window.sound.setPageVisible(false));
  await page.waitForTimeout(200);
  expect(await contextStates(page), 'a hidden page stays asleep').toEqual(['interrupted']);
  await page.evaluate(() => window.sound.setPageVisible(true));
  await expect.poll(() => contextStates(page)).toEqual(['running']);
  const heard = await playAndListen(page, 'goal');
  expect(heard.peak).toBeGreaterThan(heardAtFullVolume.goal);

  // Where showing the page is not enough, the next tap is.
  await page.evaluate(() => window.sound.interrupt('interrupted'));
  await page.mouse.click(20, 20);
  await expect.poll(() => contextStates(page)).toEqual(['running']);

  // Other browsers report "suspended"; a key press wakes that too, the same context.
  await page.evaluate(() => window.sound.interrupt('suspended'));
  expect(await contextStates(page)).toEqual(['suspended']);
  await page.keyboard.press('Enter');
  await expect.poll(() => contextStates(page)).toEqual(['running']);
  expect((await playAndListen(page, 'goal')).peak).toBeGreaterThan(heardAtFullVolume.goal);
});

for (const failure of [
  { what: 'a 404', goal: '/assets/audio/missing.wav', warning: 'cannot load "goal" from /assets/audio/missing.wav' },
  { what: 'a file that is not audio', goal: '/e2e/pages/sound.html', warning: 'cannot decode "goal" from /e2e/pages/sound.html' },
]) {
  test(`${failure.what} leaves that sound silent, warns once and spares the other`, async ({ page }) => {
    // Vite would answer an unknown path with index.html; a player's server answers 404.
    await page.route('**/assets/audio/missing.wav', (route) => route.fulfill({ status: 404, body: 'Not Found' }));
    const warnings = boardWarnings(page);
    await open(page, `?goal=${encodeURIComponent(failure.goal)}`);
    await page.mouse.click(20, 20);
    expect(await hearOnceLoaded(page, 'whistle')).toBeGreaterThan(heardAtFullVolume.whistle);
    for (let i = 0; i < 3; i++) expect(await playAndListen(page, 'goal', 100)).toMatchObject({ started: false });
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toContain(failure.warning);
  });
}

test('without Web Audio the board stays silent, warns once and never throws', async ({ page }) => {
  const warnings = boardWarnings(page);
  await open(page, '?noWebAudio');
  await page.mouse.click(20, 20);
  await page.keyboard.press('Enter');
  await page.evaluate(() => {
    const { board } = window.sound;
    board.play('goal');
    board.setVolume(0.5);
    board.destroy();
  });
  expect(warnings).toHaveLength(1);
  expect(warnings[0]).toContain('cannot play Web Audio');
});

/** The board's kinds of listener on window and document, as DevTools lists them. */
async function boardListeners(page: Page): Promise<string[]> {
  const cdp = await page.context().newCDPSession(page);
  const types: string[] = [];
  for (const expression of ['window', 'document']) {
    const { result } = await cdp.send('Runtime.evaluate', { expression });
    const { listeners } = await cdp.send('DOMDebugger.getEventListeners', { objectId: result.objectId! });
    types.push(...listeners.map((l) => l.type).filter((t) => ['pointerdown', 'keydown', 'touchend', 'visibilitychange'].includes(t)));
  }
  await cdp.detach();
  return types.sort();
}

test('destroy() closes the context and removes every listener', async ({ page }) => {
  await open(page);
  await page.mouse.click(20, 20);
  await hearOnceLoaded(page, 'goal');
  expect(await boardListeners(page)).toEqual(['keydown', 'pointerdown', 'touchend', 'visibilitychange']);

  await page.evaluate(() => window.sound.board.destroy());
  await expect.poll(() => contextStates(page)).toEqual(['closed']);
  expect(await boardListeners(page)).toEqual([]);

  // Calls after destroy() are harmless, and a gesture no longer makes a context.
  await page.evaluate(() => {
    const { board } = window.sound;
    board.play('goal');
    board.setMuted(true);
    board.setVolume(0.5);
    board.destroy();
  });
  await page.mouse.click(20, 20);
  expect(await contextStates(page)).toEqual(['closed']);
});

test('destroy() while the sounds download cancels them quietly', async ({ page }) => {
  const warnings = boardWarnings(page);
  const aborted: string[] = [];
  page.on('requestfailed', (request) => aborted.push(new URL(request.url()).pathname));
  // Held back, so destroy() certainly comes first.
  await page.route('**/*.wav', () => {});
  await open(page);
  const requested = page.waitForRequest('**/*.wav');
  await page.evaluate(() => window.sound.board.play('goal'));
  await requested;
  await page.evaluate(() => window.sound.board.destroy());
  await expect.poll(() => [...aborted].sort()).toEqual(['/assets/audio/goal.wav', '/assets/audio/whistle.wav']);
  await page.mouse.click(20, 20);
  await page.waitForTimeout(300);
  expect(await page.evaluate(() => window.sound.contexts.length)).toBe(0);
  expect(warnings, 'a cancelled download is no failure').toEqual([]);
});
