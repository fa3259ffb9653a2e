import type { SummaryRow } from './SummaryRow.ts';

function formatNs(ns: number | null): string {
  if (ns === null) return '-';
  if (ns < 10) return ns.toFixed(2);
  if (ns < 1000) return ns.toFixed(1);
  return Math.round(ns).toLocaleString('en-US');
}

function formatRate(perSecond: number | null | undefined): string {
  return perSecond == null ? '-' : Math.round(perSecond).toLocaleString('en-US');
}

/** Half the min-max range of the run values, in % of its midpoint ('-' with fewer than 2 runs). */
function formatSpread(values: readonly (number | null)[]): string {
  const present = values.filter((v): v is number => v !== null);
  if (present.length < 2) return '-';
  const min = Math.min(...present);
  const max = Math.max(...present);
  return `±${((100 * (max - min)) / 2 / ((max + min) / 2)).toFixed(1)}%`;
}

/** One column of a text table: its title, alignment and how a row fills it. */
export interface TableColumn<Row> {
  title: string;
  right: boolean;
  cell: (row: Row) => string;
}

/** Header, rule and one aligned line per row. */
export function alignedLines<Row>(columns: readonly TableColumn<Row>[], rows: readonly Row[]): string[] {
  const cells = rows.map((row) => columns.map((column) => column.cell(row)));
  const widths = columns.map((column, c) => Math.max(column.title.length, ...cells.map((line) => line[c]!.length)));
  const render = (line: readonly string[]): string =>
    line
      .map((text, c) => (columns[c]!.right ? text.padStart(widths[c]!) : text.padEnd(widths[c]!)))
      .join('  ')
      .trimEnd();
  return [render(columns.map((column) => column.title)), render(widths.map((w) => '-'.repeat(w))), ...cells.map(render)];
}

/** What any suite's row says about its runs: how many succeeded, their spread, ok or FAILED. */
export interface RunOutcomeRow {
  readonly runs: number;
  readonly run_values: readonly (number | null)[];
  readonly error?: string;
}

/** The runs, spread and status columns every suite's table ends with. */
export function outcomeColumns<Row extends RunOutcomeRow>(): TableColumn<Row>[] {
  return [
    { title: 'runs', right: true, cell: (row) => `${row.run_values.filter((v) => v !== null).length}/${row.runs}` },
    { title: 'spread', right: true, cell: (row) => formatSpread(row.run_values) },
    { title: 'status', right: false, cell: (row) => (row.error === undefined ? 'ok' : 'FAILED') },
  ];
}

const columns: readonly TableColumn<SummaryRow>[] = [
  { title: 'suite', right: false, cell: (row) => row.suite },
  { title: 'n', right: true, cell: (row) => String(row.n) },
  { title: 'impl', right: false, cell: (row) => row.impl },
  { title: 'op', right: false, cell: (row) => row.op ?? '' },
  { title: 'ns', right: true, cell: (row) => formatNs(row.ns) },
  { title: 'per', right: false, cell: (row) => (row.metric === 'ns_per_body_step' ? 'body-step' : 'op') },
  { title: 'steps/s', right: true, cell: (row) => formatRate(row.steps_per_s) },
  { title: 'ops/s', right: true, cell: (row) => (row.metric === 'ns_per_op' ? formatRate(row.ops_per_s) : '') },
  { title: 'vs_js', right: true, cell: (row) => (row.vs_js === null ? '' : `${row.vs_js.toFixed(2)}x`) },
  { title: 'checksum', right: false, cell: (row) => row.checksum ?? '-' },
  { title: 'ke_ratio', right: true, cell: (row) => (row.ke_ratio == null ? '' : row.ke_ratio.toFixed(6)) },
  ...outcomeColumns<SummaryRow>(),
];

/**
 * Rows as an aligned text table (medians; vs_js = ns / plain-JS ns, paired per round; spread = half
 * the min-max range over runs), followed by the full message of every failed row.
 */
export function formatTable(rows: readonly SummaryRow[]): string {
  const lines = alignedLines(columns, rows);
  const failures = rows.filter((row) => row.error !== undefined);
  if (failures.length > 0) {
    lines.push('', 'Failures:');
    for (const row of failures) {
      lines.push(`  ${row.suite} n=${row.n} ${row.impl}${row.op === undefined ? '' : ` ${row.op}`}: ${row.error}`);
    }
  }
  return lines.join('\n');
}
