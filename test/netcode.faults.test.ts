// Online matches through the fault proxy (tools/faultProxy/): every client talks to a real relay
// (verification on) over a link of 75 ± 25 ms each way, i.e. a round trip of 150 ± 50 ms. Under that
// latency: a corrupted client is caught within one hash interval and resynced; a player joining
// late and players whose connections the proxy cuts end with the relay's hashes; the confirmed
// log of an online match re-simulates offline to the relay's hashes; a relay killed mid-match
// leaves a clear message and the replay, and a new relay starts new matches.
// Needs build/tessera.wasm (`npm run build:sim`).
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import WebSocket from 'ws';
import { decodeReplay } from '../host/replay/ReplayFile.ts';
import { runReplay } from '../host/replay/runReplay.ts';
import { hex32 } from '../host/Sim.ts';
import { OnlineSession } from '../netcode/OnlineSession.ts';
import { FaultProxy } from '../tools/faultProxy/FaultProxy.ts';
import { assertHashesAreRelays, fetchAdminRoom, nextEvent, playUntil, playWhile } from './support/onlineMatch.ts';
import { startRelay, type RelayProcess } from './support/relayProcess.ts';
import { loadSim } from './support/simTest.ts';

const adminKey = 'faults-test-admin-key';
/** K: the relay's hash interval (its default). */
const hashInterval = 30;
const link = { latencyMs: 75, jitterMs: 25 };
const base = await loadSim();

interface RelayBehindProxy {
  readonly relay: RelayProcess;
  readonly proxy: FaultProxy;
  readonly wsUrl: string;
}

async function startRelayBehindProxy(): Promise<RelayBehindProxy> {
  const relay = await startRelay({ RELAY_ADMIN_KEY: adminKey, RELAY_START_DELAY_MS: '300', RELAY_RECONNECT_GRACE_MS: '10000' });
  const proxy = await FaultProxy.start({ targetHost: relay.url.hostname, targetPort: Number(relay.url.port), up: link, down: link, seed: 6 });
  return { relay, proxy, wsUrl: `ws://${proxy.host}/ws` };
}

const sessions: OnlineSession[] = [];

async function connect(wsUrl: string, name: string, giveUpAfterMs = 5000): Promise<OnlineSession> {
  const session = await OnlineSession.connect({ url: wsUrl, WebSocket, sim: base, name, reconnect: { firstDelayMs: 100, maxDelayMs: 800, giveUpAfterMs } });
  sessions.push(session);
  return session;
}

/** Two players in a started match (autoStart: the second join starts it). */
async function startMatch(wsUrl: string, seed: number): Promise<{ code: string; owner: OnlineSession; guest: OnlineSession }> {
  const [owner, guest] = await Promise.all([connect(wsUrl, 'owner'), connect(wsUrl, 'guest')]);
  const { code } = await owner.createRoom({ maxPlayers: 2, autoStart: true, settings: { seed, matchTicks: 0, orbs: 40 } });
  const started = Promise.all([nextEvent(owner, 'matchStarted'), nextEvent(guest, 'matchStarted')]);
  await guest.joinRoom(code);
  const [ownerStart] = await started;
  assert.equal(ownerStart.hashInterval, hashInterval, 'the relay verifies');
  return { code, owner, guest };
}

/** Checkpoints the session finalised after `tick`. */
const hashesAfter = (session: OnlineSession, tick: number): number => session.match!.confirmedHashes.filter((c) => c.tick > tick).length;

after(() => {
  for (const session of sessions) session.close();
});

describe('online play at 150 ± 50 ms round trip', { timeout: 120_000 }, () => {
  let net: RelayBehindProxy;
  before(async () => {
    net = await startRelayBehindProxy();
  });
  after(async () => {
    await net.proxy.close();
    await net.relay.stop();
  });

  test('a corrupted client is caught within K ticks and resynced to the relay; the other\'s replay re-simulates to the relay\'s hashes', async () => {
    const { code, owner, guest } = await startMatch(net.wsUrl, 11);
    await playUntil([owner, guest], () => hashesAfter(owner, 0) >= 4 && hashesAfter(guest, 0) >= 4, 15_000);
    let relayView = await fetchAdminRoom(net.relay.url, adminKey, code);
    assertHashesAreRelays(owner, relayView, 0, 4, 'owner');
    assertHashesAreRelays(guest, relayView, 0, 4, 'guest');

    // The guest stops for a moment, so its frontier reaches its tick: no rollback can then go back
    // past the corruption and quietly undo it.
    await playUntil([owner], () => guest.match!.confirmedTick >= guest.match!.tick, 5_000);
    const corruptedAt = guest.match!.tick;
    guest.match!.corruptStateForTest();
    const desync = await playWhile([owner, guest], nextEvent(guest, 'desync', () => true, 8_000), 8_000);
    assert.ok(desync.tick > corruptedAt && desync.tick - corruptedAt <= hashInterval, `corrupted at tick ${corruptedAt}, caught at checkpoint ${desync.tick}`);
    assert.notEqual(desync.clientHash, desync.relayHash);
    relayView = await fetchAdminRoom(net.relay.url, adminKey, code);
    assert.deepEqual(relayView.desyncs.map(({ tick, seat }) => ({ tick, seat })), [{ tick: desync.tick, seat: 1 }], 'the relay logged it against the guest');
    assert.equal(hex32(desync.relayHash), new Map(relayView.checkpoints).get(desync.tick), 'the relay hash it reported is its checkpoint');

    await playUntil([owner, guest], () => hashesAfter(guest, desync.snapshotTick) >= 3, 8_000);
    relayView = await fetchAdminRoom(net.relay.url, adminKey, code);
    assertHashesAreRelays(guest, relayView, desync.snapshotTick + 1, 3, 'resynced guest');
    assert.equal(guest.netStats().desyncs, 1);
    assert.equal(owner.netStats().desyncs, 0);
    assert.ok(owner.netStats().maxRollbackDepth <= owner.match!.predictionWindow, `rollback depth ${owner.netStats().maxRollbackDepth}`);

    // The owner never resynced: its confirmed log is the whole match so far.
    const replay = decodeReplay(owner.replay()!);
    const result = runReplay(await base.clone(), replay);
    assert.equal(result.ok, true, `the replay re-simulates differently from tick ${result.firstMismatchTick}`);
    const relayHashes = new Map(relayView.checkpoints);
    const compared = result.checkpoints.filter((c) => relayHashes.has(c.tick));
    assert.ok(compared.length >= 4, `${compared.length} replay checkpoints the relay also has`);
    for (const { tick, computed } of compared) assert.equal(hex32(computed), relayHashes.get(tick), `replay checkpoint ${tick} vs the relay`);
  });

  test('a player joining the running match is playing within a second and ends with the relay\'s hashes', async () => {
    const [owner, second] = await Promise.all([connect(net.wsUrl, 'owner'), connect(net.wsUrl, 'second')]);
    const { code } = await owner.createRoom({ maxPlayers: 3, autoStart: false, settings: { seed: 12, matchTicks: 0, orbs: 40 } });
    await second.joinRoom(code);
    const ready = nextEvent(owner, 'room', (room) => room.members.some((m) => m.playerId === second.playerId && m.ready));
    second.setReady(true);
    await ready;
    await owner.startMatch();
    await playUntil([owner, second], () => hashesAfter(owner, 0) >= 2, 10_000);

    const late = await connect(net.wsUrl, 'late');
    const snapshot = nextEvent(late, 'snapshot', (s) => s.reason === 'lateJoin', 5_000);
    const joinedAt = performance.now();
    void late.joinRoom(code);
    const { tick } = await playWhile([owner, second], snapshot, 5_000);
    assert.ok(performance.now() - joinedAt < 1000, `snapshot ${Math.round(performance.now() - joinedAt)} ms after joining`);
    assert.equal(late.room?.seat, 2);
    const stepped = late.match!.tick;
    await playUntil([owner, second, late], () => late.match!.tick > stepped, 1000);

    await playUntil([owner, second, late], () => hashesAfter(late, tick) >= 3, 8_000);
    const relayView = await fetchAdminRoom(net.relay.url, adminKey, code);
    assertHashesAreRelays(late, relayView, tick, 3, 'late joiner');
    assertHashesAreRelays(owner, relayView, 0, 4, 'owner');
    assert.equal(relayView.desyncs.length, 0);
  });

  test('players whose connections the proxy cuts reconnect to their seats and end with the relay\'s hashes', async () => {
    const { code, owner, guest } = await startMatch(net.wsUrl, 13);
    await playUntil([owner, guest], () => hashesAfter(guest, 0) >= 2, 10_000);
    const reconnected = (session: OnlineSession) => nextEvent(session, 'snapshot', (s) => s.reason === 'reconnect', 10_000);
    const snapshots = Promise.all([reconnected(owner), reconnected(guest)]);
    assert.ok(net.proxy.cut() >= 2, 'both players\' sockets were cut');
    const [ownerBack, guestBack] = await playWhile([owner, guest], snapshots, 10_000);
    assert.deepEqual([owner.room?.seat, guest.room?.seat], [0, 1], 'the same seats');
    assert.deepEqual([owner.netStats().reconnects, guest.netStats().reconnects], [1, 1]);

    const from = Math.max(ownerBack.tick, guestBack.tick);
    await playUntil([owner, guest], () => hashesAfter(owner, from) >= 3 && hashesAfter(guest, from) >= 3, 8_000);
    const relayView = await fetchAdminRoom(net.relay.url, adminKey, code);
    assertHashesAreRelays(owner, relayView, ownerBack.tick + 1, 3, 'owner after the cut');
    assertHashesAreRelays(guest, relayView, guestBack.tick + 1, 3, 'guest after the cut');
    assert.equal(relayView.desyncs.length, 0);
  });
});

test('a relay killed mid-match: a clear message, the replay kept; a new relay starts a new match', { timeout: 90_000 }, async () => {
  const first = await startRelayBehindProxy();
  try {
    const { owner, guest } = await startMatch(first.wsUrl, 14);
    await playUntil([owner, guest], () => hashesAfter(owner, 0) >= 3, 10_000);
    const gone = [owner, guest].map((session) => nextEvent(session, 'connection', (c) => c.state === 'gone', 15_000));
    process.kill(first.relay.pid, 'SIGKILL');
    const messages = await playWhile([owner, guest], Promise.all(gone), 15_000);
    for (const { message } of messages) assert.match(message, /could not reconnect.*replay is kept/);

    const replay = decodeReplay(owner.replay()!);
    assert.ok(replay.ticks >= 3 * hashInterval, `a replay of ${replay.ticks} ticks`);
    const result = runReplay(await base.clone(), replay);
    assert.equal(result.ok, true, `the kept replay re-simulates differently from tick ${result.firstMismatchTick}`);
  } finally {
    await first.proxy.close();
    await first.relay.stop();
  }

  const second = await startRelayBehindProxy();
  try {
    const { code, owner, guest } = await startMatch(second.wsUrl, 15);
    await playUntil([owner, guest], () => hashesAfter(guest, 0) >= 2, 10_000);
    assertHashesAreRelays(guest, await fetchAdminRoom(second.relay.url, adminKey, code), 0, 2, 'guest on the new relay');
  } finally {
    await second.proxy.close();
    await second.relay.stop();
  }
});
