// The update suite: builds v1 (the working tree as is) and one v2 per change with
// tools/buildVariant.ts, each in its own temporary copy, then in headless Chromium measures the
// first visit to v1 and, per change, what an installed v1 downloads to get v2 ready. The `none`
// change is the control: an independent build of the same sources, which must be byte-identical to
// v1 (no update found, nothing but sw.js fetched).

import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from '@playwright/test';
import { buildVariant, snapshotSources, variantChanges, type SourceSnapshot, type VariantBuild, type VariantChange } from '../../tools/buildVariant.ts';
import { findChromium } from '../../tools/findChromium.ts';
import { BenchError } from '../BenchError.ts';
import { chromiumArgs } from '../render/openRenderHarness.ts';
import { listBuild } from './compareBuilds.ts';
import { measureFirstLoad } from './measureFirstLoad.ts';
import { measureUpdate } from './measureUpdate.ts';
import { nothingFetched, type UpdateRow, type UpdateSuiteRow } from './UpdateRow.ts';

export async function runUpdateSuite(onProgress: (line: string) => void, onRow: (row: UpdateSuiteRow) => void): Promise<UpdateSuiteRow[]> {
  const executablePath = findChromium();
  if (executablePath === undefined) {
    throw new BenchError('no-chromium', 'no Chromium found: set CHROMIUM_PATH or run "npx tsx tools/findChromium.ts"');
  }
  // Builds go outside the project: a dev server watching it would see new index.html files appear.
  const work = await mkdtemp(join(tmpdir(), 'tessera-bench-update-'));
  const rows: UpdateSuiteRow[] = [];
  const emit = (row: UpdateSuiteRow): void => {
    rows.push(row);
    onRow(row);
  };
  let sources: SourceSnapshot | undefined;
  try {
    // One copy of the sources for every build, so that v1 and each v2 differ by the change alone
    // even if the working tree is edited meanwhile.
    const snapshot = await snapshotSources();
    sources = snapshot;
    const build = async (change: VariantChange, name: string): Promise<VariantBuild> => {
      const built = await buildVariant(change, join(work, name), { sources: snapshot });
      onProgress(`[update] built ${name} (${change}${built.changedSource ? `: ${built.changedSource}` : ''}) in ${built.seconds.toFixed(1)} s`);
      return built;
    };
    const v1 = await listBuild((await build('none', 'v1')).outDir);
    const v2s = new Map<VariantChange, VariantBuild | Error>();
    for (const change of variantChanges) v2s.set(change, await build(change, `v2-${change}`).catch((err: Error) => err));

    const browser = await chromium.launch({ executablePath, args: [...chromiumArgs] });
    try {
      const first = await measureFirstLoad(browser, v1);
      onProgress(`[update first-load] page ${first.page_only.files} responses ${first.page_only.bytes} B; with service worker ${first.with_service_worker.files} responses ${first.with_service_worker.bytes} B${first.error ? `; failed: ${first.error}` : ''}`);
      emit(first);
      for (const [change, built] of v2s) {
        const row: UpdateRow =
          built instanceof Error
            ? failedBuildRow(change, built)
            : await measureUpdate(browser, change, built.changedSource, v1, await listBuild(built.outDir), built.seconds);
        onProgress(`[update ${change}] ${row.outcome ?? 'not measured'}: ${row.fetched_files} responses, ${row.fetched_bytes} B${row.error ? `; failed: ${row.error}` : ''}`);
        emit(row);
      }
    } finally {
      await browser.close();
    }
    return rows;
  } finally {
    await sources?.dispose();
    await rm(work, { recursive: true, force: true });
  }
}

function failedBuildRow(change: VariantChange, err: Error): UpdateRow {
  return {
    suite: 'update',
    measure: 'update',
    change,
    changed_source: null,
    changed_assets: [],
    changed_raw_bytes: 0,
    changed_wire_bytes: 0,
    rewritten_files: [],
    ...nothingFetched,
    build_s: 0,
    error: `build failed: ${err.message}`,
  };
}
