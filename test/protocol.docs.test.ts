// docs/protocol.md is hand-written around a close-code table; this keeps the table equal to the
// IDL's CloseCode enum, so the docs cannot drift (the rest of the reference is generated).

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { CloseCode } from '../protocol/generated/tessera.ts';

test('the close-code table in docs/protocol.md lists exactly the CloseCode enum', () => {
  const doc = readFileSync(new URL('../docs/protocol.md', import.meta.url), 'utf8');
  const rows = [...doc.matchAll(/^\| (\d{4}) \| (\w+) \|/gm)].map((row) => [row[2]!, Number(row[1])]);
  assert.deepEqual(rows, Object.entries(CloseCode));
});
