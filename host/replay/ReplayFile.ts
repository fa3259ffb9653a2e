// Replay file format v1 (docs/replay-format.md is the spec; keep the two in step): a fixed
// 48-byte header, the input log (every slot's i32 input for every tick, optionally deflated), then
// the state-hash checkpoints. A replay is the match config plus the inputs, so any host with the
// same sim build can recompute the match and compare hashes along the way.
//
// Pure TypeScript on DataView and fflate so the same reader runs in Node, pages and workers. The
// reader trusts nothing: every count and length is checked against the others and against the
// file size before anything is read or allocated, so a hostile or damaged file fails with a
// ReplayFormatError naming the problem rather than a RangeError or a huge allocation.

import { deflateSync, inflateSync } from 'fflate';
import { type MatchConfig, validateMatchConfig } from '../MatchConfig.ts';
import { ReplayFormatError } from './ReplayFormatError.ts';

export const REPLAY_MAGIC = 'TSRP';
export const REPLAY_FORMAT_VERSION = 1;
/** Flags bit 0: the input log is a raw deflate stream (RFC 1951, no zlib/gzip wrapper). */
export const REPLAY_FLAG_DEFLATE = 0x0001;
const KNOWN_FLAGS = REPLAY_FLAG_DEFLATE;

/** Byte offsets of the v1 header fields (all little-endian). */
export const ReplayOffset = {
  magic: 0,
  version: 4,
  flags: 6,
  buildId: 8,
  seed: 16,
  players: 20,
  botMask: 21,
  checkpointInterval: 22,
  matchTicks: 24,
  orbs: 28,
  ticks: 32,
  checkpointCount: 36,
  logBytes: 40,
  finalHash: 44,
  log: 48,
} as const;
export const REPLAY_HEADER_BYTES = ReplayOffset.log;
/** One checkpoint on disk: tick u32, hash u32. */
export const REPLAY_CHECKPOINT_BYTES = 8;
/**
 * Deflate cannot expand more than 1032× (a 258-byte match coded in 2 bits), so a longer announced
 * log is a lie we can refuse before allocating for it.
 */
const MAX_INFLATE_RATIO = 1032;

/** The state hash recorded after stepping to `tick`. */
export interface ReplayCheckpoint {
  tick: number;
  hash: number;
}

export interface Replay {
  /** Sim.buildId of the recording build: 16 lowercase hex digits. */
  buildId: string;
  /** What Sim.start was given (botMask holds no bits at or above `players`). */
  config: MatchConfig;
  /** Ticks between checkpoints, 1..65535. */
  checkpointInterval: number;
  /** Ticks recorded (T). */
  ticks: number;
  /** T × players inputs, tick-major: the input of `slot` at log row t is inputs[t * players + slot]. */
  inputs: Int32Array;
  /** One per full interval: checkpoint k is at tick (k + 1) × checkpointInterval. */
  checkpoints: ReplayCheckpoint[];
  /** State hash after tick T (after matchCreate alone when T = 0). */
  finalHash: number;
  /** Store the log deflated (flags bit 0). */
  compressed: boolean;
}

const isU32 = (v: number): boolean => Number.isInteger(v) && v >= 0 && v <= 0xffffffff;

/** Why this config cannot be in a replay, or null. Shared by writer and reader so both agree. */
function configProblem(config: MatchConfig): string | null {
  try {
    validateMatchConfig(config);
  } catch (err) {
    return (err as Error).message;
  }
  // The sim ignores these bits; a replay stores the mask canonically so equal matches give
  // equal files (ReplayRecorder clears them).
  if (config.botMask >> config.players !== 0) {
    return `botMask 0x${config.botMask.toString(16)} has bits at or above players (${config.players})`;
  }
  return null;
}

function checkpointCountFor(ticks: number, interval: number): number {
  return Math.floor(ticks / interval);
}

/** Throws RangeError when `replay` is not something encodeReplay may write (a caller bug). */
function assertEncodable(replay: Replay): void {
  const fail = (what: string): never => {
    throw new RangeError(`cannot encode replay: ${what}`);
  };
  if (!/^[0-9a-f]{16}$/.test(replay.buildId)) fail(`build id must be 16 lowercase hex digits, got "${replay.buildId}"`);
  const problem = configProblem(replay.config);
  if (problem !== null) fail(problem);
  const interval = replay.checkpointInterval;
  if (!Number.isInteger(interval) || interval < 1 || interval > 0xffff) fail(`checkpoint interval must be 1..65535, got ${interval}`);
  if (!isU32(replay.ticks)) fail(`tick count must be a u32, got ${replay.ticks}`);
  const want = replay.ticks * replay.config.players;
  if (replay.inputs.length !== want) fail(`input log holds ${replay.inputs.length} values, ${replay.ticks} ticks × ${replay.config.players} players need ${want}`);
  const count = checkpointCountFor(replay.ticks, interval);
  if (replay.checkpoints.length !== count) fail(`${replay.checkpoints.length} checkpoints, ${replay.ticks} ticks at interval ${interval} need ${count}`);
  replay.checkpoints.forEach((c, k) => {
    if (c.tick !== (k + 1) * interval) fail(`checkpoint ${k} is at tick ${c.tick}, not ${(k + 1) * interval}`);
    if (!isU32(c.hash)) fail(`checkpoint ${k} hash must be a u32, got ${c.hash}`);
  });
  if (!isU32(replay.finalHash)) fail(`final hash must be a u32, got ${replay.finalHash}`);
}

/** The log as little-endian bytes whatever the host's byte order. */
function inputLogBytes(inputs: Int32Array): Uint8Array<ArrayBuffer> {
  const bytes = new Uint8Array(inputs.length * 4);
  const view = new DataView(bytes.buffer);
  for (let i = 0; i < inputs.length; i++) view.setInt32(i * 4, inputs[i] ?? 0, true);
  return bytes;
}

export function encodeReplay(replay: Replay): Uint8Array<ArrayBuffer> {
  assertEncodable(replay);
  const raw = inputLogBytes(replay.inputs);
  const log = replay.compressed ? deflateSync(raw) : raw;
  if (log.length > 0xffffffff) throw new RangeError(`cannot encode replay: input log of ${log.length} bytes exceeds the u32 length field`);
  const count = replay.checkpoints.length;
  const bytes = new Uint8Array(REPLAY_HEADER_BYTES + log.length + count * REPLAY_CHECKPOINT_BYTES);
  const view = new DataView(bytes.buffer);
  const O = ReplayOffset;
  for (let i = 0; i < 4; i++) bytes[O.magic + i] = REPLAY_MAGIC.charCodeAt(i);
  view.setUint16(O.version, REPLAY_FORMAT_VERSION, true);
  view.setUint16(O.flags, replay.compressed ? REPLAY_FLAG_DEFLATE : 0, true);
  for (let i = 0; i < 8; i++) bytes[O.buildId + i] = parseInt(replay.buildId.slice(i * 2, i * 2 + 2), 16);
  const c = replay.config;
  view.setUint32(O.seed, c.seed, true);
  view.setUint8(O.players, c.players);
  view.setUint8(O.botMask, c.botMask);
  view.setUint16(O.checkpointInterval, replay.checkpointInterval, true);
  view.setUint32(O.matchTicks, c.matchTicks, true);
  view.setUint32(O.orbs, c.orbs, true);
  view.setUint32(O.ticks, replay.ticks, true);
  view.setUint32(O.checkpointCount, count, true);
  view.setUint32(O.logBytes, log.length, true);
  view.setUint32(O.finalHash, replay.finalHash, true);
  bytes.set(log, O.log);
  let at = O.log + log.length;
  for (const cp of replay.checkpoints) {
    view.setUint32(at, cp.tick, true);
    view.setUint32(at + 4, cp.hash, true);
    at += REPLAY_CHECKPOINT_BYTES;
  }
  return bytes;
}

function showBytes(bytes: Uint8Array): string {
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join(' ');
}

/** Checks the fixed fields that gate everything else: magic, version, flags, header length. */
function checkPreamble(bytes: Uint8Array, view: DataView): void {
  const size = bytes.length;
  const magic = Array.from(REPLAY_MAGIC, (ch) => ch.charCodeAt(0));
  // Compare what is there before complaining about length: a 3-byte text file is not a replay,
  // a 3-byte "TSR" is a cut-short one.
  for (let i = 0; i < magic.length && i < size; i++) {
    if (bytes[i] !== magic[i]) {
      throw new ReplayFormatError('bad-magic', `does not start with "TSRP" (first bytes: ${showBytes(bytes.subarray(0, 4))}); not a Tessera replay`);
    }
  }
  // The version is checked before the header length: another version may have another header.
  if (size < ReplayOffset.version + 2) {
    throw new ReplayFormatError('truncated', `${size} bytes, too short for the magic and format version (6 bytes)`);
  }
  const version = view.getUint16(ReplayOffset.version, true);
  if (version !== REPLAY_FORMAT_VERSION) {
    const why = version > REPLAY_FORMAT_VERSION ? 'written by a newer Tessera' : 'an unknown older version';
    throw new ReplayFormatError('unsupported-version', `format version ${version} (${why}); this reader reads version ${REPLAY_FORMAT_VERSION} only`);
  }
  if (size < ReplayOffset.flags + 2) {
    throw new ReplayFormatError('truncated', `${size} bytes, the ${REPLAY_HEADER_BYTES}-byte header is cut short`);
  }
  const unknown = view.getUint16(ReplayOffset.flags, true) & ~KNOWN_FLAGS;
  if (unknown !== 0) {
    throw new ReplayFormatError('reserved-flags', `flags set reserved bits 0x${unknown.toString(16).padStart(4, '0')}; version 1 defines bit 0 (deflate) only`);
  }
  if (size < REPLAY_HEADER_BYTES) {
    throw new ReplayFormatError('truncated', `${size} bytes, the ${REPLAY_HEADER_BYTES}-byte header is cut short`);
  }
}

function readInputLog(stored: Uint8Array, compressed: boolean, rawBytes: number): Int32Array {
  let raw = stored;
  if (compressed) {
    // One spare byte: fflate silently drops output past the end of a caller's buffer, so a
    // stream that overflows shows up as a result that fills the spare byte.
    const out = new Uint8Array(rawBytes + 1);
    try {
      raw = inflateSync(stored, { out });
    } catch (err) {
      throw new ReplayFormatError('bad-inflate', `the deflated input log is corrupt (${(err as Error).message})`);
    }
    if (raw.length !== rawBytes) {
      const got = raw.length > rawBytes ? `more than ${rawBytes}` : String(raw.length);
      throw new ReplayFormatError('bad-inflate', `the deflated input log inflates to ${got} bytes, the header announces ${rawBytes}`);
    }
  }
  const view = new DataView(raw.buffer, raw.byteOffset, raw.byteLength);
  const inputs = new Int32Array(rawBytes / 4);
  for (let i = 0; i < inputs.length; i++) inputs[i] = view.getInt32(i * 4, true);
  return inputs;
}

export function decodeReplay(bytes: Uint8Array): Replay {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  checkPreamble(bytes, view);
  const O = ReplayOffset;
  const u32 = (at: number): number => view.getUint32(at, true);
  const badHeader = (what: string): never => {
    throw new ReplayFormatError('bad-header', what);
  };

  const compressed = (view.getUint16(O.flags, true) & REPLAY_FLAG_DEFLATE) !== 0;
  const buildId = showBytes(bytes.subarray(O.buildId, O.buildId + 8)).replaceAll(' ', '');
  const config: MatchConfig = {
    seed: u32(O.seed),
    players: view.getUint8(O.players),
    botMask: view.getUint8(O.botMask),
    matchTicks: u32(O.matchTicks),
    orbs: u32(O.orbs),
  };
  const problem = configProblem(config);
  if (problem !== null) badHeader(`match config: ${problem}`);
  const interval = view.getUint16(O.checkpointInterval, true);
  if (interval < 1) badHeader('checkpoint interval is 0, must be at least 1');
  const ticks = u32(O.ticks);
  const count = u32(O.checkpointCount);
  const wantCount = checkpointCountFor(ticks, interval);
  if (count !== wantCount) badHeader(`checkpoint count ${count}, but ${ticks} ticks at interval ${interval} give ${wantCount}`);
  const logBytes = u32(O.logBytes);
  const rawBytes = ticks * config.players * 4;
  if (!compressed && logBytes !== rawBytes) {
    badHeader(`input log length ${logBytes}, but ${ticks} ticks × ${config.players} players × 4 bytes = ${rawBytes}`);
  }
  if (compressed && rawBytes > logBytes * MAX_INFLATE_RATIO) {
    badHeader(`a ${logBytes}-byte deflate stream cannot hold the ${rawBytes}-byte log of ${ticks} ticks × ${config.players} players`);
  }

  // Sizes, before reading past the header.
  const checkpointsAt = O.log + logBytes;
  const end = checkpointsAt + count * REPLAY_CHECKPOINT_BYTES;
  if (bytes.length < checkpointsAt) {
    throw new ReplayFormatError('truncated', `${bytes.length} bytes, but the input log runs to byte ${checkpointsAt} (${logBytes} bytes from offset ${O.log})`);
  }
  if (bytes.length < end) {
    throw new ReplayFormatError('truncated', `${bytes.length} bytes, but ${count} checkpoints run to byte ${end} (from offset ${checkpointsAt})`);
  }
  if (bytes.length > end) {
    throw new ReplayFormatError('trailing-bytes', `${bytes.length - end} bytes follow the last checkpoint (the file should end at byte ${end})`);
  }

  const checkpoints: ReplayCheckpoint[] = [];
  for (let k = 0; k < count; k++) {
    const at = checkpointsAt + k * REPLAY_CHECKPOINT_BYTES;
    const tick = u32(at);
    if (tick !== (k + 1) * interval) {
      throw new ReplayFormatError('bad-checkpoint', `checkpoint ${k} (offset ${at}) is at tick ${tick}, interval ${interval} puts it at ${(k + 1) * interval}`);
    }
    checkpoints.push({ tick, hash: u32(at + 4) });
  }
  const inputs = readInputLog(bytes.subarray(O.log, checkpointsAt), compressed, rawBytes);
  return { buildId, config, checkpointInterval: interval, ticks, inputs, checkpoints, finalHash: u32(O.finalHash), compressed };
}
