// Splits IDL text into tokens with their positions. `//` comments are dropped; `///` comments are
// kept as doc tokens because they document the declaration, field or member that follows.

import { IdlError, type SourcePosition } from './IdlError.ts';

export type TokenKind = 'identifier' | 'integer' | 'punctuation' | 'doc' | 'end';

export interface Token extends SourcePosition {
  kind: TokenKind;
  text: string;
}

const PUNCTUATION = new Set([';', ':', '=', '{', '}', '(', ')', '[', ']']);
const IDENTIFIER = /[A-Za-z_][A-Za-z0-9_]*/y;
// Decimal or hex; a leading '-' belongs to the literal (enum values and constants may be signed).
const INTEGER = /-?(?:0x[0-9A-Fa-f]+|[0-9]+)(?![A-Za-z0-9_])/y;

export function tokenize(text: string, file: string): Token[] {
  const tokens: Token[] = [];
  let offset = 0;
  let line = 1;
  let lineStart = 0;
  while (offset < text.length) {
    const char = text[offset]!;
    const col = offset - lineStart + 1;
    if (char === '\n') {
      offset++;
      line++;
      lineStart = offset;
    } else if (char === ' ' || char === '\t' || char === '\r') {
      offset++;
    } else if (text.startsWith('//', offset)) {
      const end = text.indexOf('\n', offset) === -1 ? text.length : text.indexOf('\n', offset);
      if (text.startsWith('///', offset)) tokens.push({ kind: 'doc', text: text.slice(offset + 3, end).trim(), line, col });
      offset = end;
    } else if (PUNCTUATION.has(char)) {
      tokens.push({ kind: 'punctuation', text: char, line, col });
      offset++;
    } else {
      const integer = matchAt(INTEGER, text, offset);
      const word = integer ?? matchAt(IDENTIFIER, text, offset);
      if (word === undefined) throw new IdlError([{ file, line, col, message: `unexpected character '${char}'` }]);
      tokens.push({ kind: integer === undefined ? 'identifier' : 'integer', text: word, line, col });
      offset += word.length;
    }
  }
  tokens.push({ kind: 'end', text: 'end of file', line, col: offset - lineStart + 1 });
  return tokens;
}

function matchAt(pattern: RegExp, text: string, offset: number): string | undefined {
  pattern.lastIndex = offset;
  return pattern.exec(text)?.[0];
}
