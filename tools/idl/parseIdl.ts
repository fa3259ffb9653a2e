// Recursive-descent parser: tokens → syntax tree, names still unresolved (buildSchema resolves and
// checks them). Grammar (docs/protocol.md has the prose):
//
//   file     = "protocol" Name "version" Int ";" { decl }
//   decl     = { doc } ( const | enum | struct | message )
//   const    = "const" name ":" intType "=" Int ";"
//   enum     = "enum" Name ":" intType "{" { { doc } name "=" Int ";" } "}"
//   struct   = "struct" Name "{" { field } "}"
//   message  = "message" Name "=" Int ( "client" | "relay" ) "{" { field } "}"
//   field    = { doc } name ":" type ";"
//   type     = ( "string" "(" size ")" | typeName ) [ "[" size "]" ]
//   size     = Int | constName

import { IdlError, type SourcePosition } from './IdlError.ts';
import type { Token } from './tokenize.ts';

/** A maximum: a literal or the name of a constant. */
export type SizeSyntax = (SourcePosition & { kind: 'literal'; value: number }) | (SourcePosition & { kind: 'constant'; name: string });

export type TypeSyntax =
  | (SourcePosition & { kind: 'named'; name: string })
  | (SourcePosition & { kind: 'string'; max: SizeSyntax })
  | (SourcePosition & { kind: 'array'; element: TypeSyntax; max: SizeSyntax });

export interface FieldSyntax extends SourcePosition {
  name: string;
  type: TypeSyntax;
  doc: string[];
}

export interface EnumMemberSyntax extends SourcePosition {
  name: string;
  value: number;
  valueAt: SourcePosition;
  doc: string[];
}

export type DeclSyntax = SourcePosition & { name: string; doc: string[] } & (
    | { kind: 'const'; type: string; typeAt: SourcePosition; value: number; valueAt: SourcePosition }
    | { kind: 'enum'; underlying: string; underlyingAt: SourcePosition; members: EnumMemberSyntax[] }
    | { kind: 'struct'; fields: FieldSyntax[] }
    | { kind: 'message'; id: number; idAt: SourcePosition; direction: 'client' | 'relay'; fields: FieldSyntax[] }
  );

export interface IdlSyntax {
  protocol: string;
  version: number;
  versionAt: SourcePosition;
  decls: DeclSyntax[];
}

export function parseIdl(tokens: readonly Token[], file: string): IdlSyntax {
  let index = 0;

  const peek = (): Token => tokens[index]!;
  const next = (): Token => tokens[index++]!;
  const fail = (at: SourcePosition, message: string): never => {
    throw new IdlError([{ file, line: at.line, col: at.col, message }]);
  };
  const describe = (token: Token): string => (token.kind === 'end' ? 'end of file' : `'${token.text}'`);

  function expect(text: string): Token {
    const token = next();
    if (token.text !== text || token.kind === 'doc') fail(token, `expected '${text}', found ${describe(token)}`);
    return token;
  }

  function identifier(what: string): Token {
    const token = next();
    if (token.kind !== 'identifier') fail(token, `expected ${what}, found ${describe(token)}`);
    return token;
  }

  function integer(what: string): { value: number; at: Token } {
    const token = next();
    if (token.kind !== 'integer') fail(token, `expected ${what} (an integer), found ${describe(token)}`);
    const negative = token.text.startsWith('-');
    const digits = negative ? token.text.slice(1) : token.text;
    const value = Number(digits) * (negative ? -1 : 1);
    if (!Number.isSafeInteger(value)) fail(token, `${token.text} is too large`);
    return { value, at: token };
  }

  function docs(): string[] {
    const lines: string[] = [];
    while (peek().kind === 'doc') lines.push(next().text);
    return lines;
  }

  function size(what: string): SizeSyntax {
    const token = peek();
    if (token.kind === 'identifier') return { kind: 'constant', name: next().text, line: token.line, col: token.col };
    if (token.kind !== 'integer') {
      fail(token, `${what} needs a maximum: a number or a constant, found ${describe(token)}`);
    }
    return { kind: 'literal', value: integer('a maximum').value, line: token.line, col: token.col };
  }

  function type(): TypeSyntax {
    const start = identifier('a type');
    let parsed: TypeSyntax;
    if (start.text === 'string') {
      if (peek().text !== '(') fail(peek(), "string needs a maximum length in bytes: string(N)");
      next();
      parsed = { kind: 'string', max: size('string(N)'), line: start.line, col: start.col };
      expect(')');
    } else {
      parsed = { kind: 'named', name: start.text, line: start.line, col: start.col };
    }
    if (peek().text === '[') {
      next();
      parsed = { kind: 'array', element: parsed, max: size('an array T[N]'), line: start.line, col: start.col };
      expect(']');
      if (peek().text === '[') fail(peek(), 'arrays of arrays are not supported: wrap the inner array in a struct');
    }
    return parsed;
  }

  function fields(): FieldSyntax[] {
    const list: FieldSyntax[] = [];
    expect('{');
    for (let doc = docs(); peek().text !== '}'; doc = docs()) {
      const name = identifier('a field name or }');
      expect(':');
      list.push({ name: name.text, type: type(), doc, line: name.line, col: name.col });
      expect(';');
    }
    next();
    return list;
  }

  function enumMembers(): EnumMemberSyntax[] {
    const list: EnumMemberSyntax[] = [];
    expect('{');
    for (let doc = docs(); peek().text !== '}'; doc = docs()) {
      const name = identifier('an enum member or }');
      expect('=');
      const { value, at } = integer('the member value');
      expect(';');
      list.push({ name: name.text, value, valueAt: at, doc, line: name.line, col: name.col });
    }
    next();
    return list;
  }

  function decl(doc: string[]): DeclSyntax {
    const keyword = next();
    switch (keyword.text) {
      case 'const': {
        const name = identifier('a constant name');
        expect(':');
        const typeToken = identifier('an integer type');
        expect('=');
        const { value, at } = integer('the constant value');
        expect(';');
        return { kind: 'const', name: name.text, doc, type: typeToken.text, typeAt: typeToken, value, valueAt: at, line: keyword.line, col: keyword.col };
      }
      case 'enum': {
        const name = identifier('an enum name');
        expect(':');
        const underlying = identifier('an integer type');
        return { kind: 'enum', name: name.text, doc, underlying: underlying.text, underlyingAt: underlying, members: enumMembers(), line: name.line, col: name.col };
      }
      case 'struct': {
        const name = identifier('a struct name');
        return { kind: 'struct', name: name.text, doc, fields: fields(), line: name.line, col: name.col };
      }
      case 'message': {
        const name = identifier('a message name');
        expect('=');
        const { value: id, at } = integer('the message type id');
        const direction = next();
        if (direction.text !== 'client' && direction.text !== 'relay') {
          fail(direction, `expected the direction 'client' or 'relay', found ${describe(direction)}`);
        }
        return {
          kind: 'message',
          name: name.text,
          doc,
          id,
          idAt: at,
          direction: direction.text as 'client' | 'relay',
          fields: fields(),
          line: name.line,
          col: name.col,
        };
      }
      default:
        return fail(keyword, `expected 'const', 'enum', 'struct' or 'message', found ${describe(keyword)}`);
    }
  }

  docs(); // a file-level doc comment documents nothing
  expect('protocol');
  const protocol = identifier('the protocol name').text;
  expect('version');
  const { value: version, at: versionAt } = integer('the protocol version');
  expect(';');
  const decls: DeclSyntax[] = [];
  for (let doc = docs(); peek().kind !== 'end'; doc = docs()) decls.push(decl(doc));
  return { protocol, version, versionAt, decls };
}
