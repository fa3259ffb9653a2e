// Syntax tree → validated schema. Reports every problem it finds (not just the first), each at
// its position: names (case, clashes, duplicates), types that do not exist or cannot be fields,
// maxima, ranges of constants, enum values and ids, and structs that contain themselves.

import { type Diagnostic, IdlError, type SourcePosition } from './IdlError.ts';
import type { DeclSyntax, FieldSyntax, IdlSyntax, SizeSyntax, TypeSyntax } from './parseIdl.ts';
import {
  type ConstantDef,
  type EnumDef,
  type Field,
  INTEGER_RANGE,
  type IntegerKind,
  type Maximum,
  type MessageDef,
  type Schema,
  type StructDef,
  type WireType,
  isIntegerKind,
  isScalarKind,
  prefixFor,
} from './schema.ts';

const TYPE_NAME = /^[A-Z][A-Za-z0-9]*$/;
const MEMBER_NAME = /^[a-z][A-Za-z0-9]*$/;
const MAX_LIMIT = 0xffffffff;
/** Generated code tags each message object with `type: 'Name'`. */
const RESERVED_MESSAGE_FIELD = 'type';

export function buildSchema(syntax: IdlSyntax, file: string): Schema {
  const diagnostics: Diagnostic[] = [];
  const report = (at: SourcePosition, message: string): void => {
    diagnostics.push({ file, line: at.line, col: at.col, message });
  };

  if (syntax.version < 1 || syntax.version > 0xff) report(syntax.versionAt, 'the protocol version must be 1..255 (a frame header byte)');

  const declared = new Map<string, DeclSyntax>();
  for (const decl of syntax.decls) {
    const pattern = decl.kind === 'const' ? MEMBER_NAME : TYPE_NAME;
    if (!pattern.test(decl.name)) {
      report(decl, `${decl.kind} name '${decl.name}' must be ${decl.kind === 'const' ? 'lowerCamelCase' : 'PascalCase'}`);
    }
    const earlier = declared.get(decl.name);
    if (earlier) report(decl, `name clash: '${decl.name}' is already declared at ${earlier.line}:${earlier.col} (${earlier.kind})`);
    else if (isScalarKind(decl.name) || decl.name === 'string') report(decl, `name clash: '${decl.name}' is a built-in type`);
    else declared.set(decl.name, decl);
  }

  const constants: ConstantDef[] = [];
  const enums: EnumDef[] = [];
  const structs: StructDef[] = [];
  const messages: MessageDef[] = [];
  const messageIds = new Map<number, DeclSyntax>();

  for (const decl of syntax.decls) {
    switch (decl.kind) {
      case 'const': {
        const type = integerKind(decl.type, decl.typeAt);
        if (type) checkRange(decl.value, type, decl.valueAt, `constant ${decl.name}`);
        constants.push({ name: decl.name, type: type ?? 'u32', value: decl.value, doc: decl.doc });
        break;
      }
      case 'enum': {
        const underlying = integerKind(decl.underlying, decl.underlyingAt);
        if (decl.members.length === 0) report(decl, `enum ${decl.name} has no members`);
        const names = new Map<string, SourcePosition>();
        const values = new Map<number, string>();
        for (const member of decl.members) {
          if (!MEMBER_NAME.test(member.name)) report(member, `enum member '${member.name}' must be lowerCamelCase`);
          const sameName = names.get(member.name);
          if (sameName) report(member, `duplicate member '${member.name}' in enum ${decl.name} (first at ${sameName.line}:${sameName.col})`);
          names.set(member.name, member);
          const sameValue = values.get(member.value);
          if (sameValue !== undefined) report(member.valueAt, `duplicate value ${member.value} in enum ${decl.name} (${sameValue} has it)`);
          else values.set(member.value, member.name);
          if (underlying) checkRange(member.value, underlying, member.valueAt, `${decl.name}.${member.name}`);
        }
        enums.push({
          name: decl.name,
          underlying: underlying ?? 'u32',
          members: decl.members.map(({ name, value, doc }) => ({ name, value, doc })),
          doc: decl.doc,
        });
        break;
      }
      case 'struct':
        structs.push({ name: decl.name, fields: fields(decl.name, decl.fields, false), doc: decl.doc });
        break;
      case 'message': {
        const earlier = messageIds.get(decl.id);
        if (earlier) report(decl.idAt, `duplicate message id ${decl.id}: ${earlier.name} (at ${earlier.line}:${earlier.col}) has it`);
        else messageIds.set(decl.id, decl);
        checkRange(decl.id, 'u16', decl.idAt, `message id of ${decl.name}`);
        messages.push({ name: decl.name, id: decl.id, direction: decl.direction, fields: fields(decl.name, decl.fields, true), doc: decl.doc });
        break;
      }
    }
  }

  reportContainmentCycles();
  if (diagnostics.length > 0) {
    diagnostics.sort((a, b) => a.line - b.line || a.col - b.col);
    throw new IdlError(diagnostics);
  }
  return { source: file, protocol: syntax.protocol, version: syntax.version, constants, enums, structs, messages };

  function integerKind(name: string, at: SourcePosition): IntegerKind | undefined {
    if (isIntegerKind(name)) return name;
    report(at, `'${name}' is not an integer type (u8, u16, u32, i8, i16, i32)`);
    return undefined;
  }

  function checkRange(value: number, type: IntegerKind, at: SourcePosition, what: string): void {
    const { min, max } = INTEGER_RANGE[type];
    if (value < min || value > max) report(at, `${what} = ${value} is out of the ${type} range ${min}..${max}`);
  }

  function fields(owner: string, list: readonly FieldSyntax[], isMessage: boolean): Field[] {
    const seen = new Map<string, SourcePosition>();
    return list.map((field) => {
      if (!MEMBER_NAME.test(field.name)) report(field, `field name '${field.name}' must be lowerCamelCase`);
      if (isMessage && field.name === RESERVED_MESSAGE_FIELD) {
        report(field, `'${RESERVED_MESSAGE_FIELD}' is reserved in messages (generated code tags each message with it)`);
      }
      const earlier = seen.get(field.name);
      if (earlier) report(field, `duplicate field '${field.name}' in ${owner} (first at ${earlier.line}:${earlier.col})`);
      seen.set(field.name, field);
      return { name: field.name, type: resolve(field.type), doc: field.doc };
    });
  }

  function resolve(type: TypeSyntax): WireType {
    switch (type.kind) {
      case 'string': {
        const maxBytes = maximum(type.max);
        return { kind: 'string', maxBytes, prefix: prefixFor(maxBytes.value) };
      }
      case 'array': {
        const maxCount = maximum(type.max);
        return { kind: 'array', element: resolve(type.element), maxCount, prefix: prefixFor(maxCount.value) };
      }
      case 'named': {
        if (isScalarKind(type.name)) return { kind: 'scalar', scalar: type.name };
        const decl = declared.get(type.name);
        if (decl?.kind === 'enum') {
          return { kind: 'enum', name: decl.name, underlying: isIntegerKind(decl.underlying) ? decl.underlying : 'u32' };
        }
        if (decl?.kind === 'struct') return { kind: 'struct', name: decl.name };
        if (decl) report(type, `'${type.name}' is a ${decl.kind}, not a type a field can have`);
        else report(type, `unknown type '${type.name}'`);
        return { kind: 'scalar', scalar: 'u8' };
      }
    }
  }

  function maximum(size: SizeSyntax): Maximum {
    let max: Maximum;
    if (size.kind === 'literal') {
      max = { value: size.value };
    } else {
      const decl = declared.get(size.name);
      if (decl?.kind !== 'const') {
        report(size, decl ? `'${size.name}' is a ${decl.kind}, not a constant` : `unknown constant '${size.name}'`);
        return { value: 1 };
      }
      max = { value: decl.value, constant: decl.name };
    }
    if (max.value < 1 || max.value > MAX_LIMIT) report(size, `a maximum must be 1..${MAX_LIMIT}, not ${max.value}`);
    return max;
  }

  /** A struct that contains itself (directly or through others) has no finite encoding. */
  function reportContainmentCycles(): void {
    const byName = new Map(structs.map((struct) => [struct.name, struct]));
    const reaches = (from: string, target: string, seen: Set<string>): boolean =>
      (byName.get(from)?.fields ?? []).some((field) =>
        containedStructs(field.type).some((name) => name === target || (!seen.has(name) && seen.add(name) && reaches(name, target, seen))),
      );
    for (const struct of structs) {
      if (reaches(struct.name, struct.name, new Set())) report(declared.get(struct.name)!, `struct ${struct.name} contains itself`);
    }
  }
}

function containedStructs(type: WireType): string[] {
  if (type.kind === 'struct') return [type.name];
  if (type.kind === 'array') return containedStructs(type.element);
  return [];
}
