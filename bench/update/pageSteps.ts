// What the update bench does in the page: wait for the game, for service-worker control, and ask
// the registration for an update. Every wait is bounded.

import type { Page } from '@playwright/test';
import type { UpdateOutcome } from './UpdateRow.ts';

/** window.tesseraGame as the bench sees it (web/app/main.ts sets it). */
type GameWindow = Window & { tesseraGame?: { ready: Promise<void> } };

export async function waitForGameReady(page: Page, timeoutMs: number): Promise<void> {
  await page.waitForFunction(() => (window as GameWindow).tesseraGame !== undefined, undefined, { timeout: timeoutMs });
  await page.evaluate(
    (ms) =>
      Promise.race([
        (window as GameWindow).tesseraGame!.ready,
        new Promise((_, reject) => setTimeout(() => reject(new Error(`the game was not ready after ${ms} ms`)), ms)),
      ]),
    timeoutMs,
  );
}

/** The service worker claims the pages of a first visit when it activates; reload once if it has not. */
export async function waitForControl(page: Page, timeoutMs: number): Promise<void> {
  const controlled = (ms: number): Promise<boolean> =>
    page.waitForFunction(() => navigator.serviceWorker.controller !== null, undefined, { timeout: ms }).then(
      () => true,
      () => false,
    );
  await page.evaluate(() => navigator.serviceWorker.ready.then(() => undefined));
  if (await controlled(timeoutMs / 2)) return;
  await page.reload();
  if (!(await controlled(timeoutMs / 2))) throw new Error(`no service worker controls the page after a reload (${timeoutMs} ms)`);
}

/** Waits until the registration has an active worker in state "activated". */
export async function waitForActivated(page: Page, timeoutMs: number): Promise<void> {
  await page.evaluate(() => navigator.serviceWorker.ready.then(() => undefined));
  await page.waitForFunction(
    async () => (await navigator.serviceWorker.getRegistration())?.active?.state === 'activated',
    undefined,
    { timeout: timeoutMs, polling: 50 },
  );
}

/** registration.update(), then wait (bounded) until the new worker is waiting. */
export function checkForUpdate(page: Page, timeoutMs: number): Promise<UpdateOutcome> {
  return page.evaluate(async (ms): Promise<UpdateOutcome> => {
    const registration = await navigator.serviceWorker.getRegistration();
    if (!registration) return 'no-registration';
    await registration.update();
    // update() resolves once the script was compared: a new one is installing (or already waiting).
    if (!registration.installing && !registration.waiting) return 'no-update';
    const deadline = performance.now() + ms;
    while (!registration.waiting) {
      if (!registration.installing) return 'install-failed';
      if (performance.now() > deadline) return 'timeout';
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
    return 'waiting';
  }, timeoutMs);
}
