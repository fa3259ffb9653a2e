// IDL text → every generated file. One list, so `npm run idl` writes and `--check` compares the
// same set: adding a language target means adding its emitter here.

import { buildSchema } from './buildSchema.ts';
import { emitReference } from './emitReference.ts';
import { emitTypeScript } from './emitTypeScript.ts';
import { parseIdl } from './parseIdl.ts';
import type { Schema } from './schema.ts';
import { tokenize } from './tokenize.ts';

export interface GeneratedFile {
  /** Relative to the repository root. */
  path: string;
  content: string;
}

/** `source`: the IDL's path relative to the repository root (for errors and headers). Throws IdlError. */
export function loadSchema(text: string, source: string): Schema {
  return buildSchema(parseIdl(tokenize(text, source), source), source);
}

export function generate(text: string, source: string): GeneratedFile[] {
  const schema = loadSchema(text, source);
  return [
    { path: `protocol/generated/${schema.protocol}.ts`, content: emitTypeScript(schema, '../wire.ts') },
    { path: 'docs/protocol-reference.md', content: emitReference(schema) },
  ];
}
