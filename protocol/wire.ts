// Primitive reads and writes of the wire format (little-endian, length-prefixed UTF-8, counted
// arrays) that the generated codecs in generated/ are made of, and the errors they throw. Every
// check lives here once, so the generated code stays a flat list of calls, one per field.
// `field` arguments are constant strings like 'Input.tick': errors name what was wrong.

/** An outgoing message does not fit the IDL: a value out of its integer range, over a maximum. */
export class MessageEncodeError extends Error {
  override name = 'MessageEncodeError';
  constructor(
    readonly field: string,
    problem: string,
  ) {
    super(`${field}: ${problem}`);
  }
}

/** A payload does not decode as its message type. */
export class MessageDecodeError extends Error {
  override name = 'MessageDecodeError';
  constructor(
    readonly field: string,
    problem: string,
  ) {
    super(`${field}: ${problem}`);
  }
}

/** No message of the expected direction has this type id. */
export class UnknownMessageTypeError extends Error {
  override name = 'UnknownMessageTypeError';
  constructor(
    readonly typeId: number,
    readonly direction: 'client' | 'relay',
  ) {
    super(`no ${direction} message has type id ${typeId}`);
  }
}

/** Bytes of a length or count prefix: 1, 2 or 4 (u8, u16, u32), chosen from the maximum by the IDL. */
export type PrefixBytes = 1 | 2 | 4;

const utf8Encoder = new TextEncoder();
// fatal: invalid UTF-8 is a decode error, not U+FFFD; ignoreBOM: a leading U+FEFF is content.
const utf8Decoder = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

/** UTF-8 byte length of `value` as TextEncoder writes it (a lone surrogate becomes U+FFFD, 3 bytes),
 *  so encoders can size their buffer exactly before writing. */
export function utf8Length(value: string): number {
  let bytes = value.length;
  for (let i = 0; i < value.length; i++) {
    const unit = value.charCodeAt(i);
    if (unit < 0x80) continue;
    // 2 bytes below U+0800, else 3; a surrogate pair is 2 units and 4 bytes, so skip its low half.
    bytes += unit < 0x800 ? 1 : 2;
    if (unit >= 0xd800 && unit <= 0xdbff) {
      const next = value.charCodeAt(i + 1); // NaN past the end
      if (next >= 0xdc00 && next <= 0xdfff) i++;
    }
  }
  return bytes;
}

/** Writes into a buffer sized exactly by the caller (the generated size functions). */
export class WireWriter {
  private readonly bytes: Uint8Array;
  private readonly view: DataView;
  private offset = 0;

  constructor(size: number) {
    this.bytes = new Uint8Array(size);
    this.view = new DataView(this.bytes.buffer);
  }

  u8(value: number, field: string): void {
    if ((value & 0xff) !== value) throw outOfRange(value, 'u8', field);
    this.bytes[this.offset++] = value;
  }

  u16(value: number, field: string): void {
    if ((value & 0xffff) !== value) throw outOfRange(value, 'u16', field);
    this.view.setUint16(this.offset, value, true);
    this.offset += 2;
  }

  u32(value: number, field: string): void {
    if (value >>> 0 !== value) throw outOfRange(value, 'u32', field);
    this.view.setUint32(this.offset, value, true);
    this.offset += 4;
  }

  i8(value: number, field: string): void {
    if ((value << 24) >> 24 !== value) throw outOfRange(value, 'i8', field);
    this.view.setInt8(this.offset, value);
    this.offset += 1;
  }

  i16(value: number, field: string): void {
    if ((value << 16) >> 16 !== value) throw outOfRange(value, 'i16', field);
    this.view.setInt16(this.offset, value, true);
    this.offset += 2;
  }

  i32(value: number, field: string): void {
    if ((value | 0) !== value) throw outOfRange(value, 'i32', field);
    this.view.setInt32(this.offset, value, true);
    this.offset += 4;
  }

  f32(value: number): void {
    this.view.setFloat32(this.offset, value, true);
    this.offset += 4;
  }

  f64(value: number): void {
    this.view.setFloat64(this.offset, value, true);
    this.offset += 8;
  }

  bool(value: boolean): void {
    this.bytes[this.offset++] = value ? 1 : 0;
  }

  /** An array's count prefix; the items follow. */
  count(count: number, max: number, prefixBytes: PrefixBytes, field: string): void {
    if (count > max) throw new MessageEncodeError(field, `${count} items, at most ${max} allowed`);
    this.prefix(count, prefixBytes);
  }

  /** A `u8[N]` field: count prefix, then the bytes as they are. */
  u8Array(value: Uint8Array, max: number, prefixBytes: PrefixBytes, field: string): void {
    this.count(value.length, max, prefixBytes, field);
    this.bytes.set(value, this.offset);
    this.offset += value.length;
  }

  string(value: string, maxBytes: number, prefixBytes: PrefixBytes, field: string): void {
    const start = this.offset + prefixBytes;
    const { written } = utf8Encoder.encodeInto(value, this.bytes.subarray(start));
    if (written > maxBytes) throw new MessageEncodeError(field, `${written} UTF-8 bytes, at most ${maxBytes} allowed`);
    this.prefix(written, prefixBytes);
    this.offset = start + written;
  }

  /** The encoded payload; a mismatch with the precomputed size is a generator bug, never input's fault. */
  finish(): Uint8Array {
    if (this.offset !== this.bytes.length) {
      throw new Error(`wire size mismatch: wrote ${this.offset} bytes into a ${this.bytes.length}-byte payload`);
    }
    return this.bytes;
  }

  private prefix(value: number, prefixBytes: PrefixBytes): void {
    if (prefixBytes === 1) this.bytes[this.offset] = value;
    else if (prefixBytes === 2) this.view.setUint16(this.offset, value, true);
    else this.view.setUint32(this.offset, value, true);
    this.offset += prefixBytes;
  }
}

function outOfRange(value: number, type: string, field: string): MessageEncodeError {
  return new MessageEncodeError(field, `${value} is not a ${type}`);
}

/** Reads one payload; every read checks the bytes are there, and end() that none are left. */
export class WireReader {
  private readonly view: DataView;
  private offset = 0;

  constructor(private readonly bytes: Uint8Array) {
    this.view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  }

  u8(field: string): number {
    return this.bytes[this.take(1, field)]!;
  }

  u16(field: string): number {
    return this.view.getUint16(this.take(2, field), true);
  }

  u32(field: string): number {
    return this.view.getUint32(this.take(4, field), true);
  }

  i8(field: string): number {
    return this.view.getInt8(this.take(1, field));
  }

  i16(field: string): number {
    return this.view.getInt16(this.take(2, field), true);
  }

  i32(field: string): number {
    return this.view.getInt32(this.take(4, field), true);
  }

  f32(field: string): number {
    return this.view.getFloat32(this.take(4, field), true);
  }

  f64(field: string): number {
    return this.view.getFloat64(this.take(8, field), true);
  }

  bool(field: string): boolean {
    const value = this.u8(field);
    if (value > 1) throw new MessageDecodeError(field, `bool byte is ${value}, not 0 or 1`);
    return value === 1;
  }

  /** An array's count, checked against its maximum and against the bytes left (at `minItemBytes`
   *  each) before the caller allocates anything. */
  count(max: number, prefixBytes: PrefixBytes, minItemBytes: number, field: string): number {
    const count = this.prefix(prefixBytes, field);
    if (count > max) throw new MessageDecodeError(field, `${count} items, at most ${max} allowed`);
    const left = this.bytes.length - this.offset;
    if (count * minItemBytes > left) {
      throw new MessageDecodeError(field, `${count} items need at least ${count * minItemBytes} bytes, ${left} left`);
    }
    return count;
  }

  /** A `u8[N]` field, as a copy (the payload buffer is not kept alive by it). */
  u8Array(max: number, prefixBytes: PrefixBytes, field: string): Uint8Array {
    const count = this.count(max, prefixBytes, 1, field);
    const start = this.take(count, field);
    return this.bytes.slice(start, start + count);
  }

  string(maxBytes: number, prefixBytes: PrefixBytes, field: string): string {
    const length = this.prefix(prefixBytes, field);
    if (length > maxBytes) throw new MessageDecodeError(field, `${length} UTF-8 bytes, at most ${maxBytes} allowed`);
    const start = this.take(length, field);
    try {
      return utf8Decoder.decode(this.bytes.subarray(start, start + length));
    } catch {
      throw new MessageDecodeError(field, 'is not valid UTF-8');
    }
  }

  /** A payload holds exactly one message: anything after it is an error. */
  end(message: string): void {
    const left = this.bytes.length - this.offset;
    if (left !== 0) throw new MessageDecodeError(message, `${left} trailing bytes`);
  }

  private take(size: number, field: string): number {
    const at = this.offset;
    if (at + size > this.bytes.length) {
      throw new MessageDecodeError(field, `payload ends at byte ${this.bytes.length}, needs ${at + size}`);
    }
    this.offset = at + size;
    return at;
  }

  private prefix(prefixBytes: PrefixBytes, field: string): number {
    if (prefixBytes === 1) return this.u8(field);
    if (prefixBytes === 2) return this.u16(field);
    return this.u32(field);
  }
}
