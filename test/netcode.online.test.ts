// OnlineSession against a real relay process (verification on, guest tokens): a lobby with ready
// and start, a match whose confirmed hashes equal the relay's checkpoints (admin endpoint), a
// corrupted client resynced, a spectator joining late, a reconnect after a cut socket, and the
// relay going away for good with the replay kept.
// Needs build/tessera.wasm (`npm run build:sim`).
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import WebSocket from 'ws';
import { startRelay, type RelayProcess } from './support/relayProcess.ts';
import { loadSim } from './support/simTest.ts';
import { OnlineSession, type OnlineEvents } from '../netcode/OnlineSession.ts';
import { assertHashesAreRelays as assertHashesAreTheRelays, fetchAdminRoom, nextEvent as next, playUntil as play } from './support/onlineMatch.ts';
import type { RelaySocket } from '../net/RelaySocket.ts';
import { decodeReplay } from '../host/replay/ReplayFile.ts';
import { runReplay } from '../host/replay/runReplay.ts';

const ADMIN_KEY = 'netcode-test-admin-key';
const base = await loadSim();
let relay: RelayProcess;
const sessions: OnlineSession[] = [];

/** `ws` sockets, remembered so a test can cut one as a network failure would. */
const sockets: WebSocket[] = [];
class RecordedWebSocket extends WebSocket {
  constructor(url: string) {
    super(url);
    sockets.push(this);
  }
}

before(async () => {
  relay = await startRelay({ RELAY_ADMIN_KEY: ADMIN_KEY, RELAY_START_DELAY_MS: '100', RELAY_RECONNECT_GRACE_MS: '10000' });
});

after(async () => {
  for (const session of sessions) session.close();
  await relay?.stop();
});

async function connect(name: string, giveUpAfterMs = 3000): Promise<OnlineSession> {
  const session = await OnlineSession.connect({
    url: relay.wsUrl, WebSocket: RecordedWebSocket as unknown as new (url: string) => RelaySocket, sim: base, name,
    reconnect: { firstDelayMs: 50, maxDelayMs: 400, giveUpAfterMs },
  });
  sessions.push(session);
  return session;
}

/** The relay's own checkpoints for the room compared with the session's. */
async function assertHashesAreRelays(session: OnlineSession, code: string, from: number, min: number, who: string): Promise<void> {
  assertHashesAreTheRelays(session, await fetchAdminRoom(relay.url, ADMIN_KEY, code), from, min, who);
}

let code = '';
let owner: OnlineSession;
let guest: OnlineSession;

test('lobby: create, join, ready, start; both play and every confirmed hash is the relay\'s', async () => {
  owner = await connect('owner');
  guest = await connect('guest');
  const room = await owner.createRoom({ maxPlayers: 2, settings: { seed: 5, matchTicks: 0, orbs: 20 } });
  code = room.code;
  const joinedSeen = next(owner, 'room', (r) => r.members.length === 2);
  await guest.joinRoom(code);
  await joinedSeen;
  await assert.rejects(owner.startMatch(), /notReady/, 'the guest is not ready yet');
  const readySeen = next(owner, 'room', (r) => r.members.some((m) => m.playerId === guest.playerId && m.ready));
  guest.setReady(true);
  await readySeen;
  const started = Promise.all([next(owner, 'matchStarted'), next(guest, 'matchStarted')]);
  await owner.startMatch();
  const [ownerStart, guestStart] = await started;
  assert.deepEqual([ownerStart.seat, guestStart.seat], [0, 1]);
  assert.equal(ownerStart.hashInterval, 30, 'the relay verifies');

  await play([owner, guest], () => owner.match!.confirmedHashes.length >= 8 && guest.match!.confirmedHashes.length >= 8, 15_000);
  await assertHashesAreRelays(owner, code, 0, 8, 'owner');
  await assertHashesAreRelays(guest, code, 0, 8, 'guest');
  const stats = owner.netStats();
  assert.equal(stats.desyncs, 0);
  assert.ok(stats.pingMs > 0 && stats.pingMs < 100, `ping ${stats.pingMs}`);
  assert.ok(stats.maxRollbackDepth <= 8);
  assert.equal((await fetchAdminRoom(relay.url, ADMIN_KEY, code)).desyncs.length, 0);
});

test('a corrupted client is told within one hash interval, with a diff, and resynced to the relay\'s state', async () => {
  const desync = next(guest, 'desync', () => true, 5000);
  const corruptedAt = guest.match!.tick;
  guest.match!.corruptStateForTest();
  const done = { desync: false };
  void desync.then(() => (done.desync = true), () => {});
  await play([owner, guest], () => done.desync, 5000);
  const report = await desync;
  assert.ok(report.tick - corruptedAt <= 30 + 8, `detected at tick ${report.tick}, corrupted at ${corruptedAt}`);
  assert.notEqual(report.clientHash, report.relayHash);
  assert.ok(report.differences.some((d) => d.region === 'header' && d.name === 'rng'), `the diff names the corrupted word:\n${report.report}`);
  const resyncedAt = report.snapshotTick;
  await play([owner, guest], () => guest.match!.confirmedHashes.filter((c) => c.tick > resyncedAt).length >= 3, 5000);
  await assertHashesAreRelays(guest, code, resyncedAt + 1, 3, 'resynced guest');
  assert.equal(guest.netStats().desyncs, 1);
});

test('a spectator joining the running match starts from the relay\'s snapshot and follows the confirmed ticks', async () => {
  const spectator = await connect('spectator');
  let snapshot: OnlineEvents['snapshot'] | undefined;
  spectator.on('snapshot', (s) => (snapshot ??= s));
  void spectator.joinRoom(code, 'spectator');
  await play([owner, guest], () => snapshot !== undefined, 5000);
  const { reason, tick } = snapshot!;
  assert.equal(reason, 'lateJoin');
  assert.equal(spectator.match!.localSeat, null);
  await play([owner, guest, spectator], () => spectator.match!.confirmedHashes.length >= 3, 5000);
  await assertHashesAreRelays(spectator, code, tick, 3, 'spectator');
  assert.equal(spectator.replay(), null, 'a late joiner has no replay from tick 0');
});

test('a cut connection reconnects with backoff, gets its seat back with a snapshot and matches the relay again', async () => {
  const guestSocket = sockets[1]!; // owner connected first
  const reconnecting = next(guest, 'connection', (c) => c.state === 'reconnecting');
  const snapshot = next(guest, 'snapshot', (s) => s.reason === 'reconnect', 8000);
  guestSocket.terminate();
  await reconnecting;
  let back = false;
  void snapshot.then(() => (back = true), () => {});
  await play([owner, guest], () => back, 8000);
  const { tick } = await snapshot;
  assert.equal(guest.room?.seat, 1, 'the same seat');
  assert.equal(guest.netStats().reconnects, 1);
  await play([owner, guest], () => guest.match!.confirmedHashes.filter((c) => c.tick > tick).length >= 3, 5000);
  await assertHashesAreRelays(guest, code, tick + 1, 3, 'reconnected guest');
});

test('when the relay is gone for good: a clear final message, and the replay is kept and re-simulates', async () => {
  const gone = next(owner, 'connection', (c) => c.state === 'gone', 8000);
  await relay.stop();
  const { message } = await gone;
  assert.match(message, /could not reconnect.*replay is kept/);
  const bytes = owner.replay();
  assert.ok(bytes !== null);
  const replay = decodeReplay(bytes);
  assert.ok(replay.ticks >= 240, `replay of ${replay.ticks} ticks`);
  const result = runReplay(await base.clone(), replay);
  assert.equal(result.ok, true, `first mismatch at ${result.firstMismatchTick}`);
});
