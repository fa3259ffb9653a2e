// The load bots: `npm run bots` against a real relay, its argument checks, and the counting
// underneath (histogram percentiles, the measuring window).
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { after, before, describe, test } from 'node:test';
import { BotTally } from '../bots/BotTally.ts';
import type { BotsReport } from '../bots/BotsReport.ts';
import { InputScheduler } from '../bots/InputScheduler.ts';
import { Histogram } from '../bots/Histogram.ts';
import type { OpenRoom } from '../bots/RelayAdapter.ts';
import { RoomTally } from '../bots/RoomTally.ts';
import { followRelayClock, tickMs } from '../bots/tickClock.ts';
import { startRelay, type RelayProcess } from './support/relayProcess.ts';

const repoRoot = fileURLToPath(new URL('../', import.meta.url));

interface CliResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** tools/bots.ts as `npm run bots` runs it, killed if it outlives timeoutMs. */
function runBotsCli(args: readonly string[], timeoutMs = 60_000): Promise<CliResult> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'tools/bots.ts', ...args], { cwd: repoRoot, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.once('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
  });
}

describe('npm run bots against a real relay', { timeout: 90_000 }, () => {
  let relay: RelayProcess;
  before(async () => {
    relay = await startRelay();
  });
  after(() => relay.stop());

  test('2 rooms × 3 players for 2 s: CCU 6, about 60 Frames per bot per second, no errors', async () => {
    const { code, stdout, stderr } = await runBotsCli(['--url', relay.wsUrl, '--rooms', '2', '--players', '3', '--seconds', '2', '--json']);
    assert.equal(code, 0, `exit ${code}; stderr: ${stderr}; stdout: ${stdout}`);
    const lines = stdout.trim().split('\n');
    assert.equal(lines.length, 1, 'one JSON line');
    const report = JSON.parse(lines[0]!) as BotsReport;
    assert.equal(report.bots, 6);
    assert.equal(report.ccu, 6);
    assert.deepEqual(report.errors, { total: 0, closes: {}, room_requests_failed: 0, decode_errors: 0, connect_failed: 0, first_failure: null });
    // The relay confirms each tick once all three inputs are in: one Frames per bot per tick.
    assert.ok(report.messages_per_s_per_bot > 50 && report.messages_per_s_per_bot < 70, `${report.messages_per_s_per_bot} Frames/s per bot`);
    assert.ok(Math.abs(report.messages_per_s - report.messages_per_s_per_bot * 6) < 1);
    assert.ok(report.inputs_sent + report.skipped_sends >= 6 * 2 * 60 - 6 && report.inputs_sent + report.skipped_sends <= 6 * 2 * 60 + 6, `${report.inputs_sent} sent`);
    assert.ok(report.rtt_p50_ms !== null && report.rtt_p50_ms > 0 && report.rtt_p50_ms < 50, `round trip p50 ${report.rtt_p50_ms} ms`);
    assert.ok(report.rtt_p99_ms !== null && report.rtt_p99_ms >= report.rtt_p50_ms);
    assert.equal(report.drops.unconfirmed, 0);
    assert.ok(report.delivered_pct !== null && report.delivered_pct > 95, `delivered ${report.delivered_pct}%`);
  });
});

test('npm run bots with bad arguments prints the usage and exits 2', { timeout: 60_000 }, async () => {
  const url = 'ws://127.0.0.1:9';
  const cases: readonly (readonly string[])[] = [
    [],
    ['--rooms', '2', '--players', '3', '--seconds', '1'],
    ['--url', 'http://127.0.0.1:9', '--rooms', '2', '--players', '3', '--seconds', '1'],
    ['--url', url, '--rooms', '0', '--players', '3', '--seconds', '1'],
    ['--url', url, '--rooms', '2', '--players', '9', '--seconds', '1'],
    ['--url', url, '--rooms', '2', '--players', '3', '--seconds', 'soon'],
    ['--url', url, '--rooms', '2', '--players', '3', '--seconds', '1', '--bogus'],
    ['--url', url, '--rooms', '2', '--players', '3', '--seconds', '1', '--proxy-jitter', '10'],
    ['--url', url, '--rooms', '2', '--players', '3', '--seconds', '1', '--proxy-latency', '-5'],
    ['--url', url, '--rooms', '2', '--players', '3', '--seconds', '1', '--proxy-latency', '20', '--proxy-jitter', '30'],
    ['--url', 'wss://127.0.0.1:9', '--rooms', '2', '--players', '3', '--seconds', '1', '--proxy-latency', '20'],
  ];
  for (const args of cases) {
    const { code, stdout, stderr } = await runBotsCli(args);
    assert.equal(code, 2, `${args.join(' ')}: exit ${code}`);
    assert.match(stderr, /usage: npm run bots -- --url/, args.join(' '));
    assert.equal(stdout, '', args.join(' '));
  }
});

describe('Histogram', () => {
  test('is empty until something is recorded', () => {
    assert.equal(Histogram.latencyMs().percentile(50), null);
  });

  test('nearest-rank percentiles to the 0.01 ms bucket', () => {
    const histogram = Histogram.latencyMs();
    for (let ms = 100; ms >= 1; ms--) histogram.record(ms);
    assert.equal(histogram.count, 100);
    assert.ok(Math.abs(histogram.percentile(50)! - 50) <= 0.01, String(histogram.percentile(50)));
    assert.ok(Math.abs(histogram.percentile(99)! - 99) <= 0.01, String(histogram.percentile(99)));
    assert.ok(Math.abs(histogram.percentile(1)! - 1) <= 0.01, String(histogram.percentile(1)));
    assert.equal(histogram.percentile(100), 100);
  });

  test('latencies past its range report the largest one seen', () => {
    const histogram = Histogram.latencyMs();
    histogram.record(2);
    histogram.record(1500);
    histogram.record(4000);
    assert.equal(histogram.percentile(99), 4000);
    assert.ok(Math.abs(histogram.percentile(10)! - 2) <= 0.01);
  });

  test('tick histograms count whole ticks exactly, and only add up with their own kind', () => {
    const depths = Histogram.ticks();
    for (const depth of [1, 1, 2, 3, 3, 3, 8]) depths.record(depth);
    assert.equal(depths.percentile(50), 3);
    assert.equal(depths.percentile(10), 1);
    assert.equal(depths.percentile(100), 8);
    assert.throws(() => depths.add(Histogram.latencyMs().snapshot()), /buckets/);
  });

  test('histograms from several threads add up', () => {
    const a = Histogram.latencyMs();
    const b = Histogram.latencyMs();
    for (let i = 0; i < 90; i++) a.record(5);
    for (let i = 0; i < 10; i++) b.record(40);
    const total = Histogram.latencyMs();
    total.add(a.snapshot());
    total.add(b.snapshot());
    assert.equal(total.count, 100);
    assert.ok(Math.abs(total.percentile(90)! - 5) <= 0.01);
    assert.ok(Math.abs(total.percentile(91)! - 40) <= 0.01);
  });
});

describe('RoomTally', () => {
  // Tick t is due at t·10 ms; the window [100, 200) holds ticks 10..19.
  function windowed(players: number): { tally: BotTally; room: RoomTally } {
    const tally = new BotTally();
    const room = new RoomTally(tally, players);
    room.setWindow(0, 10, 100, 200);
    return { tally, room };
  }

  test('counts sends, deliveries and bundles of window ticks only', () => {
    const { tally, room } = windowed(3);
    room.sent(9, 3);
    room.sent(10, 3);
    room.sent(19, 2);
    room.sent(20, 3);
    room.delivered(0, 1, 9, 90, 95);
    room.delivered(0, 1, 10, 100, 104);
    room.delivered(1, 1, 19, 190, 192);
    room.bundle(99);
    room.bundle(100);
    room.bundle(199.9);
    room.bundle(200);
    assert.equal(tally.counts.sent, 5);
    assert.equal(tally.counts.expectedDeliveries, 15);
    assert.equal(tally.counts.deliveries, 2);
    assert.equal(tally.counts.ownConfirmed, 1);
    assert.equal(tally.counts.bundles, 2);
    assert.equal(tally.pairLatency.count, 2);
    assert.equal(tally.ownRoundTrip.count, 1);
    assert.ok(Math.abs(tally.ownRoundTrip.percentile(50)! - 2) <= 0.01);
  });

  test('a repeated own input is a drop only when it was sent (a skipped tick repeats by design)', () => {
    const { tally, room } = windowed(2);
    room.sent(11, 2);
    room.skipped(12, 14, 2);
    room.repeated(0, 0, 11);
    room.repeated(0, 0, 12);
    room.repeated(1, 0, 11);
    assert.equal(tally.counts.ownRepeated, 1);
    assert.equal(tally.counts.skipped, 4);
  });

  test('bots that send their own ticks: a repeated input is a drop only for the seat that sent it', () => {
    const { tally, room } = windowed(2);
    room.sentBy(11, 0);
    room.sentBy(12, 1);
    room.repeated(0, 0, 11);
    room.repeated(1, 1, 11);
    room.repeated(1, 1, 12);
    assert.equal(tally.counts.sent, 2);
    assert.equal(tally.counts.expectedDeliveries, 4);
    assert.equal(tally.counts.ownRepeated, 2, 'seat 1 never sent tick 11: its repeat there is by design');
  });

  test('rollbacks and stalls count inside the window (by local time), desyncs and resyncs over the whole run', () => {
    const { tally, room } = windowed(2);
    room.rolledBack(99, 5);
    room.rolledBack(100, 3);
    room.rolledBack(150, 4);
    room.resimulated(120, 7);
    room.resimulated(250, 9);
    room.stalled(199, 2);
    room.stalled(200, 2);
    room.desynced(1);
    room.resynced(2);
    assert.equal(tally.counts.rollbacks, 2);
    assert.equal(tally.rollbackDepth.percentile(100), 4);
    assert.equal(tally.counts.resimulatedTicks, 7);
    assert.equal(tally.counts.stalls, 2);
    assert.equal(tally.counts.desyncs, 1);
    assert.equal(tally.counts.resyncs, 2);
  });

  test('skips are counted inside the window only', () => {
    const { tally, room } = windowed(1);
    room.skipped(5, 12, 1);
    room.skipped(18, 25, 1);
    assert.equal(tally.counts.skipped, 2 + 2);
  });

  test('before the window is set nothing but errors counts', () => {
    const tally = new BotTally();
    const room = new RoomTally(tally, 2);
    room.sent(0, 2);
    room.delivered(0, 0, 0, 1, 2);
    room.bundle(5);
    room.closedUnexpectedly('4015 tooSlow');
    assert.equal(tally.counts.sent + tally.counts.deliveries + tally.counts.bundles, 0);
    assert.equal(tally.closes.get('4015 tooSlow'), 1);
    assert.equal(room.connectedBots, 1);
  });
});

describe('InputScheduler', () => {
  /** A room of two bots that records the ticks it is asked to send. */
  function recordingRoom(startAt: number): OpenRoom & { ticks: number[] } {
    const ticks: number[] = [];
    return { startAt, ticks, sendInputs: (tick) => (ticks.push(tick), 2), close: () => {} };
  }
  const until = (condition: () => boolean, ms: number): Promise<void> =>
    new Promise((resolve, reject) => {
      const deadline = performance.now() + ms;
      const poll = setInterval(() => {
        if (condition()) resolve();
        else if (performance.now() > deadline) reject(new Error(`not within ${ms} ms`));
        else return;
        clearInterval(poll);
      }, 2);
    });

  /** Ticks strictly increasing: none sent twice, none out of order. */
  const increasing = (ticks: readonly number[]): boolean => ticks.every((tick, i) => i === 0 || tick > ticks[i - 1]!);

  test('sends each tick at most once, in order, up to the last one due before the send end', { timeout: 5_000 }, async () => {
    // Ticks of 20 ms from 30 ms on: a timer a little late on a busy machine skips nothing.
    const start = performance.now() + 30;
    const scheduler = new InputScheduler(20, start + 195);
    const room = recordingRoom(start);
    scheduler.add(room, new RoomTally(new BotTally(), 2));
    await until(() => performance.now() > start + 260, 1000);
    scheduler.stop();
    assert.ok(increasing(room.ticks), room.ticks.join(','));
    assert.equal(room.ticks[0], 0);
    assert.equal(room.ticks.at(-1), 9);
  });

  test('a room found late sends its current tick and counts the skipped ones instead of bursting', { timeout: 5_000 }, async () => {
    const start = performance.now();
    const scheduler = new InputScheduler(10, start + 1000);
    const room = recordingRoom(start);
    const tally = new BotTally();
    const roomTally = new RoomTally(tally, 2);
    roomTally.setWindow(start, 10, start, start + 1000);
    scheduler.add(room, roomTally);
    await until(() => room.ticks.length >= 1, 1000);
    // Block the thread for 4.5 ticks: ticks 1..3 (at least) come due and pass unsent.
    while (performance.now() < start + 45);
    await until(() => room.ticks.length >= 3, 1000);
    scheduler.stop();
    const ticks = room.ticks;
    assert.ok(increasing(ticks), ticks.join(','));
    assert.equal(ticks[0], 0);
    assert.ok(ticks[1]! >= 4, ticks.join(','));
    const gaps = ticks.slice(1).reduce((n, tick, i) => n + (tick - ticks[i]! - 1), 0);
    assert.equal(tally.counts.skipped, gaps * 2);
    assert.equal(tally.counts.sent, ticks.length * 2);
  });
});

describe('followRelayClock', () => {
  // A room whose tick 0 went out at local time 1000; deadline 6 ticks, input delay 2.
  const startAt = 1000;
  const at = (tick: number): number => startAt + tick * tickMs;

  test('keeps the clock while the relay confirms only ticks the room has sent', () => {
    assert.equal(followRelayClock(startAt, at(10) + 1, 10, 6, 2), startAt, 'just-sent tick confirmed at once');
    assert.equal(followRelayClock(startAt, at(10) + 1, 7, 6, 2), startAt, 'relay behind the room');
  });

  test('jumps ahead when the relay confirmed a tick the room has not sent: D ticks past the relay clock', () => {
    const now = at(10) + 1;
    const moved = followRelayClock(startAt, now, 14, 6, 2);
    assert.ok(moved < startAt, 'the clock moves earlier, so the room sends later ticks now');
    assert.equal(Math.floor((now - moved) / tickMs + 1e-9), 14 + 6 + 2, 'now sending lastConfirmed + deadline + delay');
    assert.equal(followRelayClock(moved, now + 1, 14, 6, 2), moved, 'and stays there for the same confirmation');
  });
});
