// One update: a fresh profile installs v1 (the page loads, the service worker precaches the shell
// and controls the page), then the server switches to v2 and the page asks for an update. Counts
// what the server sent from the switch until the new worker is waiting.

import type { Browser, Page } from '@playwright/test';
import type { VariantChange } from '../../tools/buildVariant.ts';
import { compareBuilds, type BuildListing } from './compareBuilds.ts';
import { checkForUpdate, waitForControl, waitForGameReady } from './pageSteps.ts';
import { openSwitchableSite, type ServedRecord } from './switchableSite.ts';
import { nothingFetched, type FetchedFile, type UpdateRow } from './UpdateRow.ts';

/** Bounds of every wait, in ms. */
export const updateLimits = { pageLoad: 60_000, control: 30_000, install: 30_000, quiet: 500, quietMax: 10_000 } as const;

/** Request URL → path inside the build ('/' is index.html; Workbox's ?__WB_REVISION__= dropped). */
export function servedPath(url: string): string {
  const path = decodeURIComponent(new URL(url, 'http://x').pathname).replace(/^\//, '');
  return path === '' || path.endsWith('/') ? `${path}index.html` : path;
}

function classify(served: readonly ServedRecord[], v1: BuildListing, v2: BuildListing, identical: ReadonlySet<string>): FetchedFile[] {
  return served.map(({ url, status, bytes }) => {
    const path = servedPath(url);
    const kind = !v2.files.has(path) ? 'other' : !v1.files.has(path) ? 'new' : identical.has(path) ? 'unchanged' : 'changed';
    return { path, status, bytes, kind };
  });
}

export async function measureUpdate(
  browser: Browser,
  change: VariantChange,
  changedSource: string | null,
  v1: BuildListing,
  v2: BuildListing,
  buildSeconds: number,
): Promise<UpdateRow> {
  const comparison = await compareBuilds(v1, v2);
  const changedRaw = comparison.added.reduce((n, f) => n + f.bytes, 0);
  const changedWire = comparison.added.reduce((n, f) => n + f.wire_bytes, 0);
  const base = {
    suite: 'update',
    measure: 'update',
    change,
    changed_source: changedSource,
    changed_assets: comparison.added,
    changed_raw_bytes: changedRaw,
    changed_wire_bytes: changedWire,
    rewritten_files: comparison.rewritten,
    build_s: buildSeconds,
  } as const;
  const site = await openSwitchableSite('v1', v1.dir);
  try {
    const context = await browser.newContext({ serviceWorkers: 'allow' });
    try {
      return await updateIn(await context.newPage());
    } finally {
      await context.close();
    }
  } catch (err) {
    return {
      ...base,
      ...nothingFetched,
      error: err instanceof Error ? err.message : String(err),
    };
  } finally {
    await site.close();
  }

  async function updateIn(page: Page): Promise<UpdateRow> {
    page.setDefaultTimeout(updateLimits.pageLoad);
    await page.goto(`${site.origin}/`);
    await waitForGameReady(page, updateLimits.pageLoad);
    await waitForControl(page, updateLimits.control);
    await waitForGameReady(page, updateLimits.pageLoad);
    // Late requests of v1 (config.json refreshed behind the cache, icons) must not count for v2.
    await site.waitForQuiet(updateLimits.quiet, updateLimits.quietMax);
    const mark = site.served.length;
    site.switchTo('v2', v2.dir);
    const outcome = await checkForUpdate(page, updateLimits.install);
    const fetched = classify(site.served.slice(mark), v1, v2, new Set(comparison.identical));
    const fetchedBytes = fetched.reduce((n, f) => n + f.bytes, 0);
    const expected = change === 'none' ? 'no-update' : 'waiting';
    const problems = [
      ...(outcome === expected ? [] : [`expected ${expected}, the update check ended with ${outcome}`]),
      ...(change === 'none' && (comparison.added.length > 0 || comparison.rewritten.length > 0)
        ? [`two builds of the same sources differ: new ${comparison.added.map((f) => f.path).join(', ') || '-'}; rewritten ${comparison.rewritten.join(', ') || '-'}`]
        : []),
      ...fetched.filter((f) => f.status >= 400).map((f) => `${f.path}: HTTP ${f.status}`),
    ];
    return {
      ...base,
      outcome,
      fetched,
      fetched_files: fetched.length,
      fetched_bytes: fetchedBytes,
      fetched_over_changed: changedWire > 0 ? fetchedBytes / changedWire : null,
      refetched_unchanged: fetched.filter((f) => f.kind === 'unchanged' && f.bytes > 0).map((f) => f.path),
      ...(problems.length > 0 ? { error: problems.join('; ') } : {}),
    };
  }
}
