import type { SummaryRow } from './SummaryRow.ts';

/** A summary row as one JSON line; the median ns sits under ns_per_body_step or ns_per_op. */
export function formatJsonLine(row: SummaryRow): string {
  const { suite, impl, n, op, metric, ns, ...rest } = row;
  return JSON.stringify({ suite, impl, n, ...(op === undefined ? {} : { op }), [metric]: ns, ...rest });
}
