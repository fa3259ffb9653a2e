// Golden byte vectors (test/fixtures/protocol/*.hex): the wire format pinned down byte for byte,
// so a change to the generator, the IDL or a dependency that alters the bytes fails here even if
// encoder and decoder still agree with each other. Other implementations (C#, C++) can test
// against the same files. A few vectors are also spelled out by hand below, so the files are
// checked against the format itself and not only against this code's earlier output.
//
// After a deliberate format change: PROTOCOL_GOLDEN_WRITE=1 node --import tsx --test test/protocol.golden.test.ts

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { crc32, inflateRawSync } from 'node:zlib';
import { type ClientMessage, type RelayMessage, encodePayload } from '../protocol/generated/tessera.ts';
import { decodeClientFrame, decodeRelayFrame, encodeMessage } from '../protocol/messageCodec.ts';
import type { FrameOptions } from '../protocol/frame.ts';
import { typicalMessages } from './fixtures/protocol/samples.ts';
import { tesseraSchema } from './fixtures/protocol/schemaSamples.ts';

type Message = ClientMessage | RelayMessage;
const MAX_PAYLOAD = 65536;
const writing = process.env.PROTOCOL_GOLDEN_WRITE === '1';

function golden(name: string, bytes: Uint8Array): Uint8Array {
  const url = new URL(`./fixtures/protocol/${name}.hex`, import.meta.url);
  if (writing) writeFileSync(url, Buffer.from(bytes).toString('hex').replace(/.{1,64}/g, '$&\n'));
  return Uint8Array.from(Buffer.from(readFileSync(url, 'utf8').replace(/\s/g, ''), 'hex'));
}

/** Hex with spaces, `|` separators and `//` comments, for spelling bytes out by hand. */
const hex = (text: string): Uint8Array =>
  Uint8Array.from(Buffer.from(text.replace(/\/\/.*$/gm, '').replace(/[\s|]/g, ''), 'hex'));

function byName<T extends Message['type']>(type: T): Extract<Message, { type: T }> {
  return typicalMessages.find((message) => message.type === type) as Extract<Message, { type: T }>;
}

const isClient = (message: Message): boolean =>
  tesseraSchema.messages.find((def) => def.name === message.type)!.direction === 'client';

const frames: { name: string; message: Message; seq: number; options: FrameOptions }[] = [
  { name: 'frame-plain', message: byName('Input'), seq: 1, options: {} },
  { name: 'frame-crc', message: byName('Input'), seq: 2, options: { crc: true } },
  // CRC and compression together: the CRC covers the compressed bytes (the payload as sent).
  { name: 'frame-compressed', message: byName('RoomJoined'), seq: 3, options: { compress: true, crc: true } },
];

test('every message payload matches its golden vector, and the vector decodes to the sample', () => {
  for (const message of typicalMessages) {
    const payload = encodePayload(message);
    const expected = golden(message.type, payload);
    assert.deepEqual(payload, expected, message.type);
    const frame = encodeMessage(message, 0);
    const decoded = isClient(message) ? decodeClientFrame(frame, MAX_PAYLOAD) : decodeRelayFrame(frame, MAX_PAYLOAD);
    assert.deepEqual(decoded.message, message, message.type);
  }
});

test('framed vectors (plain, CRC, compressed + CRC) match and decode', () => {
  for (const { name, message, seq, options } of frames) {
    const frame = encodeMessage(message, seq, options);
    const expected = golden(name, frame);
    assert.deepEqual(frame, expected, name);
    const decoded = isClient(message) ? decodeClientFrame(expected, MAX_PAYLOAD) : decodeRelayFrame(expected, MAX_PAYLOAD);
    assert.deepEqual(decoded, { seq, message }, name);
  }
});

test('the Input vector is the format by hand: u32 tick, u32 input, f64 clientTime, little-endian', () => {
  // { tick: 600, input: 0x8013, clientTime: 10016.25 }; 10016.25 = 1.0011100100000001b × 2^13 → 0x40C3902000000000.
  const expected = hex('58020000 | 13800000 | 000000002090c340');
  assert.deepEqual(golden('Input', encodePayload(byName('Input'))), expected);
});

test('the Frames vector is the format by hand: u8 counts before each array, seat order', () => {
  const expected = hex(`
    58020000                                                  // firstTick 600
    02                                                        // 2 ticks
    00 | 02 13800000 02000000 | 02 000000002090c340 000000004092c340  // lagging 0, 2 inputs, clientTimes 10016.25, 10020.5
    02 | 02 13800000 02000000 | 02 000000008098c340 0000000000000000  // seat 1 lagging, 2 inputs, clientTimes 10033, 0
  `);
  assert.deepEqual(golden('Frames', encodePayload(byName('Frames'))), expected);
});

test('the frame header is the format by hand, and its CRC is the IEEE CRC32 of the payload as sent', () => {
  const plain = golden('frame-plain', encodeMessage(byName('Input'), 1));
  // magic 0x4D55 LE | version 1 | flags 0 | type 8 | seq 1 | length 16 | crc 0, then the Input payload.
  assert.deepEqual(plain.subarray(0, 16), hex('554d 01 00 0800 0100 10000000 00000000'));
  assert.deepEqual(plain.subarray(16), golden('Input', encodePayload(byName('Input'))));

  const withCrc = golden('frame-crc', encodeMessage(byName('Input'), 2, { crc: true }));
  assert.deepEqual(withCrc.subarray(0, 12), hex('554d 01 02 0800 0200 10000000'));
  assert.equal(new DataView(withCrc.buffer).getUint32(12, true), crc32(withCrc.subarray(16)));

  const compressed = golden('frame-compressed', encodeMessage(byName('RoomJoined'), 3, { compress: true, crc: true }));
  const body = compressed.subarray(16);
  assert.deepEqual(compressed.subarray(0, 8), hex('554d 01 03 4200 0300'));
  assert.equal(new DataView(compressed.buffer).getUint32(8, true), body.length);
  assert.equal(new DataView(compressed.buffer).getUint32(12, true), crc32(body));
  // zlib (not fflate) inflates it: the payload is standard deflate-raw.
  assert.deepEqual(new Uint8Array(inflateRawSync(body)), encodePayload(byName('RoomJoined')));
});
