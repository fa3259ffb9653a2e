// The relay's settings, read once from the environment. Every variable has a default that makes
// `npm start` work with nothing set (the embedded default: random secret, guest tokens, no
// external service); a bad value stops start-up with a message naming the variable.

import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { HEADER_BYTES } from '../protocol/frame.ts';

/** Who may open a WebSocket, by its Origin header. */
export type OriginPolicy =
  | { kind: 'sameOrigin' }
  | { kind: 'any' }
  | { kind: 'list'; origins: ReadonlySet<string> };

export interface RelayConfig {
  port: number;
  host: string;
  logLevel: string;
  /** The built PWA served on the same port; null = no static site (RELAY_STATIC_DIR='', or no dist/ yet). */
  staticDir: string | null;
  /** HS256 key (JWT_SECRET, or random when neither it nor a JWKS URL is set); null = JWKS only. */
  jwtSecret: Uint8Array | null;
  /** True when jwtSecret was generated at start-up (nobody else can sign tokens for it). */
  jwtSecretGenerated: boolean;
  jwksUrl: URL | null;
  jwtIssuer: string;
  jwtAudience: string;
  /** Tokens issued longer ago than this are refused, so revocations can be forgotten after it. */
  maxTokenAgeS: number;
  guestTokens: boolean;
  guestTokenTtlS: number;
  allowedOrigins: OriginPolicy;
  /** Bearer key for POST /admin/revoke; null = the endpoint is off. */
  adminKey: string | null;
  heartbeatMs: number;
  idleTimeoutMs: number;
  authGraceMs: number;
  /** Largest payload accepted, after inflating (the frame header is on top). */
  maxPayload: number;
  maxMessagesPerS: number;
  maxBytesPerS: number;
  maxBufferedBytes: number;
  /** The sim's fixed rate; every match runs at it. */
  tickRate: number;
  inputDeadlineMs: number;
  startDelayMs: number;
  maxSpectators: number;
  maxInputAheadTicks: number;
  /** The sim build the relay verifies with (RELAY_SIM_WASM); rooms must run exactly this build when verify is on. */
  simWasm: string;
  /** Run every room's confirmed inputs through the sim and compare the clients' StateHashes (RELAY_VERIFY). */
  verify: boolean;
  /** Clients hash every this many ticks (MatchStarted.hashInterval). */
  hashInterval: number;
  /** How long a player's seat is held after its connection drops mid-match. */
  reconnectGraceMs: number;
}

export class ConfigError extends Error {
  override readonly name = 'ConfigError';
}

/** The sim steps at 60 Hz (host/SimExports.ts TICKS_PER_SECOND); not a deployment choice. */
const TICK_RATE = 60;
/** Wire fields cap some settings: MatchStarted's u16 start delay and deadline, Welcome's u32s. */
const U16_MAX = 0xffff;
const U32_MAX = 0xffffffff;
const DEFAULT_STATIC_DIR = 'dist';
const DEFAULT_SIM_WASM = 'build/tessera.wasm';
/** Rate limits allow bursts of this many seconds' worth (a client catching up after a stall). */
export const BURST_SECONDS = 2;

type Env = Readonly<Record<string, string | undefined>>;

export function configFromEnv(env: Env): RelayConfig {
  const read = (name: string): string | undefined => {
    const value = env[name]?.trim();
    return value === '' ? undefined : value;
  };
  const int = (name: string, fallback: number, min: number, max: number): number => {
    const text = read(name);
    if (text === undefined) return fallback;
    const value = Number(text);
    if (!/^-?\d+$/.test(text) || !Number.isSafeInteger(value) || value < min || value > max) {
      throw new ConfigError(`${name}=${JSON.stringify(text)}: expected a whole number from ${min} to ${max}`);
    }
    return value;
  };
  const flag = (name: string, fallback: boolean): boolean => {
    const text = read(name)?.toLowerCase();
    if (text === undefined) return fallback;
    if (['1', 'true', 'yes', 'on'].includes(text)) return true;
    if (['0', 'false', 'no', 'off'].includes(text)) return false;
    throw new ConfigError(`${name}=${JSON.stringify(text)}: expected 1/0, true/false, yes/no or on/off`);
  };

  const secretText = read('JWT_SECRET');
  const jwksUrl = urlFrom('JWT_JWKS_URL', read('JWT_JWKS_URL'));
  // Below 32 bytes an HS256 key can be brute-forced offline from any token it signed.
  if (secretText !== undefined && Buffer.byteLength(secretText) < 32) {
    throw new ConfigError('JWT_SECRET: must be at least 32 bytes (HS256 keys shorter than the hash are guessable)');
  }
  const jwtSecretGenerated = secretText === undefined && jwksUrl === null;
  const jwtSecret = secretText !== undefined ? new TextEncoder().encode(secretText) : jwtSecretGenerated ? new Uint8Array(randomBytes(32)) : null;
  const guestTokens = flag('RELAY_GUEST_TOKENS', jwtSecretGenerated);
  if (guestTokens && jwtSecret === null) {
    throw new ConfigError('RELAY_GUEST_TOKENS: guest tokens are signed with JWT_SECRET, which is not set (JWT_JWKS_URL only verifies)');
  }
  const heartbeatMs = int('RELAY_HEARTBEAT_MS', 3000, 10, U32_MAX);
  const idleTimeoutMs = int('RELAY_IDLE_TIMEOUT_MS', 10_000, 10, U32_MAX);
  if (idleTimeoutMs <= heartbeatMs) {
    throw new ConfigError(`RELAY_IDLE_TIMEOUT_MS=${idleTimeoutMs}: must be longer than RELAY_HEARTBEAT_MS=${heartbeatMs}, or a client answering every ping is still closed`);
  }
  // An Auth message (a token of up to 4 KiB) must fit.
  const maxPayload = int('RELAY_MAX_PAYLOAD', 65_536, 8192, U32_MAX - HEADER_BYTES);
  const maxBytesPerS = int('RELAY_MAX_BYTES_PER_S', 262_144, 1, Number.MAX_SAFE_INTEGER);
  // The byte bucket holds two seconds' worth; a frame larger than that could never be accepted.
  if (maxBytesPerS * BURST_SECONDS < maxPayload + HEADER_BYTES) {
    throw new ConfigError(`RELAY_MAX_BYTES_PER_S=${maxBytesPerS}: a burst (${BURST_SECONDS} s worth) must hold one largest frame (RELAY_MAX_PAYLOAD + ${HEADER_BYTES} header bytes)`);
  }
  // The default serves the build when there is one (`npm start`); a folder named explicitly must exist.
  const staticDirText = read('RELAY_STATIC_DIR');
  if (staticDirText !== undefined && !existsSync(staticDirText)) {
    throw new ConfigError(`RELAY_STATIC_DIR=${JSON.stringify(staticDirText)}: no such folder (build it with npm run build, or set RELAY_STATIC_DIR= to serve no site)`);
  }
  const verify = flag('RELAY_VERIFY', true);
  const simWasm = read('RELAY_SIM_WASM') ?? DEFAULT_SIM_WASM;
  if (verify && !existsSync(simWasm)) {
    throw new ConfigError(`RELAY_SIM_WASM=${JSON.stringify(simWasm)}: no such file (build it with npm run build:sim, or set RELAY_VERIFY=0 to relay without verifying)`);
  }
  const staticDir = env['RELAY_STATIC_DIR'] === undefined ? (existsSync(DEFAULT_STATIC_DIR) ? DEFAULT_STATIC_DIR : null) : (staticDirText ?? null);

  return {
    port: int('PORT', 8080, 0, U16_MAX),
    host: read('HOST') ?? '127.0.0.1',
    logLevel: logLevelFrom(read('LOG_LEVEL') ?? 'info'),
    staticDir,
    jwtSecret,
    jwtSecretGenerated,
    jwksUrl,
    jwtIssuer: read('JWT_ISSUER') ?? 'tessera',
    jwtAudience: read('JWT_AUDIENCE') ?? 'tessera-relay',
    maxTokenAgeS: int('RELAY_MAX_TOKEN_AGE_S', 86_400, 1, U32_MAX),
    guestTokens,
    guestTokenTtlS: int('RELAY_GUEST_TOKEN_TTL_S', 600, 1, U32_MAX),
    allowedOrigins: originPolicyFrom(read('RELAY_ALLOWED_ORIGINS')),
    adminKey: read('RELAY_ADMIN_KEY') ?? null,
    heartbeatMs,
    idleTimeoutMs,
    authGraceMs: int('RELAY_AUTH_GRACE_MS', 5000, 1, U32_MAX),
    maxPayload,
    maxMessagesPerS: int('RELAY_MAX_MESSAGES_PER_S', 200, 1, U32_MAX),
    maxBytesPerS,
    maxBufferedBytes: int('RELAY_MAX_BUFFERED_BYTES', 1_048_576, 1, Number.MAX_SAFE_INTEGER),
    tickRate: TICK_RATE,
    inputDeadlineMs: int('RELAY_INPUT_DEADLINE_MS', 100, 0, U16_MAX),
    startDelayMs: int('RELAY_START_DELAY_MS', 500, 0, U16_MAX),
    // RoomJoined lists at most 40 members: maxSeats players + 32 spectators.
    maxSpectators: int('RELAY_MAX_SPECTATORS', 32, 0, 32),
    maxInputAheadTicks: int('RELAY_MAX_INPUT_AHEAD_TICKS', 120, 1, U16_MAX),
    simWasm,
    verify,
    hashInterval: int('RELAY_HASH_INTERVAL', 30, 1, U16_MAX),
    reconnectGraceMs: int('RELAY_RECONNECT_GRACE_MS', 20_000, 0, U32_MAX),
  };
}

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'];

function logLevelFrom(text: string): string {
  if (!LOG_LEVELS.includes(text)) throw new ConfigError(`LOG_LEVEL=${JSON.stringify(text)}: expected one of ${LOG_LEVELS.join(', ')}`);
  return text;
}

function urlFrom(name: string, text: string | undefined): URL | null {
  if (text === undefined) return null;
  try {
    return new URL(text);
  } catch {
    throw new ConfigError(`${name}=${JSON.stringify(text)}: not an absolute URL`);
  }
}

function originPolicyFrom(text: string | undefined): OriginPolicy {
  if (text === undefined) return { kind: 'sameOrigin' };
  if (text === '*') return { kind: 'any' };
  const origins = new Set<string>();
  for (const entry of text.split(',').map((part) => part.trim()).filter(Boolean)) {
    const url = urlFrom('RELAY_ALLOWED_ORIGINS', entry);
    // An Origin header is exactly scheme://host[:port]; a path here would never match one.
    if (url === null || url.origin === 'null' || url.origin !== entry.replace(/\/$/, '')) {
      throw new ConfigError(`RELAY_ALLOWED_ORIGINS: ${JSON.stringify(entry)} is not an origin like https://game.example.com`);
    }
    origins.add(url.origin);
  }
  return { kind: 'list', origins };
}
