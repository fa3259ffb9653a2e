// The frame layer (protocol/frame.ts) and the message codec on top (protocol/messageCodec.ts):
// every way a frame can be bad ends in a FrameError carrying the close code the relay sends.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { deflateRawSync } from 'node:zlib';
import { FRAME_MAGIC, FrameError, FrameFlag, HEADER_BYTES, decodeFrame, encodeFrame, readFrameHeader } from '../protocol/frame.ts';
import { CloseCode, MessageType, encodePayload } from '../protocol/generated/tessera.ts';
import { decodeClientFrame, decodeRelayFrame, encodeMessage } from '../protocol/messageCodec.ts';
import { typicalMessages } from './fixtures/protocol/samples.ts';

const MAX = 65536;
const input = { type: 'Input', tick: 7, input: 3, clientTime: 12.5 } as const;

function header(fields: { magic?: number; version?: number; flags?: number; typeId?: number; seq?: number; length: number; crc?: number }): Uint8Array {
  const bytes = new Uint8Array(HEADER_BYTES);
  const view = new DataView(bytes.buffer);
  view.setUint16(0, fields.magic ?? FRAME_MAGIC, true);
  bytes[2] = fields.version ?? 1;
  bytes[3] = fields.flags ?? 0;
  view.setUint16(4, fields.typeId ?? MessageType.Input, true);
  view.setUint16(6, fields.seq ?? 0, true);
  view.setUint32(8, fields.length, true);
  view.setUint32(12, fields.crc ?? 0, true);
  return bytes;
}

function frameOf(head: Uint8Array, payload: Uint8Array): Uint8Array {
  const frame = new Uint8Array(head.length + payload.length);
  frame.set(head);
  frame.set(payload, head.length);
  return frame;
}

function assertFrameError(decode: () => unknown, closeCode: CloseCode, reason: RegExp): void {
  assert.throws(decode, (error: unknown) => {
    assert.ok(error instanceof FrameError, `not a FrameError: ${String(error)}`);
    assert.equal(error.closeCode, closeCode, error.message);
    assert.match(error.message, reason);
    assert.ok(new TextEncoder().encode(error.message).length <= 123, 'close reason over 123 bytes');
    return true;
  });
}

test('frames round-trip every message with and without CRC and compression', () => {
  let seq = 0;
  for (const message of typicalMessages) {
    for (const options of [{}, { crc: true }, { compress: true }, { compress: true, crc: true }]) {
      const frame = encodeMessage(message, seq, options);
      const decoded = MessageType[message.type] < 64 ? decodeClientFrame(frame, MAX) : decodeRelayFrame(frame, MAX);
      assert.deepEqual(decoded, { seq, message }, `${message.type} ${JSON.stringify(options)}`);
      seq++;
    }
  }
});

test('a frame inside a larger buffer at an odd offset decodes (ws hands over pooled Buffers)', () => {
  const frame = encodeMessage(input, 5, { crc: true });
  const pool = Buffer.alloc(frame.length + 11, 0xee);
  pool.set(frame, 7);
  const view = pool.subarray(7, 7 + frame.length);
  assert.deepEqual(decodeClientFrame(view, MAX), { seq: 5, message: input });
});

test('readFrameHeader returns every header field', () => {
  const frame = encodeFrame(0x1234, 0xfffe, new TextEncoder().encode('123456789'), { crc: true });
  assert.deepEqual(readFrameHeader(frame, MAX), { version: 1, flags: FrameFlag.crc32, typeId: 0x1234, seq: 0xfffe, length: 9, crc: 0xcbf43926 });
});

test('seq is written mod 2^16, so a sender can keep a plain counter', () => {
  assert.equal(readFrameHeader(encodeFrame(8, 65535, new Uint8Array(0)), MAX).seq, 65535);
  assert.equal(readFrameHeader(encodeFrame(8, 65536, new Uint8Array(0)), MAX).seq, 0);
  assert.equal(readFrameHeader(encodeFrame(8, 65537, new Uint8Array(0)), MAX).seq, 1);
});

test('a type id that is not a u16 cannot be framed', () => {
  assert.throws(() => encodeFrame(65536, 0, new Uint8Array(0)), RangeError);
  assert.throws(() => encodeFrame(-1, 0, new Uint8Array(0)), RangeError);
});

test('fewer than 16 bytes: truncatedHeader', () => {
  const frame = encodeMessage(input, 0);
  for (const length of [0, 1, 2, 15]) {
    assertFrameError(() => decodeFrame(frame.subarray(0, length), MAX), CloseCode.truncatedHeader, new RegExp(`frame of ${length} bytes`));
  }
});

test('bad magic: badMagic', () => {
  assertFrameError(() => decodeFrame(header({ magic: 0x554d, length: 0 }), MAX), CloseCode.badMagic, /bad magic 0x554d/);
  assertFrameError(() => decodeFrame(new TextEncoder().encode('GET / HTTP/1.1\r\n\r\n'), MAX), CloseCode.badMagic, /bad magic/);
});

test('a version other than 1: unsupportedVersion', () => {
  for (const version of [0, 2, 255]) {
    assertFrameError(() => decodeFrame(header({ version, length: 0 }), MAX), CloseCode.unsupportedVersion, new RegExp(`version ${version}`));
  }
});

test('a flag bit other than compressed and CRC: reservedFlags', () => {
  for (const flags of [4, 8, 0x80, 0xff]) {
    assertFrameError(() => decodeFrame(header({ flags, length: 0 }), MAX), CloseCode.reservedFlags, /reserved flag bits/);
  }
});

test('a length over the limit is refused from the header alone, before any payload arrives', () => {
  // 16 bytes claiming 4 GiB: with no payload at all it is frameTooLarge, not lengthMismatch.
  assertFrameError(() => readFrameHeader(header({ length: 0xffffffff }), MAX), CloseCode.frameTooLarge, /4294967295 is over the limit of 65536/);
  assertFrameError(() => decodeFrame(header({ length: MAX + 1 }), MAX), CloseCode.frameTooLarge, /65537/);
  // At the limit is fine.
  assert.equal(decodeFrame(frameOf(header({ length: MAX }), new Uint8Array(MAX)), MAX).payload.length, MAX);
});

test('a length that is not the bytes that follow: lengthMismatch', () => {
  const payload = encodePayload(input);
  assertFrameError(() => decodeFrame(frameOf(header({ length: 17 }), payload), MAX), CloseCode.lengthMismatch, /says 17 payload bytes, frame has 16/);
  assertFrameError(() => decodeFrame(frameOf(header({ length: 15 }), payload), MAX), CloseCode.lengthMismatch, /says 15 payload bytes, frame has 16/);
});

test('a CRC that does not match the payload as sent: crcMismatch', () => {
  const frame = encodeMessage(input, 0, { crc: true });
  const flipped = frame.slice();
  flipped[HEADER_BYTES + 3]! ^= 0x10;
  assertFrameError(() => decodeFrame(flipped, MAX), CloseCode.crcMismatch, /payload CRC32 is 0x[0-9a-f]{8}, header says/);
  const compressed = encodeMessage(typicalMessages.find((message) => message.type === 'RoomJoined')!, 0, { compress: true, crc: true });
  const flippedCompressed = compressed.slice();
  flippedCompressed[compressed.length - 1]! ^= 1;
  assertFrameError(() => decodeFrame(flippedCompressed, MAX), CloseCode.crcMismatch, /CRC32/);
  // The CRC field is 0 unless flagged.
  const stray = frameOf(header({ length: 16, crc: 1 }), encodePayload(input));
  assertFrameError(() => decodeFrame(stray, MAX), CloseCode.crcMismatch, /CRC flag clear but header CRC is 0x00000001/);
});

test('a compressed payload that does not inflate: badCompression', () => {
  const compressedFlag = { flags: FrameFlag.compressed };
  const garbage = Uint8Array.from([0xff, 0xff, 0xff, 0xff]);
  assertFrameError(() => decodeFrame(frameOf(header({ ...compressedFlag, length: 4 }), garbage), MAX), CloseCode.badCompression, /does not inflate/);
  const cut = deflateRawSync(new Uint8Array(5000).fill(7)).subarray(0, 8);
  assertFrameError(() => decodeFrame(frameOf(header({ ...compressedFlag, length: cut.length }), cut), MAX), CloseCode.badCompression, /does not inflate/);
  assertFrameError(() => decodeFrame(header({ ...compressedFlag, length: 0 }), MAX), CloseCode.badCompression, /empty/);
});

test('a compressed payload that inflates past the limit is stopped while inflating (decompression bomb)', () => {
  // 64 MiB of zeros deflate to ~64 KB; cutting the stream in half proves the decoder stops early:
  // had it inflated everything before checking the size, it would hit the cut first and report
  // "does not inflate" instead of the limit.
  const bomb = deflateRawSync(new Uint8Array(64 << 20));
  const halfBomb = bomb.subarray(0, bomb.length >> 1);
  const frame = frameOf(header({ flags: FrameFlag.compressed, length: halfBomb.length }), halfBomb);
  assertFrameError(() => decodeFrame(frame, MAX), CloseCode.badCompression, /inflates past the limit of 65536 bytes/);
  // Exactly at the limit inflates; one byte more does not.
  const atLimit = encodeFrame(8, 0, new Uint8Array(MAX).fill(1), { compress: true });
  assert.equal(decodeFrame(atLimit, MAX).payload.length, MAX);
  const overLimit = encodeFrame(8, 0, new Uint8Array(MAX + 1).fill(1), { compress: true });
  assertFrameError(() => decodeFrame(overLimit, MAX), CloseCode.badCompression, /inflates past the limit/);
});

test('a type id of no message, or of the wrong direction: unknownType', () => {
  const relayPayload = encodePayload({ type: 'SeatLagging', seat: 1, lagging: true });
  const asClientFrame = encodeFrame(MessageType.SeatLagging, 0, relayPayload);
  assertFrameError(() => decodeClientFrame(asClientFrame, MAX), CloseCode.unknownType, /no client message has type id 72/);
  assertFrameError(() => decodeRelayFrame(encodeMessage(input, 0), MAX), CloseCode.unknownType, /no relay message has type id 8/);
  assertFrameError(() => decodeClientFrame(encodeFrame(999, 0, new Uint8Array(0)), MAX), CloseCode.unknownType, /type id 999/);
});

test('a payload that does not decode as its type: malformedMessage', () => {
  const payload = encodePayload(input);
  const short = encodeFrame(MessageType.Input, 0, payload.subarray(0, 15));
  assertFrameError(() => decodeClientFrame(short, MAX), CloseCode.malformedMessage, /malformed payload: Input.clientTime/);
  const long = encodeFrame(MessageType.Input, 0, new Uint8Array(17));
  assertFrameError(() => decodeClientFrame(long, MAX), CloseCode.malformedMessage, /Input: 1 trailing bytes/);
  const badBool = encodeFrame(MessageType.SeatLagging, 0, Uint8Array.from([0, 2]));
  assertFrameError(() => decodeRelayFrame(badBool, MAX), CloseCode.malformedMessage, /SeatLagging.lagging/);
});

test('a close reason is cut to the 123 bytes a WebSocket close frame allows', () => {
  const error = new FrameError(CloseCode.malformedMessage, 'x'.repeat(500));
  assert.equal(error.message.length, 123);
  assert.ok(error.message.endsWith('...'));
});
