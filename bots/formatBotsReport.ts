import type { BotsReport } from './BotsReport.ts';

const ms = (value: number | null): string => (value === null ? '-' : `${value.toFixed(2)} ms`);

/** The bots report as labelled lines, for people. */
export function formatBotsReport(report: BotsReport): string {
  const { drops, errors, netcode, proxy } = report;
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
  if (proxy !== null) lines.push(['proxy', `${proxy.latency_ms} ± ${proxy.jitter_ms} ms each way (round trip ${2 * proxy.latency_ms} ± ${2 * proxy.jitter_ms} ms)`]);
  if (netcode !== null) {
    const ticks = (value: number | null): string => (value === null ? '-' : String(value));
    const delay = netcode.input_delay_min === netcode.input_delay_max ? ticks(netcode.input_delay_min) : `${ticks(netcode.input_delay_min)}–${ticks(netcode.input_delay_max)}`;
    lines.push(
      ['input delay', `${delay} ticks (chosen per match from the link)`],
      ['rollback depth', `p50 ${ticks(netcode.rollback_depth_p50)}, p99 ${ticks(netcode.rollback_depth_p99)}, max ${ticks(netcode.rollback_depth_max)} ticks over ${netcode.rollbacks} rollbacks`],
      ['resimulated', `${netcode.resimulated_ticks_per_s.toFixed(1)} ticks/s (all bots); ${netcode.stalls} frames stopped at the prediction window`],
      ['desyncs', `${netcode.desyncs} (resyncs ${netcode.resyncs}: relay snapshots applied; reconnects ${netcode.reconnects})`],
    );
  }
  const width = Math.max(...lines.map(([label]) => label.length));
  return lines.map(([label, text]) => `${label.padEnd(width)}  ${text}`).join('\n');
}
