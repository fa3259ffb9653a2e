import { machineBusyCpuSeconds, peakRssMb, processCpuSeconds } from './procStats.ts';
import type { RelayRunValues } from './RelayRow.ts';
import type { RelayRunResult } from './summarizeRelayRuns.ts';
import type { RelayTarget } from './relayTargets.ts';
import { relayWorkload } from './relayWorkload.ts';
import { runLoadGenerator } from './runLoadGenerator.ts';
import { startRelayProcess } from '../../tools/startRelayProcess.ts';

interface CpuSample {
  readonly at: number;
  readonly relay: number;
  readonly generator: number;
  readonly machine: number;
}

const round2 = (value: number): number => Number(value.toFixed(2));

/** One run: a fresh relay process, a fresh generator process with ccu bots, CPU sampled over the window. */
export async function measureRelayRun(target: RelayTarget, ccu: number): Promise<Exclude<RelayRunResult, { error: string }>> {
  const relay = await startRelayProcess(target.entry, target.env, { nodeArgs: target.nodeArgs });
  try {
    const samples: CpuSample[] = [];
    let sampleError: unknown;
    const sample = (generatorPid: number): void => {
      try {
        samples.push({ at: performance.now(), relay: processCpuSeconds(relay.pid), generator: processCpuSeconds(generatorPid), machine: machineBusyCpuSeconds() });
      } catch (err) {
        // The relay died mid-run; the generator's report (closes) says more than a missing /proc file.
        sampleError ??= err;
      }
    };
    const rooms = ccu / relayWorkload.playersPerRoom;
    const report = await runLoadGenerator(relay.url.replace(/^http/, 'ws'), target.adapterModule, rooms, { onWindowStart: sample, onWindowEnd: sample });
    const [start, end] = samples;
    if (start === undefined || end === undefined) {
      throw new Error(`CPU not sampled over the window (${String(sampleError)}); relay stderr: ${relay.stderrTail()}`);
    }
    const pct = (cpuSeconds: number): number => (100 * cpuSeconds * 1000) / (end.at - start.at);
    const relayCpu = pct(end.relay - start.relay);
    const generatorCpu = pct(end.generator - start.generator);
    const due = report.inputs_sent + report.skipped_sends;
    const values: RelayRunValues = {
      ccu_running: report.ccu,
      msgs_per_s: report.messages_per_s,
      p50_ms: report.latency_p50_ms,
      p99_ms: report.latency_p99_ms,
      delivered_pct: report.delivered_pct,
      relay_cpu_pct: round2(relayCpu),
      relay_cpu_per_1000_ccu: round2(report.ccu === 0 ? 0 : (relayCpu * 1000) / report.ccu),
      relay_rss_mb: round2(peakRssMb(relay.pid)),
      gen_cpu_pct: round2(generatorCpu),
      other_cpu_pct: round2(Math.max(0, pct(end.machine - start.machine) - relayCpu - generatorCpu)),
      skipped_pct: round2(due === 0 ? 0 : (100 * report.skipped_sends) / due),
      errors: report.errors.total,
    };
    return { values, firstFailure: report.errors.first_failure };
  } finally {
    await relay.stop();
  }
}
