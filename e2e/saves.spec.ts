// The player's data through the app's own screens, in IndexedDB of a real Chromium: a save made
// mid-match loads after a reload at the very state it was saved in; a save from another build is
// refused with its message; a replay exported to a file and imported again replays to the same
// hash; and a full disk says so and loses nothing already kept.

import { expect, test, type Page } from '@playwright/test';
import { readFile } from 'node:fs/promises';
import { diagnostics, openApp, PAST_FULL_TIME, playTicks, reloadApp } from './support/game.ts';
import { appOrigin } from './support/origins.ts';

async function saveFromPauseScreen(page: Page): Promise<string> {
  await page.keyboard.press('Escape');
  await expect(page.locator('#paused')).toBeVisible();
  await page.click('#save-game');
  await expect(page.locator('#save-status')).toHaveText(/^Saved: /);
  return (await diagnostics(page)).hash;
}

test('a save loads after a reload with the state hash it was saved with', async ({ page }) => {
  await openApp(page, '?seed=11');
  await playTicks(page, 400);
  const saved = await diagnostics(page);
  expect(await saveFromPauseScreen(page)).toBe(saved.hash);
  await page.click('#quit');

  await reloadApp(page);
  await expect(page.locator('#continue')).toBeVisible();
  await page.click('#open-saves');
  await page.locator('#save-list li').first().getByRole('button', { name: 'Load' }).click();
  await expect(page.locator('#paused')).toBeVisible();
  await expect(page.locator('#save-status')).toHaveText(/^Loaded: /);
  const loaded = await diagnostics(page);
  expect(loaded.tick).toBe(saved.tick);
  expect(loaded.hash).toBe(saved.hash);
  // It plays on from there.
  await page.click('#resume');
  await expect.poll(async () => (await diagnostics(page)).tick, { timeout: 20_000 }).toBeGreaterThan(saved.tick);
});

test('a save made by another build is refused with its message and stays listed', async ({ page }) => {
  await openApp(page, '?seed=12');
  await playTicks(page, 200);
  await saveFromPauseScreen(page);
  await page.click('#quit');
  // What another version of the game would have written: the same record under another build id.
  await page.evaluate(() => new Promise<void>((resolve, reject) => {
    const open = indexedDB.open('tessera');
    open.onsuccess = () => {
      const tx = open.result.transaction('saves', 'readwrite');
      const saves = tx.objectStore('saves');
      const all = saves.getAll();
      all.onsuccess = () => {
        for (const save of all.result as { buildId: string }[]) saves.put({ ...save, buildId: '0123456789abcdef' });
      };
      tx.oncomplete = () => {
        open.result.close();
        resolve();
      };
      tx.onerror = () => reject(tx.error);
    };
  }));
  const before = await diagnostics(page);
  await page.click('#open-saves');
  await page.locator('#save-list li').first().getByRole('button', { name: 'Load' }).click();
  await expect(page.locator('#saves-status')).toHaveText(/made by another version of the game \(sim build 0123456789abcdef; this is [0-9a-f]{16}\)/);
  await expect(page.locator('#saves')).toBeVisible();
  await expect(page.locator('#save-list li')).toHaveCount(1);
  // Nothing was loaded into the running game.
  expect((await diagnostics(page)).hash).toBe(before.hash);
});

test('a replay exported to a file and imported again replays to the same hash', async ({ page }) => {
  await openApp(page, '?seed=13&speed=64');
  await playTicks(page, PAST_FULL_TIME);
  await expect(page.locator('#result')).toBeVisible();
  const recorded = await page.evaluate(() => window.tesseraGame!.diagnostics());
  await page.click('#save-replay');
  await expect(page.locator('#result-status')).toHaveText(/^Saved to Replays: /);
  await page.click('#to-title');

  await page.click('#open-replays');
  const row = page.locator('#replay-list li').first();
  const [download] = await Promise.all([page.waitForEvent('download'), row.getByRole('button', { name: 'Export' }).click()]);
  const exported = await readFile((await download.path())!);
  await row.getByRole('button', { name: 'Delete' }).click();
  await expect(page.locator('#replay-list li.empty')).toBeVisible();

  await page.setInputFiles('#replay-import', { name: 'round-trip.tsrp', mimeType: 'application/octet-stream', buffer: exported });
  await expect(page.locator('#replays-status')).toHaveText('Imported round-trip.tsrp.');
  await page.locator('#replay-list li', { hasText: 'round-trip' }).getByRole('button', { name: 'Watch' }).click();
  await expect(page.locator('#replay-hash')).toHaveAttribute('data-hash', recorded.hash, { timeout: 30_000 });
  await expect(page.locator('#replay-status')).toHaveText(/every checkpoint matches/);
});

test('a full disk: the save fails with a clear message and every earlier save is kept', async ({ page, context }) => {
  // The quota override takes effect only before the origin first opens IndexedDB in this context.
  await page.goto('about:blank');
  const cdp = await context.newCDPSession(page);
  await cdp.send('Storage.overrideQuotaForOrigin', { origin: appOrigin, quotaSize: 120 * 1024 });
  await openApp(page, '?seed=14');
  await playTicks(page, 300);
  await page.keyboard.press('Escape');
  let saves = 0;
  let message = '';
  // Fill the quota a save at a time (bounded): each is a few KB of snapshot and replay.
  for (let i = 0; i < 60 && !message; i++) {
    await page.click('#save-game');
    await expect(page.locator('#save-status')).not.toHaveText('Saving…');
    const text = (await page.locator('#save-status').textContent()) ?? '';
    if (text.startsWith('Saved: ')) saves++;
    else message = text;
  }
  expect(saves).toBeGreaterThan(0);
  expect(message).toBe('Storage is full: the save was not saved. Delete old replays or saves (export them first) to make room.');
  await page.click('#quit');
  await reloadApp(page);
  await page.click('#open-saves');
  await expect(page.locator('#save-list li')).toHaveCount(saves);
});
