// Online play in real browsers against a real relay (this spec's own `npm start` process, with an
// admin key): two and four players, each in its own browser context, meet in one room through the
// lobby (created, joined by code and by link), each moves its player with the keyboard, and after
// a short match every client's confirmed checkpoint hashes equal the relay's own simulation's.
// Then the relay is killed mid-match: every client says so, keeps its replay (which re-simulates
// in Node), and once the relay is back a new match starts.

import { expect, test, type Browser, type Page } from '@playwright/test';
import { loadSimNode } from '../host/loadSimNode.ts';
import { decodeReplay } from '../host/replay/ReplayFile.ts';
import { runReplay } from '../host/replay/runReplay.ts';
import { diagnostics, waitTick } from './support/game.ts';
import { startRelayServer, type RelayServer, type AdminRoom } from './support/relayServer.ts';
import { closePlayers, createRoom, joinByCode, joinByLink, online, openPlayers, readyAndStart, shareLink, waitConfirmed, watchByCode, type Player } from './support/online.ts';

/** Kickoff countdown (2 s) plus ?matchSeconds=6: the sim's full-time tick. */
const MATCH_SECONDS = 6;
const FULL_TIME_TICK = 120 + MATCH_SECONDS * 60;
/** One key per player, so every seat's inputs differ. */
const KEYS = ['KeyD', 'KeyA', 'KeyW', 'KeyS'] as const;

let relay: RelayServer;
let players: Player[] = [];
test.beforeEach(async () => {
  relay = await startRelayServer();
});
test.afterEach(async () => {
  await closePlayers(players);
  players = [];
  await relay.stop();
});

/** Hold this player's key for a while once play is under way (the player moves). */
async function move(page: Page, key: string): Promise<void> {
  await waitConfirmed(page, 130); // past the kickoff countdown, when players can move
  await page.keyboard.down(key);
  await page.waitForTimeout(1500);
  await page.keyboard.up(key);
}

/** The checkpoints both sides have, from the first after tick 0 up to the last both reached. */
function upTo(hashes: [number, string][], limit: number): [number, string][] {
  return hashes.filter(([tick]) => tick > 0 && tick <= limit);
}

async function expectHashesMatchRelay(pages: readonly Page[], code: string): Promise<AdminRoom> {
  const room = await relay.room(code);
  expect(room.hashInterval, 'the relay verifies this room').toBeGreaterThan(0);
  expect(room.desyncs, 'the relay saw no desync').toEqual([]);
  const relayLast = room.checkpoints.at(-1)?.[0] ?? 0;
  for (const [i, page] of pages.entries()) {
    const d = await online(page);
    const limit = Math.min(relayLast, d.confirmedHashes.at(-1)?.[0] ?? 0);
    expect(limit, `player ${i}: checkpoints through full time`).toBeGreaterThanOrEqual(FULL_TIME_TICK);
    expect(upTo(d.confirmedHashes, limit), `player ${i}'s confirmed hashes are the relay's`).toEqual(upTo(room.checkpoints, limit));
    expect(d.net.desyncs, `player ${i} was told of no desync`).toBe(0);
  }
  return room;
}

/** The replay a page keeps of its online match, decoded; every seat's player moved in it, and Node re-simulates it. */
async function expectReplayOfMovingPlayers(page: Page, seats: number): Promise<void> {
  const bytes = await page.evaluate(async () => Array.from((await window.tesseraGame!.takeReplay()) ?? []));
  expect(bytes.length, 'the online match has a replay').toBeGreaterThan(0);
  const replay = decodeReplay(new Uint8Array(bytes));
  expect(replay.config.players).toBe(seats);
  for (let seat = 0; seat < seats; seat++) {
    const moved = Array.from({ length: replay.ticks }, (_, t) => replay.inputs[t * seats + seat]).some((input) => input !== 0);
    expect(moved, `seat ${seat}'s keys reached the confirmed log`).toBe(true);
  }
  const node = runReplay(await loadSimNode(), replay);
  expect(node.ok, `Node re-simulates the online replay (first mismatch ${node.firstMismatchTick})`).toBe(true);
}

for (const count of [2, 4] as const) {
  test(`${count} players meet in one room through the lobby, move, and end with the relay's hashes`, async ({ browser }) => {
    test.setTimeout(150_000);
    // One player of the four runs the engine on the page (the fallback without OffscreenCanvas WebGL): the same online driver.
    const queries = Array.from({ length: count }, (_, i) => `?render=${i === 2 ? 'main' : 'worker'}&matchSeconds=${MATCH_SECONDS}`);
    players = await openPlayers(browser, relay.origin, queries);
    const [owner, ...guests] = players.map((p) => p.page) as [Page, ...Page[]];
    const code = await createRoom(owner, count, 'Owner');
    const link = await shareLink(owner);
    expect(link).toBe(`${relay.origin}/?room=${code}`);
    // Half the guests type the code, half open the link.
    for (const [i, guest] of guests.entries()) {
      if (i % 2 === 0) await joinByLink(guest, link, code);
      else await joinByCode(guest, code, `Guest ${i + 1}`);
    }
    await readyAndStart(owner, guests, count);

    const pages = [owner, ...guests];
    // In the two-player match a spectator comes in once play is under way, through the lobby's Watch.
    const watching = count === 2 ? watchMidMatch(browser, owner, code) : null;
    await Promise.all(pages.map((page, i) => move(page, KEYS[i]!)));
    if (count === 2) {
      // Esc online opens the menu without pausing: the match goes on for everyone.
      await owner.keyboard.press('Escape');
      await expect(owner.locator('#paused-heading')).toHaveText(/the match goes on/);
      await expect(owner.locator('#save-game')).toBeHidden();
      await waitTick(owner, (await diagnostics(owner)).tick + 30, 5000);
      await owner.click('#resume');
    }
    for (const page of pages) await expect(page.locator('#result'), 'full time on every client').toBeVisible({ timeout: 30_000 });
    await expect(owner.locator('.tessera-net-hud')).toContainText(/ping \d+ ms · rollback \d+\/\d+ · desyncs 0/);

    if (count === 4) expect(await pages[2]!.evaluate(() => window.tesseraGame!.mode), 'the third player plays on the main thread').toBe('main');
    const room = await expectHashesMatchRelay(pages, code);
    await expectReplayOfMovingPlayers(owner, count);
    if (watching) await expectSpectatorFollowedRelay(await watching, room);
  });
}

/** A third browser watches the running match: it is playing from the relay's snapshot within seconds. */
async function watchMidMatch(browser: Browser, owner: Page, code: string): Promise<Page> {
  const [spectator] = await openPlayers(browser, relay.origin, ['?render=worker']);
  players.push(spectator!);
  const page = spectator!.page;
  await waitConfirmed(owner, 200);
  await watchByCode(page, code);
  await expect(page.locator('#lobby'), 'the spectator is taken to the match').toBeHidden({ timeout: 15_000 });
  const d = await waitConfirmed(page, (await online(owner)).confirmedTick + 30);
  expect(d.seat, 'a spectator has no seat').toBeNull();
  return page;
}

/** Every checkpoint the spectator confirmed (from its snapshot on, through full time) is the relay's. */
async function expectSpectatorFollowedRelay(page: Page, room: AdminRoom): Promise<void> {
  const d = await online(page);
  const relayHashes = new Map(room.checkpoints);
  const own = d.confirmedHashes.filter(([tick]) => relayHashes.has(tick));
  expect(own.at(-1)?.[0] ?? 0, 'the spectator followed through full time').toBeGreaterThanOrEqual(FULL_TIME_TICK);
  for (const [tick, hash] of own) expect(hash, `spectator checkpoint ${tick}`).toBe(relayHashes.get(tick));
  expect(d.net.desyncs).toBe(0);
}

test('quick match seats two players in one room and starts it when full', async ({ browser }) => {
  players = await openPlayers(browser, relay.origin, ['?render=worker', '?render=worker']);
  const pages = players.map((p) => p.page);
  for (const page of pages) {
    await expect(page.locator('#open-online')).toBeEnabled({ timeout: 15_000 });
    await page.click('#open-online');
    await page.click('#quick-match'); // 1 v 1 is the lobby's default size
    await expect(page.locator('#room')).toBeVisible({ timeout: 15_000 });
  }
  for (const page of pages) await expect(page.locator('#lobby')).toBeHidden({ timeout: 15_000 });
  const [a, b] = await Promise.all(pages.map((page) => waitConfirmed(page, 30)));
  expect(a!.code).toBe(b!.code);
  expect([a!.seat, b!.seat].sort()).toEqual([0, 1]);
});

test('killing the relay mid-match: a clear message, the replay kept; back up, a new match starts', async ({ browser }) => {
  test.setTimeout(180_000);
  players = await openPlayers(browser, relay.origin, ['?render=worker&matchSeconds=60', '?render=worker&matchSeconds=60']);
  const [owner, guest] = players.map((p) => p.page) as [Page, Page];
  const code = await createRoom(owner, 2, 'Owner');
  await joinByCode(guest, code, 'Guest');
  await readyAndStart(owner, [guest], 2);
  await Promise.all([move(owner, 'KeyD'), move(guest, 'KeyA')]);
  await Promise.all([waitConfirmed(owner, 300), waitConfirmed(guest, 300)]);

  await relay.kill();
  for (const page of [owner, guest]) {
    await expect(page.locator('#reconnecting'), 'the client says it is reconnecting').toBeVisible({ timeout: 10_000 });
  }
  for (const page of [owner, guest]) {
    // The client gives up after its reconnect budget (netcode: 20 s): then a sentence, not a frozen game.
    await expect(page.locator('#net-lost')).toBeVisible({ timeout: 40_000 });
    await expect(page.locator('#net-lost-text')).not.toBeEmpty();
    await expect(page.locator('#net-lost-replay')).toContainText('kept in Replays', { timeout: 10_000 });
    await expect(page.locator('#reconnecting')).toBeHidden();
    await expectReplayOfMovingPlayers(page, 2);
  }
  // The replay is in IndexedDB, listed with the others.
  await owner.click('#net-lost-menu');
  await owner.click('#open-replays');
  await expect(owner.locator('#replay-list li', { hasText: 'connection lost' })).toHaveCount(1);
  await owner.click('#replays .back');
  await expect(owner.locator('#open-online')).toBeDisabled(); // the relay is still down
  await expect(owner.locator('#online-unavailable')).toHaveText(/cannot be reached/);

  await relay.restart();
  await guest.click('#net-lost-menu');
  // The title screen keeps checking while the relay is unreachable: the entry comes back by itself.
  const next = await createRoom(owner, 2, 'Owner');
  await joinByCode(guest, next, 'Guest');
  await readyAndStart(owner, [guest], 2);
  await Promise.all([waitConfirmed(owner, 60), waitConfirmed(guest, 60)]);
  expect((await online(owner)).code).toBe(next);
});
