import type { BotsReport } from './BotsReport.ts';

const ms = (value: number | null): string => (value === null ? '-' : `${value.toFixed(2)} ms`);

/** The bots report as labelled lines, for people. */
export function formatBotsReport(report: BotsReport): string {
  const { drops, errors } = report;
  const closes = Object.entries(errors.closes).map(([label, count]) => `${count}× ${label}`);
  const lines: [string, string][] = [
    ['bots', `${report.bots} (${report.rooms} rooms × ${report.players} players)`],
    ['CCU', `${report.ccu} in a running match at the end of the window`],
    ['window', `${report.window_s} s`],
    ['messages/s', `${report.messages_per_s.toFixed(1)} Frames received (${report.messages_per_s_per_bot.toFixed(2)} per bot; ideal 60)`],
    ['round trip', `p50 ${ms(report.rtt_p50_ms)}, p99 ${ms(report.rtt_p99_ms)} (own input → the Frames carrying its tick)`],
    ['all inputs', `p50 ${ms(report.latency_p50_ms)}, p99 ${ms(report.latency_p99_ms)} (every input at every member)`],
    ['delivered', report.delivered_pct === null ? '-' : `${report.delivered_pct.toFixed(3)} % of inputs sent × members`],
    ['inputs', `${report.inputs_sent} sent, ${report.skipped_sends} skipped (a bot fell behind the tick clock)`],
    ['drops', `${drops.total} (${drops.repeated} repeated by the relay, ${drops.unconfirmed} never confirmed)`],
    [
      'errors',
      `${errors.total} (closes: ${closes.length === 0 ? 'none' : closes.join(', ')}; room requests failed ${errors.room_requests_failed}; ` +
        `decode errors ${errors.decode_errors}; bots never connected ${errors.connect_failed})`,
    ],
  ];
  if (errors.first_failure !== null) lines.push(['first failure', errors.first_failure]);
  const width = Math.max(...lines.map(([label]) => label.length));
  return lines.map(([label, text]) => `${label.padEnd(width)}  ${text}`).join('\n');
}
