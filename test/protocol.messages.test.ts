// Payload codecs (protocol/generated/tessera.ts over protocol/wire.ts): every message round-trips
// at typical values and at both ends of every field's range; the encoder refuses anything past a
// limit, naming the field; the decoder refuses every malformed payload with MessageDecodeError.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  type ClientMessage,
  MessageType,
  type RelayMessage,
  decodeClientPayload,
  decodeRelayPayload,
  encodePayload,
} from '../protocol/generated/tessera.ts';
import { MessageDecodeError, MessageEncodeError, UnknownMessageTypeError, utf8Length } from '../protocol/wire.ts';
import { fieldsSize } from '../tools/idl/schema.ts';
import { encodeViolations, extremeMessage, tesseraSchema } from './fixtures/protocol/schemaSamples.ts';
import { typicalMessages } from './fixtures/protocol/samples.ts';

type Message = ClientMessage | RelayMessage;

function decode(message: Message, payload: Uint8Array): Message {
  const id = MessageType[message.type];
  return tesseraSchema.messages.find((def) => def.id === id)!.direction === 'client'
    ? decodeClientPayload(id, payload)
    : decodeRelayPayload(id, payload);
}

function decodeById(name: keyof typeof MessageType, bytes: number[]): Message {
  const id = MessageType[name];
  const payload = Uint8Array.from(bytes);
  return id < 64 ? decodeClientPayload(id, payload) : decodeRelayPayload(id, payload);
}

function assertDecodeError(name: keyof typeof MessageType, bytes: number[], field: string, problem: RegExp): void {
  assert.throws(
    () => decodeById(name, bytes),
    (error: unknown) => error instanceof MessageDecodeError && error.field === field && problem.test(error.message),
  );
}

const ascii = (text: string): number[] => [...new TextEncoder().encode(text)];

test('the samples cover every message in the IDL', () => {
  assert.deepEqual(
    typicalMessages.map((message) => message.type).sort(),
    tesseraSchema.messages.map((message) => message.name).sort(),
  );
});

test('every message round-trips at typical values', () => {
  for (const message of typicalMessages) assert.deepEqual(decode(message, encodePayload(message)), message, message.type);
});

test('every message round-trips at the smallest and the largest value of every field, at the size the schema predicts', () => {
  for (const def of tesseraSchema.messages) {
    const size = fieldsSize(def.fields, tesseraSchema);
    for (const extreme of ['min', 'max'] as const) {
      const message = extremeMessage(tesseraSchema, def, extreme) as unknown as Message;
      const payload = encodePayload(message);
      assert.equal(payload.length, size[extreme], `${def.name} ${extreme} size`);
      assert.deepEqual(decode(message, payload), message, `${def.name} ${extreme}`);
    }
  }
});

test('f64 fields keep every value bit for bit: negative, fractional, -0, infinities, NaN, subnormals', () => {
  for (const clientTime of [-1234.5678, 0.1, -0, Infinity, -Infinity, NaN, Number.MIN_VALUE, -Number.MAX_VALUE]) {
    const message: Message = { type: 'Ping', clientTime };
    assert.deepEqual(decode(message, encodePayload(message)), message, String(clientTime));
  }
});

test('the encoder refuses every value past a limit with MessageEncodeError naming the field', () => {
  let checked = 0;
  for (const def of tesseraSchema.messages) {
    for (const violation of encodeViolations(tesseraSchema, def)) {
      assert.throws(
        () => encodePayload(violation.message as unknown as Message),
        (error: unknown) => error instanceof MessageEncodeError && error.field === violation.label,
        `${def.name}: ${violation.label} = ${violation.what}`,
      );
      checked++;
    }
  }
  assert.ok(checked > 100, `only ${checked} violations generated`);
});

test('the encoder refuses an object that is no message', () => {
  assert.throws(() => encodePayload({ type: 'Nope' } as unknown as Message), MessageEncodeError);
});

test('utf8Length agrees with TextEncoder, including lone surrogates (encoded as U+FFFD)', () => {
  const cases = ['', 'a', 'é', '€', '😀', 'a😀b', '\ud83d', '\ude00', 'x\ud83dy', '\ud83d\ud83d\ude00', '\ude00\ud83d', '\u07ff\u0800\uffff'];
  let seed = 1;
  for (let i = 0; i < 500; i++) {
    let text = '';
    for (let j = 0; j < 8; j++) {
      seed = (seed * 1103515245 + 12345) >>> 0;
      text += String.fromCharCode(seed >>> 16);
    }
    cases.push(text);
  }
  for (const text of cases) assert.equal(utf8Length(text), new TextEncoder().encode(text).length, JSON.stringify(text));
});

test('a multi-byte string exactly at its byte maximum encodes; one byte more does not', () => {
  const code = '€€ab'; // 3 + 3 + 1 + 1 = 8 bytes = string(8)
  assert.deepEqual(decodeById('RoomLeft', [...encodePayload({ type: 'RoomLeft', code })]), { type: 'RoomLeft', code });
  assert.throws(() => encodePayload({ type: 'RoomLeft', code: '€€abc' }), /RoomLeft\.code: 9 UTF-8 bytes, at most 8/);
  assert.throws(() => encodePayload({ type: 'RoomLeft', code: '😀😀x' }), /RoomLeft\.code: 9 UTF-8 bytes/);
});

test('every truncation of every payload is a MessageDecodeError', () => {
  const messages = [...typicalMessages, ...tesseraSchema.messages.map((def) => extremeMessage(tesseraSchema, def, 'max') as unknown as Message)];
  for (const message of messages) {
    const payload = encodePayload(message);
    for (let length = 0; length < payload.length; length++) {
      assert.throws(() => decode(message, payload.subarray(0, length)), MessageDecodeError, `${message.type} cut to ${length}`);
    }
  }
});

test('trailing bytes after a message are a MessageDecodeError', () => {
  for (const message of typicalMessages) {
    const payload = encodePayload(message);
    const longer = new Uint8Array(payload.length + 1);
    longer.set(payload);
    assert.throws(
      () => decode(message, longer),
      (error: unknown) => error instanceof MessageDecodeError && error.field === message.type && /1 trailing bytes/.test(error.message),
      message.type,
    );
  }
});

test('counts and lengths over their maximum are refused before anything is read or allocated', () => {
  // Frames: firstTick, then a tick count of 65 (max 64) and nothing else.
  assertDecodeError('Frames', [0, 0, 0, 0, 65], 'Frames.ticks', /65 items, at most 64/);
  // A tick with 9 inputs (max maxSeats = 8).
  assertDecodeError('Frames', [0, 0, 0, 0, 1, 0, 9, ...Array(36).fill(0), 0], 'ConfirmedTick.inputs', /9 items, at most 8/);
  // A count within its maximum but more items than bytes left: refused before the loop.
  assertDecodeError('Frames', [0, 0, 0, 0, 64, 0, 0, 0], 'Frames.ticks', /64 items need at least 192 bytes, 3 left/);
  // Auth.token: u16 length prefix 4097 (max 4096).
  assertDecodeError('Auth', [0x01, 0x10, ...Array(4097).fill(0x61)], 'Auth.token', /4097 UTF-8 bytes, at most 4096/);
  assertDecodeError('RoomLeft', [9, ...ascii('ABCDEFGHI')], 'RoomLeft.code', /9 UTF-8 bytes, at most 8/);
  // RoomJoined: 7 one-byte fields (empty strings, zeros), 10 bytes of settings, then 41 members (max 40).
  assertDecodeError('RoomJoined', [...Array(17).fill(0), 41], 'RoomJoined.members', /41 items, at most 40/);
});

test('an undeclared enum value is a MessageDecodeError', () => {
  assertDecodeError('JoinRoom', [1, 0x41, 1, 0x62, 2], 'JoinRoom.role', /2 is not a Role/);
  assertDecodeError('RoomRequestFailed', [4, 0, 0, 0], 'RoomRequestFailed.error', /0 is not a RoomError/);
  assertDecodeError('RoomRequestFailed', [4, 0, 12, 0], 'RoomRequestFailed.error', /12 is not a RoomError/);
  assert.deepEqual(decodeById('RoomRequestFailed', [4, 0, 10, 0]), { type: 'RoomRequestFailed', request: 4, error: 10, message: '' });
});

test('a bool byte other than 0 or 1 is a MessageDecodeError', () => {
  assert.deepEqual(decodeById('SeatLagging', [3, 0]), { type: 'SeatLagging', seat: 3, lagging: false });
  assert.deepEqual(decodeById('SeatLagging', [3, 1]), { type: 'SeatLagging', seat: 3, lagging: true });
  assertDecodeError('SeatLagging', [3, 2], 'SeatLagging.lagging', /bool byte is 2/);
  assertDecodeError('SeatLagging', [3, 255], 'SeatLagging.lagging', /bool byte is 255/);
});

test('invalid UTF-8 is a MessageDecodeError, not U+FFFD', () => {
  const invalid = [
    [0xff],
    [0xc0, 0x80], // overlong NUL
    [0xed, 0xa0, 0x80], // an encoded surrogate
    [0xe2, 0x82], // cut-off € (E2 82 AC)
    [0x80], // lone continuation byte
    [0xf4, 0x90, 0x80, 0x80], // past U+10FFFF
  ];
  for (const bytes of invalid) assertDecodeError('RoomLeft', [bytes.length, ...bytes], 'RoomLeft.code', /not valid UTF-8/);
  // A leading BOM is content, not dropped.
  assert.deepEqual(decodeById('RoomLeft', [4, 0xef, 0xbb, 0xbf, 0x41]), { type: 'RoomLeft', code: '\ufeffA' });
});

test('a type id of no message, or of the other direction, is an UnknownMessageTypeError', () => {
  const input = encodePayload({ type: 'Input', tick: 1, input: 2, clientTime: 3 });
  for (const typeId of [0, 11, 63, MessageType.Welcome, MessageType.RoomLeft, 65535]) {
    assert.throws(
      () => decodeClientPayload(typeId, input),
      (error: unknown) => error instanceof UnknownMessageTypeError && error.typeId === typeId && error.direction === 'client',
    );
  }
  for (const typeId of [0, MessageType.Auth, MessageType.Input, 76]) {
    assert.throws(() => decodeRelayPayload(typeId, input), UnknownMessageTypeError);
  }
});
