// Updates of the installed app, end to end: the production server serves build v1, the app
// installs; then the same origin serves v2, a build of the same sources with one texture changed
// (tools/buildVariant.ts). The server's log must show only the changed texture, the asset manifest
// and the service worker fetched; the app offers the update with its size, applies it when the
// player accepts, and the player's saves, replays and settings survive. An update that arrives
// mid-match waits for full time.

import { expect, test } from '@playwright/test';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildVariant, snapshotSources } from '../tools/buildVariant.ts';
import { openInstalledApp, servedPaths, startPwaServer, waitForGame, type PwaServer } from './support/pwaServer.ts';
import { diagnostics, PAST_FULL_TIME, playTicks } from './support/game.ts';
import type { AssetManifest } from '../web/assets/AssetManifest.ts';

test.use({ serviceWorkers: 'allow' });

// Both versions are built the same way from the same working tree, so they differ in the one change.
let v1 = '';
let v2 = '';
let scratch = '';
test.beforeAll(async () => {
  test.setTimeout(180_000);
  scratch = await mkdtemp(join(tmpdir(), 'tessera-update-'));
  // One frozen copy of the sources, so an edit landing between the two builds can't differ them.
  const sources = await snapshotSources();
  try {
    v1 = (await buildVariant('none', join(scratch, 'v1'), { sources })).outDir;
    v2 = (await buildVariant('texture', join(scratch, 'v2'), { sources })).outDir;
  } finally {
    await sources.dispose();
  }
});
test.afterAll(async () => {
  await rm(scratch, { recursive: true, force: true });
});

let server: PwaServer;
test.beforeEach(async () => {
  server = await startPwaServer(v1);
});
test.afterEach(async () => {
  await server.close();
});

const tilesUrl = async (dir: string): Promise<string> => {
  const manifest = JSON.parse(await readFile(join(dir, 'assets/asset-manifest.json'), 'utf8')) as AssetManifest;
  return `/assets/${manifest.assets['textures/tiles.png']!.url}`;
};

test('an update fetches only what changed, is offered with its size, and keeps the player data', async ({ page }) => {
  await openInstalledApp(page, server.origin);
  // Player data under v1: a replay, a save and a setting.
  await playTicks(page, PAST_FULL_TIME);
  await expect(page.locator('#result')).toBeVisible();
  await page.click('#save-replay');
  await expect(page.locator('#result-status')).toHaveText(/^Saved to Replays/);
  await page.click('#play-again');
  await page.evaluate(async () => {
    window.tesseraGame!.pause();
    await window.tesseraGame!.advance(300);
  });
  await page.keyboard.press('Escape');
  await page.click('#save-game');
  await expect(page.locator('#save-status')).toHaveText(/^Saved: /);
  await page.click('#quit');
  await page.click('#open-settings');
  await page.check('input[name=hud]');

  server.serve(v2);
  server.clearLog();
  await page.click('#check-update');
  await expect(page.locator('#update')).toBeVisible({ timeout: 30_000 });
  await expect(page.locator('#update .update-text')).toHaveText(/^Update ready \(2 files, \d+\.\d KB\)$/);
  const newTiles = await tilesUrl(v2);
  expect(newTiles).not.toBe(await tilesUrl(v1));
  expect(servedPaths(server.log)).toEqual(['/assets/asset-manifest.json', newTiles, '/sw.js'].sort());

  await page.click('#update .update-restart');
  await page.waitForEvent('load');
  await waitForGame(page);
  // v2 runs: the page resolves its assets through v2's manifest.
  const resolved = await page.evaluate(async () => ((await (await fetch('/assets/asset-manifest.json')).json()) as AssetManifest).assets['textures/tiles.png']!.url);
  expect(`/assets/${resolved}`).toBe(newTiles);
  await page.click('#open-replays');
  await expect(page.locator('#replay-list li:not(.empty)')).toHaveCount(1);
  await page.click('#replays .back');
  await page.click('#open-saves');
  await expect(page.locator('#save-list li:not(.empty)')).toHaveCount(1);
  await page.click('#saves .back');
  await page.click('#open-settings');
  await expect(page.locator('input[name=hud]')).toBeChecked();
});

test('an update that arrives mid-match waits for full time', async ({ page }) => {
  await openInstalledApp(page, server.origin);
  await playTicks(page, 0);
  // A marker that a reload would wipe: the page must not switch versions under the match.
  await page.evaluate(() => ((window as unknown as { v1Page: boolean }).v1Page = true));
  server.serve(v2);
  // What the periodic check does.
  await page.evaluate(async () => {
    const registration = await navigator.serviceWorker.getRegistration();
    await registration!.update();
  });
  await page.waitForFunction(async () => (await navigator.serviceWorker.getRegistration())?.waiting != null, null, { timeout: 30_000 });
  await page.waitForTimeout(500);
  await expect(page.locator('#update')).toBeHidden();
  const before = await diagnostics(page);
  await page.evaluate((n) => window.tesseraGame!.advance(n), PAST_FULL_TIME);
  expect((await diagnostics(page)).tick).toBeGreaterThan(before.tick);
  await expect(page.locator('#result')).toBeVisible();
  await expect(page.locator('#update .update-text')).toHaveText(/^Update ready/);
  expect(await page.evaluate(() => (window as unknown as { v1Page?: boolean }).v1Page)).toBe(true);
});
