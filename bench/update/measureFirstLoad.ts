// A first visit in a fresh profile, twice: once with service workers blocked (what the page itself
// fetches until the game is ready) and once with them allowed (the page plus the precache install,
// until the worker is active). The difference shows whether the install downloads again what the
// page already has.

import type { Browser } from '@playwright/test';
import { precachePaths, type BuildListing } from './compareBuilds.ts';
import { servedPath, updateLimits } from './measureUpdate.ts';
import { waitForActivated, waitForGameReady } from './pageSteps.ts';
import { openSwitchableSite, type ServedRecord } from './switchableSite.ts';
import type { FirstLoadRow, TransferPass } from './UpdateRow.ts';

/** The budget: everything the game needs in at most 300 KB of gzip (KiB, as sw.js logs sizes). */
export const firstLoadGoalBytes = 300 * 1024;

function pass(served: readonly ServedRecord[]): TransferPass {
  const requests = served.map(({ url, status, bytes }) => ({ path: servedPath(url), status, bytes }));
  return { files: requests.length, bytes: requests.reduce((n, r) => n + r.bytes, 0), requests };
}

async function loadOnce(browser: Browser, v1: BuildListing, serviceWorkers: 'allow' | 'block'): Promise<TransferPass> {
  const site = await openSwitchableSite('v1', v1.dir);
  try {
    const context = await browser.newContext({ serviceWorkers });
    try {
      const page = await context.newPage();
      page.setDefaultTimeout(updateLimits.pageLoad);
      await page.goto(`${site.origin}/`);
      await waitForGameReady(page, updateLimits.pageLoad);
      if (serviceWorkers === 'allow') await waitForActivated(page, updateLimits.install);
      await site.waitForQuiet(updateLimits.quiet, updateLimits.quietMax);
      return pass(site.served);
    } finally {
      await context.close();
    }
  } finally {
    await site.close();
  }
}

export async function measureFirstLoad(browser: Browser, v1: BuildListing): Promise<FirstLoadRow> {
  const shell = await precachePaths(v1);
  const precacheWire = shell.reduce((n, path) => n + (v1.files.get(path)?.wire_bytes ?? 0), 0);
  const empty: TransferPass = { files: 0, bytes: 0, requests: [] };
  const base = { suite: 'update', measure: 'first-load', precache_wire_bytes: precacheWire, precache_files: shell.length, goal_bytes: firstLoadGoalBytes } as const;
  try {
    const pageOnly = await loadOnce(browser, v1, 'block');
    const withWorker = await loadOnce(browser, v1, 'allow');
    // Every download of a path after its first is the install fetching it again.
    const again = new Map<string, { times: number; bytes: number }>();
    for (const r of withWorker.requests) {
      if (r.bytes === 0) continue;
      const seen = again.get(r.path);
      if (seen === undefined) again.set(r.path, { times: 1, bytes: 0 });
      else again.set(r.path, { times: seen.times + 1, bytes: seen.bytes + r.bytes });
    }
    const refetched = [...again].filter(([, t]) => t.times > 1).map(([path, t]) => ({ path, ...t }));
    const failed = [...pageOnly.requests, ...withWorker.requests].filter((r) => r.status >= 400);
    return {
      ...base,
      page_only: pageOnly,
      with_service_worker: withWorker,
      refetched_by_install: refetched,
      refetched_bytes: refetched.reduce((n, r) => n + r.bytes, 0),
      ...(failed.length > 0 ? { error: failed.map((r) => `${r.path}: HTTP ${r.status}`).join('; ') } : {}),
    };
  } catch (err) {
    return { ...base, page_only: empty, with_service_worker: empty, refetched_by_install: [], refetched_bytes: 0, error: err instanceof Error ? err.message : String(err) };
  }
}
