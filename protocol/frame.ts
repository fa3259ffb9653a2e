// The 16-byte frame around every payload (ARCHITECTURE §5, docs/protocol.md). Decoding checks
// the cheapest things first and never trusts a size it has not bounded: the header alone rejects
// an oversized frame before a payload byte is looked at, and inflating stops as soon as the
// output passes the limit, so a small compressed frame cannot make the relay allocate much.

import CRC32 from 'crc-32';
import { Inflate, deflateSync } from 'fflate';
import { CloseCode, PROTOCOL_VERSION } from './generated/tessera.ts';

export const FRAME_MAGIC = 0x4d55;
/** The frame version byte is the protocol's version: a new field means a new version (tessera.idl). */
export const FRAME_VERSION = PROTOCOL_VERSION;
export const HEADER_BYTES = 16;

export const FrameFlag = { compressed: 1, crc32: 2 } as const;
const KNOWN_FLAGS = FrameFlag.compressed | FrameFlag.crc32;

/** WebSocket close reasons are at most 123 bytes; every reason here is ASCII. */
const MAX_CLOSE_REASON = 123;

/** Compressed input is fed to the inflater in chunks this big: deflate expands at most ~1032×, so
 *  one step produces at most ~1 MiB before the byte count is checked again. */
const INFLATE_STEP_BYTES = 1024;

export interface FrameOptions {
  /** Deflate-raw the payload (fflate). */
  compress?: boolean;
  /** Add the payload's CRC32 (IEEE, over the payload as sent). */
  crc?: boolean;
}

export interface FrameHeader {
  version: number;
  flags: number;
  typeId: number;
  seq: number;
  /** Payload bytes as sent (compressed, when flagged). */
  length: number;
  crc: number;
}

/** A frame the receiver will not accept; `message` is the close reason, `closeCode` the code. */
export class FrameError extends Error {
  override name = 'FrameError';
  constructor(
    readonly closeCode: CloseCode,
    reason: string,
  ) {
    super(reason.length > MAX_CLOSE_REASON ? `${reason.slice(0, MAX_CLOSE_REASON - 3)}...` : reason);
  }
}

/** `seq` is written mod 2^16 (DataView's setUint16 wraps), so a sender may keep a plain counter. */
export function encodeFrame(typeId: number, seq: number, payload: Uint8Array, options: FrameOptions = {}): Uint8Array {
  if ((typeId & 0xffff) !== typeId) throw new RangeError(`frame type id ${typeId} is not a u16`);
  const body = options.compress ? deflateSync(payload) : payload;
  let flags = 0;
  if (options.compress) flags |= FrameFlag.compressed;
  if (options.crc) flags |= FrameFlag.crc32;
  const frame = new Uint8Array(HEADER_BYTES + body.length);
  const view = new DataView(frame.buffer);
  view.setUint16(0, FRAME_MAGIC, true);
  frame[2] = FRAME_VERSION;
  frame[3] = flags;
  view.setUint16(4, typeId, true);
  view.setUint16(6, seq, true);
  view.setUint32(8, body.length, true);
  view.setUint32(12, options.crc ? CRC32.buf(body) >>> 0 : 0, true);
  frame.set(body, HEADER_BYTES);
  return frame;
}

/** Checks everything the header alone can tell (size ≥ 16, magic, version, reserved flags, length ≤
 *  maxPayload, length === bytes.length - 16) — before any payload byte is read. */
export function readFrameHeader(bytes: Uint8Array, maxPayload: number): FrameHeader {
  if (bytes.length < HEADER_BYTES) {
    throw new FrameError(CloseCode.truncatedHeader, `frame of ${bytes.length} bytes is shorter than its 16-byte header`);
  }
  const view = new DataView(bytes.buffer, bytes.byteOffset, HEADER_BYTES);
  const magic = view.getUint16(0, true);
  if (magic !== FRAME_MAGIC) throw new FrameError(CloseCode.badMagic, `bad magic 0x${hex(magic, 4)}, expected 0x4d55`);
  const version = bytes[2]!;
  if (version !== FRAME_VERSION) {
    throw new FrameError(CloseCode.unsupportedVersion, `frame version ${version} unsupported, this side speaks ${FRAME_VERSION}`);
  }
  const flags = bytes[3]!;
  if ((flags & ~KNOWN_FLAGS) !== 0) throw new FrameError(CloseCode.reservedFlags, `reserved flag bits set: 0x${hex(flags, 2)}`);
  const length = view.getUint32(8, true);
  if (length > maxPayload) {
    throw new FrameError(CloseCode.frameTooLarge, `payload length ${length} is over the limit of ${maxPayload}`);
  }
  if (length !== bytes.length - HEADER_BYTES) {
    throw new FrameError(CloseCode.lengthMismatch, `header says ${length} payload bytes, frame has ${bytes.length - HEADER_BYTES}`);
  }
  const crc = view.getUint32(12, true);
  return { version, flags, typeId: view.getUint16(4, true), seq: view.getUint16(6, true), length, crc };
}

/** Header checks, then CRC (when flagged), then inflate (when flagged, bounded by maxPayload). The
 *  returned payload of an uncompressed frame is a view into `bytes`, not a copy. */
export function decodeFrame(bytes: Uint8Array, maxPayload: number): { header: FrameHeader; payload: Uint8Array } {
  const header = readFrameHeader(bytes, maxPayload);
  const body = bytes.subarray(HEADER_BYTES);
  if (header.flags & FrameFlag.crc32) {
    const actual = CRC32.buf(body) >>> 0;
    if (actual !== header.crc) {
      throw new FrameError(CloseCode.crcMismatch, `payload CRC32 is 0x${hex(actual, 8)}, header says 0x${hex(header.crc, 8)}`);
    }
  } else if (header.crc !== 0) {
    // The field has one meaning: a stray value would otherwise go unnoticed until someone relies on it.
    throw new FrameError(CloseCode.crcMismatch, `CRC flag clear but header CRC is 0x${hex(header.crc, 8)}, not 0`);
  }
  const payload = header.flags & FrameFlag.compressed ? inflateBounded(body, maxPayload) : body;
  return { header, payload };
}

/** Inflates deflate-raw `compressed`, failing as soon as the output passes `maxBytes`. */
function inflateBounded(compressed: Uint8Array, maxBytes: number): Uint8Array {
  if (compressed.length === 0) throw new FrameError(CloseCode.badCompression, 'compressed payload is empty');
  const chunks: Uint8Array[] = [];
  let size = 0;
  const inflater = new Inflate((chunk) => {
    size += chunk.length;
    if (size > maxBytes) throw new FrameError(CloseCode.badCompression, `payload inflates past the limit of ${maxBytes} bytes`);
    chunks.push(chunk);
  });
  try {
    for (let offset = 0; offset < compressed.length; offset += INFLATE_STEP_BYTES) {
      const end = Math.min(offset + INFLATE_STEP_BYTES, compressed.length);
      inflater.push(compressed.subarray(offset, end), end === compressed.length);
    }
  } catch (error) {
    if (error instanceof FrameError) throw error;
    throw new FrameError(CloseCode.badCompression, `compressed payload does not inflate: ${(error as Error).message}`);
  }
  return concat(chunks, size);
}

function concat(chunks: Uint8Array[], size: number): Uint8Array {
  if (chunks.length === 1) return chunks[0]!;
  const joined = new Uint8Array(size);
  let offset = 0;
  for (const chunk of chunks) {
    joined.set(chunk, offset);
    offset += chunk.length;
  }
  return joined;
}

function hex(value: number, digits: number): string {
  return value.toString(16).padStart(digits, '0');
}
