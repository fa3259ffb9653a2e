// The title screen and a frozen moment of a match, compared with reference images in
// e2e/__screenshots__ (refresh them with `npx playwright test e2e/screenshots.spec.ts
// --update-snapshots` after an intended change, and look at them before committing).
// The match is frozen at a fixed tick with no interpolation, so its picture is deterministic.

import { test, expect } from '@playwright/test';
import { diagnostics, openApp } from './support/game.ts';

test.use({ viewport: { width: 960, height: 540 } });
const tolerance = { maxDiffPixelRatio: 0.01, threshold: 0.25 };

test('title screen', async ({ page }) => {
  await openApp(page, '?render=worker');
  await expect(page.locator('#play')).toBeEnabled();
  await expect(page.locator('#open-online')).toBeEnabled(); // the relay beside the app answered
  await expect(page).toHaveScreenshot('title.png', tolerance);
});

test('a match at tick 420', async ({ page }) => {
  await openApp(page, '?render=worker&seed=3');
  await page.click('#play');
  await page.evaluate(() => window.tesseraGame!.pause());
  const { tick } = await diagnostics(page);
  await page.evaluate((n) => window.tesseraGame!.advance(n), 420 - tick);
  expect((await diagnostics(page)).tick).toBe(420);
  await expect(page.locator('.tessera-scoreboard')).toContainText('2:55');
  await expect(page).toHaveScreenshot('match.png', tolerance);
});
