// The installed app offline, against the production server of dist/ with its responses counted:
// a cold start after one visit plays a match with nothing asked of the server, and each cache
// tier answers as docs/architecture.md says (wasm type, media ranges, the navigation fallback,
// stale-while-revalidate config, network-only live endpoints).

import { expect, test } from '@playwright/test';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openInstalledApp, servedPaths, startPwaServer, waitForGame, type PwaServer } from './support/pwaServer.ts';
import { waitTick } from './support/game.ts';

test.use({ serviceWorkers: 'allow' });

let server: PwaServer;
test.beforeEach(async () => {
  server = await startPwaServer('dist');
});
test.afterEach(async () => {
  await server.close();
});

// Chromium checks the worker script for updates on every navigation from its own network stack,
// which context.setOffline does not reach; offline for real, that check just fails. It is the
// only request allowed below.
const appRequests = (paths: string[]): string[] => paths.filter((p) => p !== '/sw.js');

test('after one visit the game cold-starts offline and a match plays, fetching nothing', async ({ page, context }) => {
  await openInstalledApp(page, server.origin);
  server.clearLog();
  await context.setOffline(true);
  await page.reload();
  await waitForGame(page);
  await expect(page.locator('#offline')).toBeVisible();
  await page.click('#play');
  const d = await waitTick(page, 200);
  expect(d.framesDrawn).toBeGreaterThan(10);
  expect(appRequests(servedPaths(server.log))).toEqual([]);

  // And with the server gone altogether, not just unreachable: the same start.
  await server.close();
  await page.reload();
  await waitForGame(page);
  await page.click('#play');
  await waitTick(page, 60);
});

test('offline, online-only features say why they are unavailable and single-player stays open', async ({ page, context }) => {
  await openInstalledApp(page, server.origin);
  await context.setOffline(true);
  await page.reload();
  await waitForGame(page);
  await expect(page.locator('#play')).toBeEnabled();
  await expect(page.locator('#open-online')).toBeDisabled();
  await expect(page.locator('#online-unavailable')).toHaveText(/you are offline/);
  await page.click('#open-settings');
  await expect(page.locator('#check-update')).toBeDisabled();
  await expect(page.locator('#check-update + .needs-network-reason')).toHaveText(/you are offline/);
  await context.setOffline(false);
  await expect(page.locator('#check-update')).toBeEnabled();
  await expect(page.locator('#offline')).toBeHidden();
  // Back online, but this server has no relay: online play says that instead.
  await page.click('#settings .back');
  await expect(page.locator('#open-online')).toBeDisabled();
  await expect(page.locator('#online-unavailable')).toHaveText(/cannot be reached/);
});

test('cache tiers: wasm as application/wasm, media ranges, no fallback for assets or APIs', async ({ page, context }) => {
  await openInstalledApp(page, server.origin);
  const urls = await page.evaluate(async () => {
    const manifest = (await (await fetch('/assets/asset-manifest.json')).json()) as { assets: Record<string, { url: string }> };
    return { wasm: `/assets/${manifest.assets['tessera.wasm']!.url}`, tiles: `/assets/${manifest.assets['textures/tiles.png']!.url}` };
  });
  await context.setOffline(true);
  server.clearLog();
  const answers = await page.evaluate(async ({ wasm, tiles }) => {
    const w = await fetch(wasm);
    const whole = new Uint8Array(await (await fetch(tiles)).arrayBuffer());
    const part = await fetch(tiles, { headers: { Range: 'bytes=100-199' } });
    const slice = new Uint8Array(await part.arrayBuffer());
    const status = async (url: string): Promise<string> => fetch(url).then((r) => `${r.status} ${r.headers.get('Content-Type')}`, () => 'network error');
    return {
      wasmType: w.headers.get('Content-Type'),
      compiles: await WebAssembly.compileStreaming(fetch(wasm)).then(() => true),
      rangeStatus: part.status,
      rangeMatches: slice.length === 100 && slice.every((b, i) => b === whole[100 + i]),
      missingAsset: await status('/assets/missing-AAAAAAAA.js'),
      api: await status('/token'),
    };
  }, urls);
  expect(answers.wasmType).toBe('application/wasm');
  expect(answers.compiles).toBe(true);
  expect(answers.rangeStatus).toBe(206);
  expect(answers.rangeMatches).toBe(true);
  // Offline, a missing asset and an API are errors, never index.html.
  expect(answers.missingAsset).toBe('network error');
  expect(answers.api).toBe('network error');
  expect(servedPaths(server.log)).toEqual([]);

  // A deep link navigates to the app shell; an asset path navigates to no shell.
  await page.goto(`${server.origin}/some/deep/link?seed=3`);
  await waitForGame(page);
  await context.setOffline(false);
  server.clearLog();
  // Chromium shows its own error page for an empty 404, so the navigation itself may fail: what
  // counts is that the request reached the server and got its 404 rather than the app shell.
  const outcome = await page.goto(`${server.origin}/assets/missing-AAAAAAAA.js`).then((r) => String(r?.status()), (e: Error) => e.message);
  expect(outcome).toMatch(/^404$|ERR_HTTP_RESPONSE_CODE_FAILURE/);
  // (Back online, the app also asks /healthz whether online play is possible: not a navigation.)
  expect(server.log.filter((r) => r.url !== '/healthz').map((r) => `${r.status} ${r.url}`)).toEqual(['404 /assets/missing-AAAAAAAA.js']);
});

test('config is stale-while-revalidate; live endpoints always go to the network', async ({ page }) => {
  await openInstalledApp(page, server.origin);
  const read = (): Promise<number> => page.evaluate(async () => ((await (await fetch('/config.json')).json()) as { updateCheckMinutes: number }).updateCheckMinutes);
  const shipped = await read();
  // The operator edits config.json on the server (a folder holding just that file stands in).
  const edited = await mkdtemp(join(tmpdir(), 'tessera-config-'));
  try {
    await writeFile(join(edited, 'config.json'), JSON.stringify({ updateCheckMinutes: shipped + 7 }));
    server.serve(edited);
    server.clearLog();
    // The cached copy answers at once, and the request refreshes the cache behind it…
    expect(await read()).toBe(shipped);
    await expect.poll(() => servedPaths(server.log)).toContain('/config.json');
    // …so the next read has the edit.
    await expect.poll(read).toBe(shipped + 7);
  } finally {
    server.serve('dist');
    await rm(edited, { recursive: true, force: true });
  }
  server.clearLog();
  // A query of its own: the app polls /healthz itself (is online play possible?), and the config's
  // revalidation may still land after clearLog; neither is what this asks.
  await page.evaluate(() => Promise.all([fetch('/healthz?probe'), fetch('/healthz?probe')]));
  expect(server.log.filter((r) => r.url === '/healthz?probe').length).toBe(2);
});
