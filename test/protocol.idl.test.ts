// The IDL front end (tools/idl/): bad input is reported at file:line:col with a message that says
// what is wrong; the real tessera.idl yields the schema the codecs are generated from.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { generate, loadSchema } from '../tools/idl/generate.ts';
import { IdlError } from '../tools/idl/IdlError.ts';

const HEADER = 'protocol demo version 1;\n';

/** The formatted errors for `body` (lines counted from 1 at the protocol line). */
function errorsOf(body: string): string[] {
  try {
    loadSchema(HEADER + body, 'demo.idl');
  } catch (error) {
    assert.ok(error instanceof IdlError, String(error));
    return error.message.split('\n');
  }
  assert.fail('no error');
}

test('a duplicate message id is reported at the second id, naming the first message', () => {
  assert.deepEqual(errorsOf('message A = 1 client {\n}\nmessage B = 1 relay {\n}\n'), [
    'demo.idl:4:13: duplicate message id 1: A (at 2:9) has it',
  ]);
});

test('an unknown type is reported where it is used', () => {
  assert.deepEqual(errorsOf('struct S {\n  a: u8;\n  b: Vec3;\n}\n'), ["demo.idl:4:6: unknown type 'Vec3'"]);
  assert.deepEqual(errorsOf('message M = 1 client {\n  n: u64;\n}\n'), ["demo.idl:3:6: unknown type 'u64'"]);
});

test('a string or array without a maximum is reported', () => {
  assert.deepEqual(errorsOf('message M = 1 client {\n  name: string;\n}\n'), [
    'demo.idl:3:15: string needs a maximum length in bytes: string(N)',
  ]);
  assert.deepEqual(errorsOf('message M = 1 client {\n  ids: u32[];\n}\n'), [
    "demo.idl:3:12: an array T[N] needs a maximum: a number or a constant, found ']'",
  ]);
  assert.deepEqual(errorsOf('message M = 1 client {\n  ids: u32[0];\n  s: string(5000000000);\n}\n'), [
    'demo.idl:3:12: a maximum must be 1..4294967295, not 0',
    'demo.idl:4:13: a maximum must be 1..4294967295, not 5000000000',
  ]);
  assert.deepEqual(errorsOf('message M = 1 client {\n  ids: u32[limit];\n}\n'), ["demo.idl:3:12: unknown constant 'limit'"]);
});

test('a name declared twice, or a built-in name, is a clash', () => {
  assert.deepEqual(errorsOf('enum Color : u8 {\n  red = 0;\n}\nstruct Color {\n}\n'), [
    "demo.idl:5:8: name clash: 'Color' is already declared at 2:6 (enum)",
  ]);
  assert.deepEqual(errorsOf('const bool: u8 = 1;\n'), ["demo.idl:2:1: name clash: 'bool' is a built-in type"]);
});

test('duplicates inside a declaration are reported at the repeat', () => {
  assert.deepEqual(errorsOf('struct S {\n  a: u8;\n  a: u16;\n}\n'), ["demo.idl:4:3: duplicate field 'a' in S (first at 3:3)"]);
  assert.deepEqual(errorsOf('enum E : u8 {\n  a = 1;\n  b = 1;\n  a = 2;\n}\n'), [
    'demo.idl:4:7: duplicate value 1 in enum E (a has it)',
    "demo.idl:5:3: duplicate member 'a' in enum E (first at 3:3)",
  ]);
});

test('values out of their declared range are reported', () => {
  assert.deepEqual(errorsOf('const big: u8 = 256;\nenum E : i8 {\n  low = -129;\n}\nmessage M = 70000 client {\n}\n'), [
    'demo.idl:2:17: constant big = 256 is out of the u8 range 0..255',
    'demo.idl:4:9: E.low = -129 is out of the i8 range -128..127',
    'demo.idl:6:13: message id of M = 70000 is out of the u16 range 0..65535',
  ]);
});

test('names follow the case rules, and messages keep `type` free for the generated tag', () => {
  assert.deepEqual(errorsOf('struct point {\n  X: u8;\n}\nmessage M = 1 client {\n  type: u8;\n}\n'), [
    "demo.idl:2:8: struct name 'point' must be PascalCase",
    "demo.idl:3:3: field name 'X' must be lowerCamelCase",
    "demo.idl:6:3: 'type' is reserved in messages (generated code tags each message with it)",
  ]);
});

test('a message or constant used as a field type, and a struct containing itself, are reported', () => {
  assert.deepEqual(
    errorsOf('const k: u8 = 1;\nmessage M = 1 client {\n}\nstruct A {\n  m: M;\n  k: k;\n  b: B[2];\n}\nstruct B {\n  a: A;\n}\n'),
    [
      'demo.idl:5:8: struct A contains itself',
      "demo.idl:6:6: 'M' is a message, not a type a field can have",
      "demo.idl:7:6: 'k' is a const, not a type a field can have",
      'demo.idl:10:8: struct B contains itself',
    ],
  );
});

test('syntax errors stop at the first one, with its position', () => {
  assert.deepEqual(errorsOf('message M = 1 server {\n}\n'), ["demo.idl:2:15: expected the direction 'client' or 'relay', found 'server'"]);
  assert.deepEqual(errorsOf('struct S {\n  a: u8\n}\n'), ["demo.idl:4:1: expected ';', found '}'"]);
  assert.deepEqual(errorsOf('struct S {\n  a: u8; @\n}\n'), ["demo.idl:3:10: unexpected character '@'"]);
  assert.deepEqual(errorsOf('struct S {\n  a: u8[2][3];\n}\n'), ['demo.idl:3:11: arrays of arrays are not supported: wrap the inner array in a struct']);
  assert.deepEqual(errorsOf('struct S {\n'), ["demo.idl:3:1: expected a field name or }, found end of file"]);
  assert.throws(() => loadSchema('message M = 1 client {\n}\n', 'demo.idl'), /demo.idl:1:1: expected 'protocol', found 'message'/);
});

test('tessera.idl: ids, directions, doc comments and resolved maxima reach the schema', () => {
  const schema = loadSchema(readFileSync(new URL('../protocol/tessera.idl', import.meta.url), 'utf8'), 'protocol/tessera.idl');
  assert.equal(schema.version, 1);
  assert.deepEqual(
    schema.messages.map((message) => `${message.id} ${message.direction} ${message.name}`).slice(0, 2),
    ['1 client Auth', '2 client Ping'],
  );
  assert.equal(schema.messages.length, 22);
  const tick = schema.structs.find((struct) => struct.name === 'ConfirmedTick')!;
  assert.deepEqual(tick.fields[1], {
    name: 'inputs',
    type: { kind: 'array', element: { kind: 'scalar', scalar: 'u32' }, maxCount: { value: 8, constant: 'maxSeats' }, prefix: 'u8' },
    doc: ['One packed input per seat (see host/input.ts); 0 for an empty seat.'],
  });
  const auth = schema.messages.find((message) => message.name === 'Auth')!;
  assert.deepEqual(auth.fields[0]!.type, { kind: 'string', maxBytes: { value: 4096 }, prefix: 'u16' });
});

test('generate() names its outputs after the protocol, each marked as generated from the IDL', () => {
  const files = generate(readFileSync(new URL('../protocol/tessera.idl', import.meta.url), 'utf8'), 'protocol/tessera.idl');
  assert.deepEqual(files.map((file) => file.path), ['protocol/generated/tessera.ts', 'docs/protocol-reference.md']);
  for (const file of files) assert.match(file.content.split('\n')[0]!, /GENERATED by `npm run idl` from protocol\/tessera.idl/);
});
