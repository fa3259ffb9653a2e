// The relay bench's own parts: the minimal relay driven by the bots engine (what every step of
// `npm run bench -- relay` does, on a short schedule), /proc sampling, medians and the verdict.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { runBots } from '../bots/runBots.ts';
import { summarizeBots } from '../bots/BotsReport.ts';
import { judgeRelayTarget } from '../bench/relay/judgeRelayTarget.ts';
import { judgeVerificationCost } from '../bench/relay/judgeVerificationCost.ts';
import { machineBusyCpuSeconds, peakRssMb, processCpuSeconds } from '../bench/relay/procStats.ts';
import type { RelayRow, RelayRunValues } from '../bench/relay/RelayRow.ts';
import { relayTargets } from '../bench/relay/relayTargets.ts';
import { startRelayProcess } from '../tools/startRelayProcess.ts';
import { summarizeRelayRuns } from '../bench/relay/summarizeRelayRuns.ts';
import { parseBenchArgs } from '../bench/orchestrate/parseBenchArgs.ts';

test('the minimal relay bundles every input to every member, about 60 times a second', { timeout: 60_000 }, async () => {
  const target = relayTargets.find((t) => t.name === 'minimal-ws')!;
  const relay = await startRelayProcess(target.entry, target.env, { nodeArgs: target.nodeArgs });
  try {
    const plan = {
      relayUrl: relay.url.replace(/^http/, 'ws'),
      adapterModule: target.adapterModule,
      rooms: 2,
      players: 8,
      workers: 2,
      schedule: { warmupMs: 300, windowMs: 1500, tailMs: 300, drainMs: 300 },
    };
    const report = summarizeBots(plan, await runBots(plan));
    assert.equal(report.ccu, 16);
    assert.equal(report.errors.total, 0);
    assert.equal(report.delivered_pct, 100);
    assert.equal(report.drops.total, 0);
    // A fixed 16.7 ms tick per room: about 60 bundles per member per second (fewer when a tick
    // finds no input and sends nothing).
    assert.ok(report.messages_per_s_per_bot > 50 && report.messages_per_s_per_bot < 65, `${report.messages_per_s_per_bot}/s per bot`);
    // Waiting for the room's next tick costs up to 16.7 ms.
    assert.ok(report.latency_p50_ms! > 0 && report.latency_p99_ms! < 60, `p50 ${report.latency_p50_ms}, p99 ${report.latency_p99_ms}`);
    assert.ok(processCpuSeconds(relay.pid) > 0);
    assert.ok(peakRssMb(relay.pid) > 10);
  } finally {
    await relay.stop();
  }
});

test('process CPU from /proc agrees with process.cpuUsage(); machine CPU advances with work', () => {
  const before = machineBusyCpuSeconds();
  const until = performance.now() + 300;
  while (performance.now() < until);
  const usage = process.cpuUsage();
  // /proc counts in clock ticks (10 ms), read a moment after cpuUsage().
  assert.ok(Math.abs(processCpuSeconds(process.pid) - (usage.user + usage.system) / 1e6) < 0.05);
  assert.ok(machineBusyCpuSeconds() - before >= 0.2);
});

function run(p99: number, cpuPer1000: number, delivered = 100): RelayRunValues {
  return {
    ccu_running: 1000,
    msgs_per_s: 60000,
    p50_ms: 5,
    p99_ms: p99,
    delivered_pct: delivered,
    relay_cpu_pct: cpuPer1000,
    relay_cpu_per_1000_ccu: cpuPer1000,
    relay_rss_mb: 100,
    gen_cpu_pct: 90,
    other_cpu_pct: 1,
    skipped_pct: 0,
    errors: 0,
  };
}

describe('relay suite summaries', () => {
  test('medians per field over the successful runs; run_values keep every run', () => {
    const row = summarizeRelayRuns('tessera', 1000, [
      { values: run(30, 80), firstFailure: null },
      { error: 'relay exited' },
      { values: run(50, 90), firstFailure: null },
      { values: run(40, 70), firstFailure: null },
    ]);
    assert.equal(row.p99_ms, 40);
    assert.equal(row.relay_cpu_per_1000_ccu, 80);
    assert.deepEqual(row.run_values, [30, null, 50, 40]);
    assert.equal(row.runs, 4);
    assert.equal(row.error, 'relay exited');
  });

  const row = (relay: RelayRow['relay'], ccu: number, values: RelayRunValues): RelayRow =>
    summarizeRelayRuns(relay, ccu, [{ values, firstFailure: null }]);

  test('the target: Tessera holds at least the minimal relay CCU, at no more CPU per 1000 CCU', () => {
    const met = judgeRelayTarget([row('tessera', 1000, run(20, 70)), row('minimal-ws', 1000, run(20, 75)), row('tessera', 2000, run(45, 70)), row('minimal-ws', 2000, run(60, 75))]);
    assert.deepEqual(met, { held: { tessera: 2000, 'tessera-verify': 0, 'minimal-ws': 1000 }, costlierAt: [], met: true });
    const lessHeld = judgeRelayTarget([row('tessera', 1000, run(20, 70, 99.9)), row('minimal-ws', 1000, run(20, 75))]);
    assert.deepEqual(lessHeld.held, { tessera: 0, 'tessera-verify': 0, 'minimal-ws': 1000 });
    assert.equal(lessHeld.met, false);
    const costlier = judgeRelayTarget([row('tessera', 1000, run(20, 80)), row('minimal-ws', 1000, run(20, 75))]);
    assert.deepEqual(costlier.costlierAt, [1000]);
    assert.equal(costlier.met, false);
  });

  test('verification: relay CPU with it over without, judged at 1000 CCU', () => {
    const cheap = judgeVerificationCost([row('tessera', 1000, run(20, 70)), row('tessera-verify', 1000, run(20, 80)), row('tessera-verify', 2000, run(20, 90))]);
    assert.deepEqual(cheap, { ratios: [{ ccu: 1000, ratio: 1.143 }], atTarget: 1.143, met: true });
    const costly = judgeVerificationCost([row('tessera', 1000, run(20, 70)), row('tessera-verify', 1000, run(20, 85))]);
    assert.deepEqual([costly.atTarget, costly.met], [1.214, false]);
    const elsewhere = judgeVerificationCost([row('tessera', 2000, run(20, 70)), row('tessera-verify', 2000, run(20, 71))]);
    assert.deepEqual([elsewhere.atTarget, elsewhere.met], [null, false]);
  });

  test('a step held after a step missed does not count', () => {
    const verdict = judgeRelayTarget([row('tessera', 1000, run(60, 70)), row('tessera', 2000, run(20, 70))]);
    assert.equal(verdict.held.tessera, 0);
  });
});

describe('npm run bench -- relay arguments', () => {
  test('relay runs only when named, with RELAY.md steps unless --ccu says otherwise', () => {
    const defaults = parseBenchArgs(['relay']);
    assert.ok(defaults !== 'help');
    assert.equal(defaults.relay, true);
    assert.deepEqual(defaults.suites, []);
    assert.deepEqual(defaults.ccu, [1000, 2000, 4000, 8000]);
    const chosen = parseBenchArgs(['relay', '--ccu', '8,16', '--runs', '1']);
    assert.ok(chosen !== 'help');
    assert.deepEqual(chosen.ccu, [8, 16]);
    const plain = parseBenchArgs([]);
    assert.ok(plain !== 'help');
    assert.equal(plain.relay, false);
  });

  test('--ccu takes positive multiples of the room size only', () => {
    for (const ccu of ['0', '12', '1000,abc', '1000,-8', '']) assert.throws(() => parseBenchArgs(['relay', '--ccu', ccu]), /--ccu takes positive multiples of 8/, ccu);
  });
});
