// The TypeScript emitter on an IDL that uses every construct the grammar allows
// (test/fixtures/protocol/coverage.idl): the generated module is loaded and run, so paths that
// tessera.idl does not exercise yet (signed scalars, f32, u16/u32 prefixes, arrays of strings and
// enums, reserved-word field names) are proven before a message needs them.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { loadSchema } from '../tools/idl/generate.ts';
import { emitTypeScript } from '../tools/idl/emitTypeScript.ts';
import { fieldsSize } from '../tools/idl/schema.ts';
import { MessageDecodeError, MessageEncodeError } from '../protocol/wire.ts';
import { encodeViolations, extremeMessage } from './fixtures/protocol/schemaSamples.ts';

interface GeneratedModule {
  encodePayload(message: unknown): Uint8Array;
  decodeClientPayload(typeId: number, payload: Uint8Array): unknown;
  decodeRelayPayload(typeId: number, payload: Uint8Array): unknown;
}

const schema = loadSchema(readFileSync(new URL('./fixtures/protocol/coverage.idl', import.meta.url), 'utf8'), 'coverage.idl');

async function loadGenerated(): Promise<GeneratedModule> {
  const dir = mkdtempSync(join(tmpdir(), 'tessera-idl-'));
  try {
    // .mts: outside the package, a .ts file would load as CommonJS with its own copy of wire.ts.
    const file = join(dir, 'coverage.mts');
    writeFileSync(file, emitTypeScript(schema, new URL('../protocol/wire.ts', import.meta.url).href));
    return (await import(pathToFileURL(file).href)) as GeneratedModule;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

test('generated code round-trips every construct at both extremes, at the predicted size', async () => {
  const generated = await loadGenerated();
  for (const def of schema.messages) {
    const size = fieldsSize(def.fields, schema);
    for (const extreme of ['min', 'max'] as const) {
      const message = extremeMessage(schema, def, extreme);
      const payload = generated.encodePayload(message);
      assert.equal(payload.length, size[extreme], `${def.name} ${extreme}`);
      const decode = def.direction === 'client' ? generated.decodeClientPayload : generated.decodeRelayPayload;
      assert.deepEqual(decode(def.id, payload), message, `${def.name} ${extreme}`);
    }
  }
});

test('generated code refuses every value past a limit, naming the field', async () => {
  const generated = await loadGenerated();
  for (const def of schema.messages) {
    for (const violation of encodeViolations(schema, def)) {
      assert.throws(
        () => generated.encodePayload(violation.message),
        (error: unknown) => error instanceof MessageEncodeError && error.field === violation.label,
        `${violation.label} = ${violation.what}`,
      );
    }
  }
});

test('u16 and u32 prefixes are read as such, and checked against the maximum', async () => {
  const generated = await loadGenerated();
  // Prefixes: longText (u16) 301 bytes > maxNames.
  assert.throws(() => generated.decodeClientPayload(2, Uint8Array.from([0x2d, 0x01])), (error: unknown) =>
    error instanceof MessageDecodeError && error.field === 'Prefixes.longText' && /301 UTF-8 bytes, at most 300/.test(error.message),
  );
  // longText empty, huge empty (u32 prefix), blob count 70001 (u32 prefix).
  const overBlob = Uint8Array.from([0, 0, 0, 0, 0, 0, 0x71, 0x11, 0x01, 0x00]);
  assert.throws(() => generated.decodeClientPayload(2, overBlob), /Prefixes.blob: 70001 items, at most 70000/);
  // A signed enum decodes its negative member and refuses an undeclared value.
  const levels = (level: number): Uint8Array => Uint8Array.from([0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, level]);
  assert.deepEqual(generated.decodeClientPayload(2, levels(0x80)), { type: 'Prefixes', longText: '', huge: '', blob: new Uint8Array(0), levels: [-128] });
  assert.throws(() => generated.decodeClientPayload(2, levels(0xff)), /Prefixes.levels: -1 is not a Level/);
});
