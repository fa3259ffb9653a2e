// The built app's replay viewer against the replay CLI: replays recorded in Node (bots and
// pseudo-random "human" inputs) are checked with `npm run replay -- FILE --json`, then opened in
// the app three ways (?replay=URL, the file picker, drag and drop). The page must show the CLI's
// final hash and verdict, refuse a replay from another build without breaking, and report a
// tampered input log diverging at the tick the CLI names.

import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { test, expect, type Page } from '@playwright/test';
import { loadSimNode } from '../host/loadSimNode.ts';
import { hex32 } from '../host/Sim.ts';
import type { MatchConfig } from '../host/MatchConfig.ts';
import { packInput, unpackInput } from '../host/input.ts';
import { BUTTON_DASH } from '../host/SimExports.ts';
import { ReplayRecorder } from '../host/replay/ReplayRecorder.ts';
import { decodeReplay, encodeReplay, ReplayOffset } from '../host/replay/ReplayFile.ts';
import { randomInputs } from '../host/replay/randomInputs.ts';
import { appOrigin } from './support/origins.ts';
import { diagnostics, openApp } from './support/game.ts';

const root = fileURLToPath(new URL('..', import.meta.url));

interface Recording {
  name: string;
  config: MatchConfig;
  ticks: number;
  interval: number;
}

const recordings: Recording[] = [
  { name: 'duel', config: { seed: 4242, players: 2, botMask: 0b10, matchTicks: 0, orbs: 40 }, ticks: 900, interval: 60 },
  // The match ends at tick 1320 (120 kickoff + 1200): the log runs on past full time.
  { name: 'two-v-two', config: { seed: 777, players: 4, botMask: 0b1010, matchTicks: 1200, orbs: 60 }, ticks: 1500, interval: 30 },
  { name: 'crowd', config: { seed: 9001, players: 6, botMask: 0b110110, matchTicks: 0, orbs: 120 }, ticks: 600, interval: 60 },
];
const byName = (name: string): Recording => recordings.find((r) => r.name === name)!;
/** Kickoff countdown (2 s) plus the match clock (default 3 min): the sim's full-time tick. */
const fullTimeTick = (r: Recording): number => 120 + (r.config.matchTicks || 180 * 60);
const reachesFullTime = (r: Recording): boolean => r.ticks >= fullTimeTick(r);

/** What `npm run replay -- FILE --json` prints (the fields this spec reads). */
interface CliVerdict {
  ok: boolean;
  final?: { tick: number; recorded: string; computed: string; ok: boolean };
  firstMismatchTick?: number | null;
  checkpoints?: { tick: number; ok: boolean }[];
  error?: { code: string; message: string };
}

interface Prepared {
  file: string;
  fileName: string;
  bytes: Uint8Array;
  cli: CliVerdict;
  exitCode: number;
}

let simPromise: ReturnType<typeof loadSimNode> | null = null;

/** Record `r` in Node like a real match: bots plus seeded pseudo-random inputs on the other slots. */
async function recordReplay(r: Recording): Promise<Uint8Array> {
  simPromise ??= loadSimNode();
  const sim = await (await simPromise).clone();
  const recorder = new ReplayRecorder(sim, r.config, { interval: r.interval });
  const next = randomInputs(r.config.seed, r.config.players, r.config.botMask);
  for (let t = 0; t < r.ticks; t++) recorder.record(next());
  return encodeReplay(recorder.finish());
}

/** Write `bytes` to this test's output directory and verify it with the replay CLI. */
function checkWithCli(fileName: string, bytes: Uint8Array): Prepared {
  const file = test.info().outputPath(fileName);
  writeFileSync(file, bytes);
  const run = spawnSync('npx', ['tsx', 'tools/replay.ts', file, '--json'], { cwd: root, encoding: 'utf8', timeout: 60_000 });
  if (run.error) throw run.error;
  const line = run.stdout.trim().split('\n').at(-1) ?? '';
  let cli: CliVerdict;
  try {
    cli = JSON.parse(line) as CliVerdict;
  } catch {
    throw new Error(`the replay CLI printed no JSON (exit ${run.status}):\n${run.stdout}\n${run.stderr}`);
  }
  return { file, fileName, bytes, cli, exitCode: run.status ?? -1 };
}

async function prepare(name: string): Promise<Prepared> {
  const p = checkWithCli(`${name}.tsrp`, await recordReplay(byName(name)));
  expect(p.exitCode, `npm run replay -- ${p.fileName} --json: ${JSON.stringify(p.cli)}`).toBe(0);
  expect(p.cli.ok).toBe(true);
  expect(p.cli.final!.computed).toMatch(/^[0-9a-f]{8}$/);
  console.log(`[replay] ${p.fileName}: ${p.bytes.length} bytes, CLI final hash ${p.cli.final!.computed} at tick ${p.cli.final!.tick}, ${p.cli.checkpoints!.length} checkpoints ok`);
  return p;
}

function trackPageErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  return errors;
}

/** Serve `bytes` as /replays/NAME to the page (the preview server has no such files). */
async function serveReplay(page: Page, p: Prepared): Promise<() => number> {
  let hits = 0;
  await page.route(`**/replays/${p.fileName}`, (route) => {
    hits++;
    return route.fulfill({ body: Buffer.from(p.bytes), contentType: 'application/octet-stream' });
  });
  return () => hits;
}

/**
 * The replay screen shows `p`'s CLI hash and a full match of every checkpoint. (Whether that
 * screen is still in view is checked separately: see the full-time test at the end.)
 */
async function expectVerified(page: Page, p: Prepared): Promise<void> {
  const ticks = p.cli.final!.tick;
  // Up to 1500 ticks at speed 32–64: seconds even at SwiftShader frame rates.
  await expect(page.locator('#replay-hash')).toHaveAttribute('data-hash', p.cli.final!.computed, { timeout: 30_000 });
  await expect(page.locator('#replay-hash')).toHaveText(`final hash ${p.cli.final!.computed}`);
  await expect(page.locator('#replay-status')).toHaveText(`${p.fileName}: ${ticks} ticks, every checkpoint matches.`);
  await expect(page.locator('#error')).toBeHidden();
}

for (const r of recordings) {
  test(`?replay=URL&speed=32: "${r.name}" (${r.config.players} players, ${r.ticks} ticks) shows the CLI's hash`, async ({ page }) => {
    const errors = trackPageErrors(page);
    const p = await prepare(r.name);
    const hits = await serveReplay(page, p);
    await page.goto(`${appOrigin}/?replay=/replays/${p.fileName}&speed=32`);
    await expectVerified(page, p);
    if (!reachesFullTime(r)) await expect(page.locator('#replay'), 'the verdict is on screen').toBeVisible();
    expect(hits(), 'the page fetched the replay once').toBe(1);
    expect((await diagnostics(page)).tick, 'the sim on screen is at the replay\'s last tick').toBe(r.ticks);
    expect(errors).toEqual([]);
  });
}

test('file picker: two replays in a row, each shows the CLI\'s hash', async ({ page }) => {
  const errors = trackPageErrors(page);
  const crowd = await prepare('crowd');
  const duel = await prepare('duel');
  await openApp(page, '?speed=64');
  for (const p of [crowd, duel]) {
    await page.setInputFiles('#replay-file', { name: p.fileName, mimeType: 'application/octet-stream', buffer: Buffer.from(p.bytes) });
    await expectVerified(page, p);
    await expect(page.locator('#replay')).toBeVisible();
  }
  expect(errors).toEqual([]);
});

test('drag and drop onto the page: the replay shows the CLI\'s hash', async ({ page }) => {
  const errors = trackPageErrors(page);
  const p = await prepare('two-v-two');
  await openApp(page, '?speed=64');
  const handled = await page.evaluate(({ bytes, name }) => {
    const data = new DataTransfer();
    data.items.add(new File([new Uint8Array(bytes)], name, { type: 'application/octet-stream' }));
    const init = { dataTransfer: data, bubbles: true, cancelable: true };
    // dispatchEvent is false when the page called preventDefault(): it took the drop, the
    // browser would not navigate to the file.
    const dragover = !document.body.dispatchEvent(new DragEvent('dragover', init));
    const drop = !document.body.dispatchEvent(new DragEvent('drop', init));
    return { dragover, drop };
  }, { bytes: Array.from(p.bytes), name: p.fileName });
  expect(handled).toEqual({ dragover: true, drop: true });
  await expectVerified(page, p);
  await expect(page.locator('body')).not.toHaveClass(/dropping/);
  expect(errors).toEqual([]);
});

test('a replay from another build is refused with a clear error; the page keeps working', async ({ page }) => {
  const errors = trackPageErrors(page);
  const original = await recordReplay(byName('duel'));
  const bytes = original.slice();
  bytes[ReplayOffset.buildId] = bytes[ReplayOffset.buildId]! ^ 0xff;
  const p = checkWithCli('other-build.tsrp', bytes);
  expect(p.exitCode, 'the CLI refuses it too').toBe(2);
  expect(p.cli.error?.code).toBe('build-mismatch');
  const buildId = decodeReplay(original).buildId;
  const otherId = decodeReplay(bytes).buildId;
  expect(otherId).not.toBe(buildId);

  await openApp(page, '?speed=64');
  await page.setInputFiles('#replay-file', { name: p.fileName, mimeType: 'application/octet-stream', buffer: Buffer.from(bytes) });
  const status = page.locator('#replay-status');
  await expect(status).toContainText('another build', { timeout: 15_000 });
  await expect(status).toContainText(otherId);
  await expect(status).toContainText(buildId);
  await expect(status, 'the same words as the CLI').toHaveText(p.cli.error!.message);
  await expect(page.locator('#replay-hash')).toHaveText('');
  await expect(page.locator('#replay-hash')).not.toHaveAttribute('data-hash', /./);

  // Back to the title screen, and a match still starts and runs.
  await page.click('#replay-back');
  await expect(page.locator('#title')).toBeVisible();
  await page.click('#play');
  await expect(page.locator('#title')).toBeHidden();
  const t0 = (await diagnostics(page)).tick;
  await expect.poll(async () => (await diagnostics(page)).tick, { timeout: 15_000, message: 'the match runs' }).toBeGreaterThan(t0 + 30);
  // And a good replay still plays after the refused one.
  const good = await prepare('crowd');
  await page.setInputFiles('#replay-file', { name: good.fileName, mimeType: 'application/octet-stream', buffer: Buffer.from(good.bytes) });
  await expect(page.locator('#replay-hash')).toHaveAttribute('data-hash', good.cli.final!.computed, { timeout: 30_000 });
  expect(errors).toEqual([]);
});

test('a tampered input log: the viewer reports the divergence at the tick the CLI names', async ({ page }) => {
  const errors = trackPageErrors(page);
  const r = byName('two-v-two');
  const replay = decodeReplay(await recordReplay(r));
  // One input of human slot 0, mid-log, turned into a dash at full stick the other way; the
  // recorded checkpoints and final hash stay as they were.
  const tamperTick = 700;
  const at = tamperTick * r.config.players;
  const was = unpackInput(replay.inputs[at]!);
  const inputs = replay.inputs.slice();
  inputs[at] = packInput(BUTTON_DASH, was.stickX > 0 ? -127 : 127, was.stickY > 0 ? -127 : 127);
  expect(inputs[at]).not.toBe(replay.inputs[at]);
  const p = checkWithCli('tampered.tsrp', encodeReplay({ ...replay, inputs }));

  expect(p.exitCode, `the CLI reports a divergence: ${JSON.stringify(p.cli.firstMismatchTick)}`).toBe(1);
  const mismatch = p.cli.firstMismatchTick!;
  expect(mismatch, 'the first mismatch is the first checkpoint after the change').toBe(Math.ceil((tamperTick + 1) / r.interval) * r.interval);
  expect(p.cli.checkpoints!.filter((c) => c.tick < mismatch).every((c) => c.ok), 'checkpoints before it match').toBe(true);
  expect(p.cli.final!.computed).not.toBe(hex32(replay.finalHash));
  console.log(`[replay] tampered log (tick ${tamperTick}, slot 0): CLI first mismatch at tick ${mismatch}, final hash ${p.cli.final!.computed} (recorded ${hex32(replay.finalHash)})`);

  const hits = await serveReplay(page, p);
  await page.goto(`${appOrigin}/?replay=/replays/${p.fileName}&speed=32`);
  await expect(page.locator('#replay-hash')).toHaveAttribute('data-hash', p.cli.final!.computed, { timeout: 30_000 });
  await expect(page.locator('#replay-status')).toHaveText(`${p.fileName}: diverged at tick ${mismatch}.`);
  expect(hits()).toBe(1);
  expect(errors).toEqual([]);
});

test('a replay that plays through full time keeps its verdict on screen', async ({ page }) => {
  // The replay's own full time must not open the player's result screen over the verdict.
  const r = byName('two-v-two');
  expect(reachesFullTime(r), 'this replay passes full time').toBe(true);
  const p = await prepare(r.name);
  await serveReplay(page, p);
  await page.goto(`${appOrigin}/?replay=/replays/${p.fileName}&speed=32`);
  await expectVerified(page, p);
  await expect(page.locator('#replay'), 'the verdict is on screen').toBeVisible({ timeout: 2000 });
  await expect(page.locator('#result')).toBeHidden();
});
