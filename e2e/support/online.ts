// Driving online play through the app's lobby, as players do: one browser context per player
// (each its own guest), rooms created, joined by code or by link, ready and started with the
// buttons; and reading what the engine reports about the match (diagnostics().online).

import { expect, type Browser, type BrowserContext, type Page } from '@playwright/test';
import type { OnlineDiagnostics } from '../../web/runtime/types.ts';
import { waitForGame } from './pwaServer.ts';

export interface Player {
  readonly context: BrowserContext;
  readonly page: Page;
}

/** A small phone-sized window keeps software GL cheap with several players on two cores. */
const viewport = { width: 320, height: 240 };

/** A player per query, each in its own context, on the app at `origin` with that query (e.g. '?matchSeconds=6'). */
export async function openPlayers(browser: Browser, origin: string, queries: readonly string[]): Promise<Player[]> {
  return Promise.all(queries.map(async (query) => {
    const context = await browser.newContext({ viewport });
    const page = await context.newPage();
    await page.goto(`${origin}/${query}`);
    await waitForGame(page);
    return { context, page };
  }));
}

export async function closePlayers(players: readonly Player[]): Promise<void> {
  await Promise.all(players.map((p) => p.context.close()));
}

/** From the title screen: open the lobby and create a room of `players` seats; returns its code. */
export async function createRoom(page: Page, players: number, name: string): Promise<string> {
  await expect(page.locator('#open-online')).toBeEnabled({ timeout: 15_000 });
  await page.click('#open-online');
  await page.fill('#room-form input[name=name]', name);
  await page.selectOption('#room-form select[name=players]', String(players));
  await page.click('#create-room');
  const code = page.locator('#room #room-code');
  await expect(page.locator('#room')).toBeVisible({ timeout: 15_000 });
  await expect(code).toHaveText(/^[A-Z0-9]{4,8}$/);
  return (await code.textContent())!;
}

/** From the title screen: type the code into the lobby's Join form. */
export async function joinByCode(page: Page, code: string, name: string): Promise<void> {
  await expect(page.locator('#open-online')).toBeEnabled({ timeout: 15_000 });
  await page.click('#open-online');
  await page.fill('#room-form input[name=name]', name);
  await page.fill('#join-code', code.toLowerCase()); // people type codes in any case
  await page.click('#join-room');
  await expect(page.locator('#room')).toBeVisible({ timeout: 15_000 });
  await expect(page.locator('#room-code')).toHaveText(code);
}

/** From the title screen: type the code and press Watch (a spectator: no seat, the same stream). */
export async function watchByCode(page: Page, code: string): Promise<void> {
  await expect(page.locator('#open-online')).toBeEnabled({ timeout: 15_000 });
  await page.click('#open-online');
  await page.fill('#join-code', code);
  await page.click('#watch-room');
}

/** Open a share link (the owner's #room-link), which joins the room by itself. */
export async function joinByLink(page: Page, link: string, code: string): Promise<void> {
  await page.goto(link);
  await waitForGame(page);
  await expect(page.locator('#room')).toBeVisible({ timeout: 15_000 });
  await expect(page.locator('#room-code')).toHaveText(code);
}

export async function shareLink(owner: Page): Promise<string> {
  return owner.locator('#room-link').inputValue();
}

/** Every guest says ready; then the owner (whose page lists everyone ready) starts the match. */
export async function readyAndStart(owner: Page, guests: readonly Page[], seats: number): Promise<void> {
  for (const guest of guests) {
    await guest.click('#ready');
    await expect(guest.locator('#ready')).toHaveAttribute('aria-pressed', 'true');
  }
  await expect(owner.locator('#member-list li')).toHaveCount(seats);
  await expect(owner.locator('#member-list li[data-ready="true"]')).toHaveCount(guests.length);
  await expect(owner.locator('#start-online')).toBeEnabled();
  await owner.click('#start-online');
  for (const page of [owner, ...guests]) await expect(page.locator('#lobby')).toBeHidden({ timeout: 15_000 });
}

export async function online(page: Page): Promise<OnlineDiagnostics> {
  const d = await page.evaluate(() => window.tesseraGame!.diagnostics());
  if (!d.online) throw new Error('the engine reports no online match');
  return d.online;
}

/** Poll until the page's confirmed frontier passes `tick` (bounded). */
export async function waitConfirmed(page: Page, tick: number, timeoutMs = 30_000): Promise<OnlineDiagnostics> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const d = await online(page);
    if (d.confirmedTick >= tick) return d;
    if (Date.now() > deadline) throw new Error(`confirmed tick ${d.confirmedTick}, not ${tick}, after ${timeoutMs} ms`);
    await page.waitForTimeout(200);
  }
}
