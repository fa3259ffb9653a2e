// The validated, language-neutral schema every emitter works from: names resolved, every integer
// width, maximum, prefix width and message id explicit. An emitter for a new language (C#, C++)
// reads only this; it never looks at IDL text.

export type IntegerKind = 'u8' | 'u16' | 'u32' | 'i8' | 'i16' | 'i32';
export type ScalarKind = IntegerKind | 'f32' | 'f64' | 'bool';
/** Width of a string's length or an array's count: u8 for maxima ≤ 255, u16 ≤ 65535, else u32. */
export type PrefixKind = 'u8' | 'u16' | 'u32';

export const SCALAR_BYTES: Readonly<Record<ScalarKind, 1 | 2 | 4 | 8>> = {
  u8: 1,
  u16: 2,
  u32: 4,
  i8: 1,
  i16: 2,
  i32: 4,
  f32: 4,
  f64: 8,
  bool: 1,
};

export const INTEGER_RANGE: Readonly<Record<IntegerKind, { min: number; max: number }>> = {
  u8: { min: 0, max: 0xff },
  u16: { min: 0, max: 0xffff },
  u32: { min: 0, max: 0xffffffff },
  i8: { min: -0x80, max: 0x7f },
  i16: { min: -0x8000, max: 0x7fff },
  i32: { min: -0x80000000, max: 0x7fffffff },
};

export function isIntegerKind(name: string): name is IntegerKind {
  return Object.hasOwn(INTEGER_RANGE, name);
}

export function isScalarKind(name: string): name is ScalarKind {
  return Object.hasOwn(SCALAR_BYTES, name);
}

export function prefixFor(max: number): PrefixKind {
  return max <= 0xff ? 'u8' : max <= 0xffff ? 'u16' : 'u32';
}

/** A maximum as declared: its value, and the constant's name when it was given by one. */
export interface Maximum {
  value: number;
  constant?: string;
}

export type WireType =
  | { kind: 'scalar'; scalar: ScalarKind }
  | { kind: 'enum'; name: string; underlying: IntegerKind }
  | { kind: 'struct'; name: string }
  | { kind: 'string'; maxBytes: Maximum; prefix: PrefixKind }
  /** `element` is never itself an array. */
  | { kind: 'array'; element: WireType; maxCount: Maximum; prefix: PrefixKind };

export interface Field {
  name: string;
  type: WireType;
  doc: string[];
}

export interface StructDef {
  name: string;
  fields: Field[];
  doc: string[];
}

export type Direction = 'client' | 'relay';

export interface MessageDef extends StructDef {
  /** The frame header's type id (u16). */
  id: number;
  /** client: client → relay; relay: relay → client. */
  direction: Direction;
}

export interface EnumMember {
  name: string;
  value: number;
  doc: string[];
}

export interface EnumDef {
  name: string;
  underlying: IntegerKind;
  members: EnumMember[];
  doc: string[];
}

export interface ConstantDef {
  name: string;
  type: IntegerKind;
  value: number;
  doc: string[];
}

export interface Schema {
  /** The IDL file, relative to the repository root (named in generated headers). */
  source: string;
  protocol: string;
  /** The frame header's version byte. */
  version: number;
  constants: ConstantDef[];
  enums: EnumDef[];
  /** In declaration order; a struct never contains itself. */
  structs: StructDef[];
  messages: MessageDef[];
}

/** Smallest and largest encoding of a type, in bytes. */
export function wireSize(type: WireType, schema: Schema): { min: number; max: number } {
  switch (type.kind) {
    case 'scalar':
      return fixed(SCALAR_BYTES[type.scalar]);
    case 'enum':
      return fixed(SCALAR_BYTES[type.underlying]);
    case 'string': {
      const prefix = SCALAR_BYTES[type.prefix];
      return { min: prefix, max: prefix + type.maxBytes.value };
    }
    case 'array': {
      const prefix = SCALAR_BYTES[type.prefix];
      const element = wireSize(type.element, schema);
      return { min: prefix, max: prefix + type.maxCount.value * element.max };
    }
    case 'struct':
      return fieldsSize(structNamed(schema, type.name).fields, schema);
  }
}

export function fieldsSize(fields: readonly Field[], schema: Schema): { min: number; max: number } {
  let min = 0;
  let max = 0;
  for (const field of fields) {
    const size = wireSize(field.type, schema);
    min += size.min;
    max += size.max;
  }
  return { min, max };
}

export function structNamed(schema: Schema, name: string): StructDef {
  const found = schema.structs.find((struct) => struct.name === name);
  if (!found) throw new Error(`schema has no struct ${name}`);
  return found;
}

function fixed(bytes: number): { min: number; max: number } {
  return { min: bytes, max: bytes };
}
