// The relay client (net/): against a real relay for the protocol's normal paths, and against a
// scripted socket for what a real relay never sends (bad frames, a seq gap).
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import WebSocket from 'ws';
import { RelayClient } from '../net/RelayClient.ts';
import { RelayClosedError, RoomRequestError } from '../net/RelayErrors.ts';
import type { RelaySocket } from '../net/RelaySocket.ts';
import { fetchGuestToken } from '../net/fetchGuestToken.ts';
import { CloseCode, MessageType, Role, RoomError, type Frames, type Welcome } from '../protocol/generated/tessera.ts';
import { encodeMessage } from '../protocol/messageCodec.ts';
import { startRelay, type RelayProcess } from './support/relayProcess.ts';

const simBuild = 'net-test';
const settings = { seed: 7, matchTicks: 0, orbs: 0 };

describe('RelayClient against a real relay', { timeout: 60_000 }, () => {
  let relay: RelayProcess;
  const clients: RelayClient[] = [];
  const connect = async (name: string): Promise<RelayClient> => {
    const { token } = await fetchGuestToken(relay.url.href, name);
    const client = await RelayClient.connect({ url: relay.wsUrl, token, WebSocket });
    clients.push(client);
    return client;
  };
  before(async () => {
    relay = await startRelay({ RELAY_VERIFY: '0' }); // any build: this tests the client, not verification
  });
  after(async () => {
    for (const client of clients) client.close();
    await relay.stop();
  });

  test('fetchGuestToken answers a token with its lifetime; connect resolves with the Welcome', async () => {
    const guest = await fetchGuestToken(relay.url.href, 'ada');
    assert.ok(guest.token.length > 20);
    assert.ok(guest.expiresIn > 0);
    const client = await connect('ada');
    assert.equal(client.welcome.name, 'ada');
    assert.equal(client.welcome.tickRate, 60);
    assert.equal(client.closed, null);
  });

  test('a room request the relay refuses rejects with RoomRequestError; the connection stays open', async () => {
    const client = await connect('bob');
    const refused = await client.joinRoom({ code: 'ZZZZZZ', simBuild, role: Role.player }).then(
      () => null,
      (error: unknown) => error,
    );
    assert.ok(refused instanceof RoomRequestError, String(refused));
    assert.equal(refused.error, RoomError.notFound);
    assert.equal(refused.request, MessageType.JoinRoom);
    assert.match(refused.message, /^notFound: /);
    const room = await client.createRoom({ simBuild, maxPlayers: 2, autoStart: false, settings });
    assert.equal(room.code.length, 6);
    assert.equal((await client.leaveRoom()).code, room.code);
  });

  test('two players: autoStart, inputs sent on the fast path come back in Frames with their clientTime', async () => {
    const [owner, guest] = [await connect('p0'), await connect('p1')];
    const started = [owner, guest].map((client) => new Promise<number>((resolve) => client.on('MatchStarted', (m) => resolve(m.seats))));
    const created = await owner.createRoom({ simBuild, maxPlayers: 2, autoStart: true, settings });
    const joined = await guest.joinRoom({ code: created.code, simBuild, role: Role.player });
    assert.deepEqual(await Promise.all(started), [2, 2]);
    const frames = new Promise<Frames>((resolve) => owner.on('Frames', resolve));
    owner.sendInput(0, 0xabc, 1234.5);
    guest.sendInput(0, 0xdef, 2345.5);
    const first = await frames;
    assert.equal(first.firstTick, 0);
    assert.equal(first.ticks[0]!.inputs[created.seat], 0xabc);
    assert.equal(first.ticks[0]!.inputs[joined.seat], 0xdef);
    assert.equal(first.ticks[0]!.clientTimes[created.seat], 1234.5);
    assert.equal(first.ticks[0]!.clientTimes[joined.seat], 2345.5);
  });

  test('a refused token: connect rejects with the close code, its name and the reason', async () => {
    const refused = await RelayClient.connect({ url: relay.wsUrl, token: 'not-a-jwt', WebSocket }).then(
      () => null,
      (error: unknown) => error,
    );
    assert.ok(refused instanceof RelayClosedError, String(refused));
    assert.equal(refused.close.code, CloseCode.authMalformed);
    assert.equal(refused.close.name, 'authMalformed');
    assert.equal(refused.close.byClient, false);
    assert.ok(refused.close.reason.length > 0);
  });
});

/** A socket that plays back relay frames the test writes, and records what the client does. */
class ScriptedSocket implements RelaySocket {
  static last: ScriptedSocket;
  binaryType = 'blob';
  readyState = 1;
  readonly sent: Uint8Array[] = [];
  closedWith: { code: number | undefined; reason: string | undefined } | null = null;
  private readonly handlers = new Map<string, ((event: never) => void)[]>();

  constructor(readonly url: string) {
    ScriptedSocket.last = this;
  }
  send(data: Uint8Array): void {
    this.sent.push(data);
  }
  close(code?: number, reason?: string): void {
    this.closedWith = { code, reason };
    this.emit('close', { code: 1000, reason: 'echo' });
  }
  addEventListener(type: string, listener: (event: never) => void): void {
    this.handlers.set(type, [...(this.handlers.get(type) ?? []), listener]);
  }
  emit(type: string, event: unknown): void {
    for (const handler of this.handlers.get(type) ?? []) handler(event as never);
  }
  receive(frame: Uint8Array): void {
    this.emit('message', { data: frame.slice().buffer });
  }
}

const welcome: Welcome = { type: 'Welcome', playerId: 'guest:1', name: 'ada', maxPayload: 65536, heartbeatMs: 3000, idleTimeoutMs: 10000, tickRate: 60 };

async function scriptedClient(): Promise<{ client: RelayClient; socket: ScriptedSocket }> {
  const connecting = RelayClient.connect({ url: 'ws://relay.test/ws', token: 'tok en', WebSocket: ScriptedSocket });
  const socket = ScriptedSocket.last;
  socket.receive(encodeMessage(welcome, 0));
  return { client: await connecting, socket };
}

describe('RelayClient with a scripted socket', { timeout: 5_000 }, () => {
  test('the token goes in the URL, binary frames arrive as ArrayBuffers, Welcome resolves connect', async () => {
    const { client, socket } = await scriptedClient();
    assert.equal(new URL(socket.url).searchParams.get('token'), 'tok en');
    assert.equal(socket.binaryType, 'arraybuffer');
    assert.deepEqual(client.welcome, welcome);
  });

  test('outgoing frames are numbered 0, 1, 2…', async () => {
    const { client, socket } = await scriptedClient();
    client.sendInput(5, 1, 10);
    client.send({ type: 'Ping', clientTime: 1 });
    client.sendInput(6, 1, 26.7);
    assert.deepEqual(
      socket.sent.map((frame) => new DataView(frame.buffer, frame.byteOffset).getUint16(6, true)),
      [0, 1, 2],
    );
  });

  test('a frame that does not decode closes the connection with its close code, on our side', async () => {
    const { client, socket } = await scriptedClient();
    const closes: unknown[] = [];
    client.onClose((info) => closes.push(info));
    const bad = encodeMessage({ type: 'Pong', clientTime: 1, relayTime: 2 }, 1);
    bad[0] = 0;
    socket.receive(bad);
    assert.equal(socket.closedWith?.code, CloseCode.badMagic);
    assert.deepEqual(closes, [{ code: CloseCode.badMagic, name: 'badMagic', reason: socket.closedWith?.reason, byClient: true }]);
    assert.equal(client.closed?.name, 'badMagic');
  });

  test('a gap in the relay seq closes with badSequence; pending requests reject', async () => {
    const { client, socket } = await scriptedClient();
    const pending = client.createRoom({ simBuild, maxPlayers: 2, autoStart: false, settings });
    socket.receive(encodeMessage({ type: 'Pong', clientTime: 1, relayTime: 2 }, 2));
    await assert.rejects(pending, (error: unknown) => error instanceof RelayClosedError && error.close.code === CloseCode.badSequence);
  });

  test('listeners get their message type only, until they unsubscribe', async () => {
    const { client, socket } = await scriptedClient();
    const pongs: number[] = [];
    const off = client.on('Pong', (pong) => pongs.push(pong.clientTime));
    socket.receive(encodeMessage({ type: 'Pong', clientTime: 1, relayTime: 2 }, 1));
    socket.receive(encodeMessage({ type: 'SeatLagging', seat: 1, lagging: true }, 2));
    off();
    socket.receive(encodeMessage({ type: 'Pong', clientTime: 3, relayTime: 4 }, 3));
    assert.deepEqual(pongs, [1]);
  });
});
