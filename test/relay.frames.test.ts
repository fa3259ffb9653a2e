// Every malformed frame closes its own socket with the frame's close code and a reason saying what
// was wrong, is logged — and the relay keeps serving the rest: a player in the same running room
// keeps receiving Frames at its tick rate throughout.

import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { connect } from 'node:net';
import { FrameFlag, encodeFrame } from '../protocol/frame.ts';
import { encodeMessage } from '../protocol/messageCodec.ts';
import { CloseCode, MessageType, Role } from '../protocol/generated/tessera.ts';
import { startRelay, type RelayProcess } from './support/relayProcess.ts';
import { RelayTestClient, TEST_SECRET, joinRoom, largestFramesGap, runningMatch, signToken, sleep, withTimeout, type RunningMatch } from './support/relayTestClient.ts';

const MAX_PAYLOAD = 8192;
const DEADLINE_MS = 100;
/** A confirmed tick may come this much later than its deadline on a busy test machine. */
const SLACK_MS = 150;

let relay: RelayProcess;
let match: RunningMatch;

before(async () => {
  relay = await startRelay({ JWT_SECRET: TEST_SECRET, RELAY_MAX_PAYLOAD: String(MAX_PAYLOAD), RELAY_INPUT_DEADLINE_MS: String(DEADLINE_MS), RELAY_START_DELAY_MS: '50' });
  match = await runningMatch(relay.wsUrl, 1);
});

after(async () => {
  match?.stop();
  await relay?.stop();
});

const ping = (seq: number): Uint8Array => encodeMessage({ type: 'Ping', clientTime: 1 }, seq);
const withByte = (bytes: Uint8Array, index: number, value: number): Uint8Array => {
  const copy = bytes.slice();
  copy[index] = value;
  return copy;
};

const badFrames: { name: string; frame: (seq: number) => Uint8Array | string; code: number; reason: RegExp }[] = [
  { name: 'bad magic', frame: (seq) => withByte(ping(seq), 0, 0x00), code: CloseCode.badMagic, reason: /bad magic 0x4d00/ },
  { name: 'unknown version', frame: (seq) => withByte(ping(seq), 2, 9), code: CloseCode.unsupportedVersion, reason: /version 9/ },
  { name: 'reserved flag bits', frame: (seq) => withByte(ping(seq), 3, 0x80), code: CloseCode.reservedFlags, reason: /reserved flag bits.*0x80/ },
  {
    name: 'length over the limit (header only, no payload)',
    frame: (seq) => {
      const header = encodeFrame(MessageType.Ping, seq, new Uint8Array(0));
      new DataView(header.buffer).setUint32(8, 0x7fffffff, true);
      return header;
    },
    code: CloseCode.frameTooLarge,
    reason: new RegExp(`2147483647 is over the limit of ${MAX_PAYLOAD}`),
  },
  {
    name: 'length not matching the bytes that follow',
    frame: (seq) => {
      const frame = new Uint8Array(ping(seq).length + 1);
      frame.set(ping(seq));
      return frame;
    },
    code: CloseCode.lengthMismatch,
    reason: /header says 8 payload bytes, frame has 9/,
  },
  {
    name: 'CRC mismatch',
    frame: (seq) => {
      const frame = encodeMessage({ type: 'Ping', clientTime: 1 }, seq, { crc: true });
      return withByte(frame, 16, frame[16]! ^ 1);
    },
    code: CloseCode.crcMismatch,
    reason: /CRC32/,
  },
  { name: 'truncated header', frame: (seq) => ping(seq).subarray(0, 10), code: CloseCode.truncatedHeader, reason: /10 bytes is shorter than its 16-byte header/ },
  {
    name: 'undecodable compressed payload',
    // 0xff opens a deflate block of the reserved type 3: no inflater accepts it.
    frame: (seq) => withByte(encodeFrame(MessageType.Ping, seq, new Uint8Array(8).fill(0xff)), 3, 1),
    code: CloseCode.badCompression,
    reason: /does not inflate/,
  },
  {
    name: 'compressed payload inflating past the limit',
    frame: (seq) => encodeFrame(MessageType.Ping, seq, new Uint8Array(MAX_PAYLOAD * 10), { compress: true }),
    code: CloseCode.badCompression,
    reason: new RegExp(`inflates past the limit of ${MAX_PAYLOAD}`),
  },
  { name: 'unknown type', frame: (seq) => encodeFrame(999, seq, new Uint8Array(0)), code: CloseCode.unknownType, reason: /999/ },
  {
    name: 'a relay → client type sent by a client',
    frame: (seq) => encodeMessage({ type: 'Pong', clientTime: 1, relayTime: 2 }, seq),
    code: CloseCode.unknownType,
    reason: new RegExp(String(MessageType.Pong)),
  },
  { name: 'malformed payload', frame: (seq) => encodeFrame(MessageType.Ping, seq, new Uint8Array(7)), code: CloseCode.malformedMessage, reason: /malformed payload/ },
  { name: 'bad sequence', frame: (seq) => ping(seq + 5), code: CloseCode.badSequence, reason: /seq \d+, expected \d+/ },
  { name: 'text message', frame: () => 'hello', code: 1003, reason: /binary frames only/ },
];

for (const bad of badFrames) {
  test(`${bad.name}: closed with ${bad.code}, logged, and the room's player keeps receiving Frames`, async () => {
    const client = await RelayTestClient.welcomed(relay.wsUrl, await signToken());
    await joinRoom(client, match.code, Role.spectator);
    client.send({ type: 'Ping', clientTime: 0 }); // a good frame first: the bad one is not simply "the first"
    await client.next('Pong');
    const sentAt = performance.now();
    const frame = bad.frame(client.takeSeq());
    client.socket.send(frame);

    const closed = await client.closedWithin();
    assert.equal(closed.code, bad.code, `close code (reason: ${closed.reason})`);
    assert.match(closed.reason, bad.reason);
    const logged = await relay.waitForLog((line) => line.msg === 'frame rejected' && line['code'] === bad.code && line['reason'] === closed.reason);
    assert.equal(logged.level, 'warn');

    await sleep(300);
    const { gapMs, frames } = largestFramesGap(match.players[0]!, sentAt);
    assert.ok(frames >= 10, `only ${frames} Frames in 300 ms after the bad frame`);
    assert.ok(gapMs <= DEADLINE_MS + SLACK_MS, `a ${gapMs.toFixed(0)} ms gap between Frames`);
  });
}

test('a WebSocket message over the limit is refused by ws (1009) from its length alone, before any payload arrives', async () => {
  const token = await signToken();
  const closeCode = await withTimeout(oversizeMessageCloseCode(relay.url, token), 3000, 'waiting for the 1009 close frame');
  assert.equal(closeCode, 1009);
  await relay.waitForLog((line) => line.msg === 'frame rejected' && line['code'] === 1009 && line['wsError'] === 'WS_ERR_UNSUPPORTED_MESSAGE_LENGTH');
  const { frames } = largestFramesGap(match.players[0]!, performance.now() - 300);
  assert.ok(frames >= 10, 'the room kept running');
});

/**
 * Opens a WebSocket by hand and sends only the header of a 1 GiB binary message: a relay that
 * waited for (or buffered) the payload would never answer; ws must close from the length field.
 */
async function oversizeMessageCloseCode(url: URL, token: string): Promise<number> {
  const socket = connect(Number(url.port), url.hostname);
  await new Promise<void>((resolve, reject) => socket.once('connect', resolve).once('error', reject));
  socket.write(
    [
      `GET /ws?token=${token} HTTP/1.1`,
      `Host: ${url.host}`,
      'Upgrade: websocket',
      'Connection: Upgrade',
      'Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==',
      'Sec-WebSocket-Version: 13',
      '',
      '',
    ].join('\r\n'),
  );
  let buffered = Buffer.alloc(0);
  let upgraded = false;
  return new Promise((resolve, reject) => {
    socket.on('error', reject);
    socket.on('data', (chunk: Buffer) => {
      buffered = Buffer.concat([buffered, chunk]);
      if (!upgraded) {
        const end = buffered.indexOf('\r\n\r\n');
        if (end < 0) return;
        if (!buffered.subarray(0, end).toString().startsWith('HTTP/1.1 101')) return reject(new Error(buffered.toString()));
        buffered = buffered.subarray(end + 4);
        upgraded = true;
        // FIN + binary, masked, 64-bit length 2^30, mask key; and no payload at all.
        const header = Buffer.alloc(14);
        header[0] = 0x82;
        header[1] = 0x80 | 127;
        header.writeBigUInt64BE(1n << 30n, 2);
        socket.write(header);
      }
      // Server frames are unmasked: skip any (Welcome) until the close frame.
      while (buffered.length >= 2) {
        const opcode = buffered[0]! & 0x0f;
        let length = buffered[1]! & 0x7f;
        let offset = 2;
        if (length === 126) [length, offset] = [buffered.readUInt16BE(2), 4];
        if (buffered.length < offset + length) return;
        if (opcode === 0x8) {
          socket.destroy();
          return resolve(buffered.readUInt16BE(offset));
        }
        buffered = buffered.subarray(offset + length);
      }
    });
  });
}

test('payloads of 1 KiB and more are sent deflated (flag set) when that is smaller, and decode to the same message', async () => {
  const spectators: RelayTestClient[] = [];
  try {
    for (let i = 0; i < 12; i++) {
      const sub = `spectator-${i}-`.padEnd(64, 'x');
      spectators.push(await RelayTestClient.welcomed(relay.wsUrl, await signToken({ sub, name: `Spectator number ${i}`.padEnd(32, '.') })));
      await joinRoom(spectators.at(-1)!, match.code, Role.spectator);
    }
    const joined = (client: RelayTestClient) => client.received.find((r) => r.message.type === 'RoomJoined')!;
    const small = joined(spectators[0]!);
    const large = joined(spectators.at(-1)!);
    assert.equal(small.flags & FrameFlag.compressed, 0, 'a short RoomJoined is sent as is');
    assert.equal(large.flags & FrameFlag.compressed, FrameFlag.compressed, 'a RoomJoined listing 13 members is deflated');
    assert.equal(large.message.type === 'RoomJoined' && large.message.members.length, 13);
  } finally {
    for (const spectator of spectators) spectator.close();
  }
});
