import { alignedLines, type TableColumn } from '../report/formatTable.ts';
import type { FirstLoadRow, UpdateRow, UpdateSuiteRow } from './UpdateRow.ts';

/** KB = 1024 bytes, as the service worker's own update summary counts them. */
export function formatKB(bytes: number): string {
  return `${(bytes / 1024).toFixed(1)} KB`;
}

const fileName = (path: string): string => path.slice(path.lastIndexOf('/') + 1);

const updateColumns: readonly TableColumn<UpdateRow>[] = [
  { title: 'change', right: false, cell: (row) => row.change },
  { title: 'changed asset(s)', right: false, cell: (row) => row.changed_assets.map((f) => fileName(f.path)).join(' ') || '-' },
  { title: 'raw', right: true, cell: (row) => formatKB(row.changed_raw_bytes) },
  { title: 'wire', right: true, cell: (row) => formatKB(row.changed_wire_bytes) },
  { title: 'update check', right: false, cell: (row) => row.outcome ?? '-' },
  { title: 'files fetched', right: true, cell: (row) => String(row.fetched_files) },
  { title: 'bytes fetched', right: true, cell: (row) => formatKB(row.fetched_bytes) },
  { title: 'fetched/changed', right: true, cell: (row) => (row.fetched_over_changed === null ? '-' : `${row.fetched_over_changed.toFixed(2)}x`) },
  { title: 'unchanged refetched', right: true, cell: (row) => String(row.refetched_unchanged.length) },
  { title: 'status', right: false, cell: (row) => (row.error === undefined ? 'ok' : 'FAILED') },
];

interface FirstLoadLine {
  what: string;
  files: number;
  bytes: number;
  note: string;
}

const firstLoadColumns: readonly TableColumn<FirstLoadLine>[] = [
  { title: 'first visit to v1', right: false, cell: (line) => line.what },
  { title: 'files', right: true, cell: (line) => String(line.files) },
  { title: 'wire bytes', right: true, cell: (line) => formatKB(line.bytes) },
  { title: '', right: false, cell: (line) => line.note },
];

function firstLoadLines(row: FirstLoadRow): FirstLoadLine[] {
  const goal = (bytes: number): string => `${bytes <= row.goal_bytes ? 'within' : 'OVER'} the ${formatKB(row.goal_bytes)} goal`;
  return [
    { what: 'page until game ready (service workers blocked)', files: row.page_only.files, bytes: row.page_only.bytes, note: goal(row.page_only.bytes) },
    { what: 'page + service worker install', files: row.with_service_worker.files, bytes: row.with_service_worker.bytes, note: goal(row.with_service_worker.bytes) },
    {
      what: 'of which the install fetched again',
      files: row.refetched_by_install.length,
      bytes: row.refetched_bytes,
      note: row.refetched_by_install.map((r) => r.path).join(' '),
    },
    { what: 'precache list (the shell, from sw.js)', files: row.precache_files, bytes: row.precache_wire_bytes, note: '' },
  ];
}

/**
 * The update suite's report: per change, what changed in the build and what an installed v1
 * downloaded to get v2 waiting (then each change's fetched files), and the first visit.
 */
export function formatUpdateTable(rows: readonly UpdateSuiteRow[]): string {
  const updates = rows.filter((row): row is UpdateRow => row.measure === 'update');
  const firstLoads = rows.filter((row): row is FirstLoadRow => row.measure === 'first-load');
  const lines = alignedLines(updateColumns, updates);
  lines.push('', 'Fetched between the switch to v2 and the new worker waiting (wire bytes; new = name only v2 has, changed = same name, new content):');
  for (const row of updates) {
    const files = row.fetched.map((f) => `${f.path}${f.status === 200 ? '' : ` [${f.status}]`} ${formatKB(f.bytes)} (${f.kind})`);
    lines.push(`  ${row.change}: ${files.join(', ') || '-'}`);
  }
  const wasted = updates.filter((row) => row.refetched_unchanged.length > 0);
  if (wasted.length > 0) {
    lines.push('Sent in full although byte-identical in v1 and v2:');
    for (const row of wasted) lines.push(`  ${row.change}: ${row.refetched_unchanged.join(', ')}`);
  }
  for (const row of firstLoads) lines.push('', ...alignedLines(firstLoadColumns, firstLoadLines(row)));
  lines.push(
    '',
    'Byte counts are deterministic (fixed builds, fresh browser profiles, gzip as served by relay/http/staticSite.ts): one run each; --runs does not apply. KB = 1024 bytes.',
  );
  const failures = rows.filter((row) => row.error !== undefined);
  if (failures.length > 0) {
    lines.push('', 'Failures:');
    for (const row of failures) lines.push(`  update ${row.measure === 'update' ? row.change : 'first-load'}: ${row.error}`);
  }
  return lines.join('\n');
}
