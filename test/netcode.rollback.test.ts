// RollbackSession against the relay's real InputTimeline, in virtual time: every seat's client runs
// its own session on its own Sim instance, sends inputs through a delayed, jittered (but ordered)
// uplink and gets the timeline's Frames through a delayed downlink. The truth is a straight run of
// the confirmed log: every final checkpoint hash a session reports must equal it.
// Needs build/tessera.wasm (`npm run build:sim`).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { loadSim, packInput, xorshift32, below, BUTTON_DASH, type Sim } from './support/simTest.ts';
import { InputTimeline, type TimelineListener } from '../relay/rooms/InputTimeline.ts';
import { recordingStats } from './support/roomFakes.ts';
import type { Frames } from '../protocol/generated/tessera.ts';
import { RollbackSession, type Checkpoint } from '../netcode/RollbackSession.ts';
import { ReplayRecorder } from '../host/replay/ReplayRecorder.ts';
import { runReplay } from '../host/replay/runReplay.ts';
import { decodeReplay, encodeReplay } from '../host/replay/ReplayFile.ts';
import type { MatchConfig } from '../host/MatchConfig.ts';

const base = await loadSim();
const TICK_MS = 1000 / 60;
const HASH_INTERVAL = 30;

function matchConfig(seats: number, seed = 99): MatchConfig {
  return { seed, players: seats, botMask: 0, matchTicks: 0, orbs: 40 };
}

/** A player's input at `tick`: a stick held for 1..20 ticks, dash taps now and then. */
function inputScript(seed: number): (tick: number) => number {
  const next = xorshift32(seed);
  let held = 0, left = 0, at = -1, last = 0;
  return (tick) => {
    for (; at < tick; at++) {
      if (left-- <= 0) {
        held = packInput(0, below(next, 255) - 127, below(next, 255) - 127);
        left = 1 + below(next, 20);
      }
      last = held | (below(next, 8) === 0 ? BUTTON_DASH : 0);
    }
    return last;
  };
}

interface LinkSpec {
  /** Client → relay latency, ms. */
  upMs: number;
  /** Relay → client latency, ms. */
  downMs: number;
  /** ± this much on each message, ms; delivery stays in order as on TCP. */
  jitterMs: number;
}

/** Messages delivered in order, each at max(previous delivery, sent + latency ± jitter). */
class OrderedLink<T> {
  private readonly queue: { at: number; message: T }[] = [];
  private last = 0;
  constructor(private readonly latencyMs: number, private readonly jitterMs: number, private readonly random: () => number) {}
  send(now: number, message: T): void {
    this.last = Math.max(this.last, now + this.latencyMs + (this.random() * 2 - 1) * this.jitterMs);
    this.queue.push({ at: this.last, message });
  }
  deliver(now: number, receive: (message: T) => void): void {
    while (this.queue.length > 0 && this.queue[0]!.at <= now) receive(this.queue.shift()!.message);
  }
}

interface Client {
  seat: number;
  session: RollbackSession;
  up: OrderedLink<{ tick: number; input: number }>;
  down: OrderedLink<{ firstTick: number; ticks: { inputs: number[] }[] }>;
  script: (tick: number) => number;
  maxLead: number;
}

/**
 * Plays `seconds` of a match between one client per link spec through a real InputTimeline.
 * Each client tries to run one tick per 60 Hz frame (two when behind), as a game's frame loop would.
 */
async function playMatch(links: readonly LinkSpec[], seconds: number, options: { seed?: number; predictionWindow?: number } = {}) {
  const seats = links.length;
  const config = matchConfig(seats, options.seed);
  const random = xorshift32(options.seed ?? 7);
  const uniform = (): number => random() / 4294967296;
  const confirmed: number[][] = [];
  let clients: Client[] = [];
  const listener: TimelineListener = {
    framesConfirmed(frames: Frames) {
      const ticks = frames.ticks.map((t) => ({ inputs: [...t.inputs] }));
      for (const t of ticks) confirmed.push(t.inputs);
      for (const client of clients) client.down.send(now, { firstTick: frames.firstTick, ticks });
    },
    seatLagging() {},
  };
  const timeline = new InputTimeline(seats, 0, { tickRate: 60, inputDeadlineMs: 100, maxInputAheadTicks: 120 }, recordingStats(), listener);
  for (let seat = 0; seat < seats; seat++) timeline.occupy(seat);
  clients = await Promise.all(links.map(async (link, seat) => {
    const session = new RollbackSession(await base.clone(), config, { localSeat: seat, hashInterval: HASH_INTERVAL, ...(options.predictionWindow ? { predictionWindow: options.predictionWindow } : {}) });
    return {
      seat, session, maxLead: 0,
      up: new OrderedLink(link.upMs, link.jitterMs, uniform),
      down: new OrderedLink(link.downMs, link.jitterMs, uniform),
      script: inputScript(1000 + seat),
    };
  }));
  let now = 0;
  for (const client of clients) client.session.unconfirmedLocalInputs((tick, input) => client.up.send(now, { tick, input }));
  const endMs = seconds * 1000;
  for (; now <= endMs; now++) {
    for (const client of clients) client.up.deliver(now, (m) => timeline.receive(client.seat, m.tick, m.input, now, now));
    timeline.confirmDue(now);
    for (const client of clients) client.down.deliver(now, (m) => client.session.confirm(m.firstTick, m.ticks));
    if (now % TICK_MS >= 1) continue;
    const due = Math.floor(now / TICK_MS);
    for (const client of clients) {
      const { session } = client;
      for (let k = 0; k < 2 && session.tick < due && session.advance(client.script(session.tick)); k++) {
        if (session.sentInput.tick >= session.confirmedTick) client.up.send(now, { tick: session.sentInput.tick, input: session.sentInput.input });
      }
      client.maxLead = Math.max(client.maxLead, session.tick - session.confirmedTick);
    }
  }
  for (const client of clients) client.session.takeHashes();
  return { config, clients, confirmed };
}

/** The checkpoint hashes of a plain run of the confirmed log (no prediction, no rollback). */
async function straightRun(config: MatchConfig, confirmed: readonly number[][]): Promise<Map<number, number>> {
  const recorder = new ReplayRecorder(await base.clone(), config, { interval: HASH_INTERVAL });
  for (const inputs of confirmed) recorder.record(inputs);
  return new Map(recorder.finish().checkpoints.map((c) => [c.tick, c.hash]));
}

function assertHashesMatch(hashes: readonly Checkpoint[], truth: Map<number, number>, who: string): void {
  for (const { tick, hash } of hashes) {
    assert.equal(hash.toString(16), truth.get(tick)?.toString(16), `${who}: checkpoint at tick ${tick} differs from the straight run of the confirmed log`);
  }
}

const links4: LinkSpec[] = [
  { upMs: 4, downMs: 4, jitterMs: 2 },
  { upMs: 40, downMs: 35, jitterMs: 15 },
  { upMs: 75, downMs: 75, jitterMs: 25 },
  { upMs: 20, downMs: 60, jitterMs: 10 },
];

test('four seats with their own delays and jitter: every final hash equals a straight run of the confirmed log', async (t) => {
  const { config, clients, confirmed } = await playMatch(links4, 8);
  const truth = await straightRun(config, confirmed);
  assert.ok(confirmed.length > 400, `the relay confirmed ${confirmed.length} ticks`);
  for (const { seat, session, maxLead } of clients) {
    const s = session.stats;
    t.diagnostic(`seat ${seat}: ${session.confirmedHashes.length} checkpoints, ${s.rollbacks} rollbacks (max depth ${s.maxRollbackDepth}), ${s.resimulatedTicks} resimulated, ${s.stalls} stalls, max lead ${maxLead}`);
    assert.ok(session.confirmedHashes.length >= Math.floor(confirmed.length / HASH_INTERVAL) - 1, `seat ${seat} finalised ${session.confirmedHashes.length} checkpoints`);
    assertHashesMatch(session.confirmedHashes, truth, `seat ${seat}`);
    assert.ok(s.maxRollbackDepth <= session.predictionWindow, `seat ${seat}: rollback depth ${s.maxRollbackDepth} over the window`);
    assert.ok(maxLead <= session.predictionWindow, `seat ${seat}: ran ${maxLead} ticks past the frontier`);
  }
  // The far seats predict wrong often: the test exercises rollback, not just a straight run.
  assert.ok(clients[2]!.session.stats.rollbacks > 20, `seat 2 rolled back ${clients[2]!.session.stats.rollbacks} times`);
  assert.ok(clients[2]!.session.stats.maxRollbackDepth >= 4);
});

test('a client far from the relay stalls at the prediction window instead of running further ahead', async () => {
  // 150 ms each way: a full round trip is 18 ticks, more than inputDelay + window.
  const { config, clients, confirmed } = await playMatch([{ upMs: 2, downMs: 2, jitterMs: 0 }, { upMs: 150, downMs: 150, jitterMs: 20 }], 5, { predictionWindow: 6 });
  const far = clients[1]!.session;
  assert.ok(far.stats.stalls > 0, 'the far client must have waited');
  assert.ok(clients[1]!.maxLead <= 6, `lead ${clients[1]!.maxLead} over the window`);
  assert.ok(far.stats.maxRollbackDepth <= 6);
  const truth = await straightRun(config, confirmed);
  for (const client of clients) assertHashesMatch(client.session.confirmedHashes, truth, `seat ${client.seat}`);
});

test('advance refuses once a window past the frontier, and resumes when ticks are confirmed', async () => {
  const session = new RollbackSession(await base.clone(), matchConfig(2), { localSeat: 0, predictionWindow: 5 });
  let advanced = 0;
  while (session.advance(advanced + 1)) advanced++;
  assert.equal(advanced, 5);
  assert.equal(session.tick, 5);
  assert.equal(session.advance(0), false);
  assert.equal(session.stats.stalls, 2);
  session.confirm(0, [{ inputs: [0, 0] }, { inputs: [0, 0] }]);
  assert.equal(session.canAdvance(), true);
  assert.equal(session.advance(9), true);
  assert.deepEqual(session.sentInput, { tick: 7, input: 9 }, 'the local input is played inputDelay ticks later');
});

test('a spectator plays confirmed ticks only', async () => {
  const session = new RollbackSession(await base.clone(), matchConfig(2), { localSeat: null });
  assert.equal(session.advance(0), false);
  session.confirm(0, [{ inputs: [1, 2] }, { inputs: [3, 4] }]);
  assert.equal(session.advance(0), true);
  assert.equal(session.advance(0), true);
  assert.equal(session.advance(0), false);
  assert.equal(session.stats.stalls, 0, 'a spectator waiting for the relay is not a stall');
  assert.equal(session.stats.rollbacks, 0);
});

test('a predicted checkpoint is never reported: the hash comes after confirmation, from the confirmed inputs', async () => {
  const config = matchConfig(2);
  const inputs = (tick: number): number[] => [packInput(0, 90, (tick * 7) % 200 - 100), packInput(BUTTON_DASH, -100 + (tick % 3) * 50, 60)];
  const session = new RollbackSession(await base.clone(), config, { localSeat: 0, inputDelay: 0, hashInterval: HASH_INTERVAL, predictionWindow: 8 });
  const confirmedLog: number[][] = [];
  // Run right up to a checkpoint while predicting seat 1 as idle (its last confirmed input, 0 at first).
  for (let tick = 0; tick < HASH_INTERVAL + 4; tick++) {
    if (tick >= 8) {
      confirmedLog.push(inputs(tick - 8));
      session.confirm(tick - 8, [{ inputs: inputs(tick - 8) }]);
    }
    assert.equal(session.advance(inputs(tick)[0]!), true);
    const fresh = session.takeHashes();
    assert.ok(fresh.every((c) => c.tick <= session.confirmedTick), `tick ${tick}: a checkpoint past the frontier was reported`);
  }
  assert.equal(session.confirmedHashes.length, 0, 'checkpoint 30 is simulated but not yet confirmed');
  for (let tick = HASH_INTERVAL - 4; tick < HASH_INTERVAL + 4; tick++) confirmedLog.push(inputs(tick));
  session.confirm(HASH_INTERVAL - 4, confirmedLog.slice(HASH_INTERVAL - 4).map((row) => ({ inputs: row })));
  const [checkpoint] = session.takeHashes();
  assert.equal(checkpoint?.tick, HASH_INTERVAL);
  const truth = await straightRun(config, confirmedLog);
  assert.equal(checkpoint.hash, truth.get(HASH_INTERVAL));
  assert.ok(session.stats.rollbacks > 0, 'seat 1 was mispredicted, so the session rolled back');
});

test('a snapshot from the relay puts a late joiner and a diverged client on the confirmed state', async () => {
  const { config, confirmed } = await playMatch(links4.slice(0, 3), 4);
  const truth = await straightRun(config, confirmed);
  const F = 97;
  const reference = await base.clone();
  const recorder = new ReplayRecorder(reference, config, { interval: HASH_INTERVAL });
  for (const row of confirmed.slice(0, F)) recorder.record(row);
  const state = reference.copyState();
  const frames = (from: number, to: number) => confirmed.slice(from, to).map((inputs) => ({ inputs }));

  // Late join: a fresh session jumps to F, then plays the frames after it.
  const joiner = new RollbackSession(await base.clone(), config, { localSeat: 1, hashInterval: HASH_INTERVAL });
  assert.equal(joiner.applySnapshot(F, state, reference.hash()), null, 'a joiner has no state of its own at F');
  assert.equal(joiner.tick, F);
  const leadIn: number[] = [];
  joiner.unconfirmedLocalInputs((tick, input) => leadIn.push(tick, input));
  assert.deepEqual(leadIn, [F, 0, F + 1, 0], 'the first inputDelay ticks after the snapshot are sent as 0');
  joiner.confirm(F, frames(F, confirmed.length));
  while (joiner.advance(0));
  joiner.takeHashes();
  assert.ok(joiner.confirmedHashes.length > 3);
  assert.equal(joiner.confirmedHashes[0]!.tick, Math.ceil(F / HASH_INTERVAL) * HASH_INTERVAL);
  assertHashesMatch(joiner.confirmedHashes, truth, 'late joiner');
  assert.equal(joiner.replay(), null, 'a late joiner has no log from tick 0');

  // Divergence: a client that is ahead with a corrupted state gets F back and re-simulates to its present.
  const diverged = new RollbackSession(await base.clone(), config, { localSeat: 0, hashInterval: HASH_INTERVAL });
  diverged.confirm(0, frames(0, F));
  while (diverged.tick < F + 3) assert.ok(diverged.advance(0));
  diverged.corruptStateForTest();
  const own = diverged.applySnapshot(F, state, reference.hash(), 90);
  assert.ok(own !== null && own.length === state.length);
  assert.notDeepEqual(own, state, 'its own state at F was the corrupted one (the desync diff compares the two)');
  assert.equal(diverged.tick, F + 3, 'it carries on from its present');
  assert.deepEqual(diverged.confirmedHashes.map((c) => c.tick), [30, 60], 'hashes from the diverged tick on are dropped');
  diverged.confirm(F, frames(F, confirmed.length));
  while (diverged.advance(0));
  diverged.takeHashes();
  assertHashesMatch(diverged.confirmedHashes, truth, 'resynced client');
  assert.equal(diverged.stats.resyncs, 1);

  const wrong = new RollbackSession(await base.clone(), config, { localSeat: 0 });
  assert.throws(() => wrong.applySnapshot(F, state, reference.hash() ^ 1), /another build or a damaged snapshot/);
});

test('a corrupted state shows in the first checkpoint after the corruption, and never before it', async () => {
  const { config, confirmed } = await playMatch(links4.slice(0, 2), 4);
  const truth = await straightRun(config, confirmed);
  const session = new RollbackSession(await base.clone(), config, { localSeat: 0, hashInterval: HASH_INTERVAL });
  const corruptAt = 2 * HASH_INTERVAL + 11;
  for (let tick = 0; tick < confirmed.length - 8; tick++) {
    if (tick === corruptAt) session.corruptStateForTest();
    session.advance(confirmed[tick + session.inputDelay]?.[0] ?? 0);
    // Confirmed 6 ticks behind, so the corruption happens in a predicted stretch that later rolls back.
    if (tick >= 6) session.confirm(tick - 6, [{ inputs: confirmed[tick - 6]! }]);
  }
  session.takeHashes();
  const firstBad = session.confirmedHashes.find((c) => c.hash !== truth.get(c.tick));
  assert.equal(firstBad?.tick, 3 * HASH_INTERVAL, 'the first checkpoint after the corruption differs');
  assertHashesMatch(session.confirmedHashes.filter((c) => c.tick < corruptAt), truth, 'before the corruption');
});

test('the confirmed log is a replay that re-simulates to the same hashes (through the file format)', async () => {
  const { clients } = await playMatch(links4, 5);
  for (const { seat, session } of clients) {
    const replay = session.replay();
    assert.ok(replay !== null);
    assert.ok(replay.ticks >= 240, `seat ${seat}: replay of ${replay.ticks} ticks`);
    assert.deepEqual(replay.checkpoints, session.confirmedHashes.filter((c) => c.tick <= replay.ticks));
    const result = runReplay(await base.clone(), decodeReplay(encodeReplay(replay)));
    assert.equal(result.ok, true, `seat ${seat}: first mismatch at ${result.firstMismatchTick}`);
  }
});
