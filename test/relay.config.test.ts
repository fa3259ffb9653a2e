// The relay's environment: defaults that run with nothing set, and start-up errors that name the
// variable and say what it expects.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConfigError, configFromEnv } from '../relay/config.ts';

const SECRET = 'a-secret-of-at-least-thirty-two-bytes!';

test('with nothing set: the embedded default (generated secret, guest tokens, contract defaults)', () => {
  const config = configFromEnv({ RELAY_STATIC_DIR: '' });
  assert.equal(config.jwtSecretGenerated, true);
  assert.equal(config.jwtSecret?.length, 32);
  assert.notDeepEqual(configFromEnv({ RELAY_STATIC_DIR: '' }).jwtSecret, config.jwtSecret, 'a new secret per start');
  const { jwtSecret: _secret, ...rest } = config;
  assert.deepEqual(rest, {
    port: 8080,
    host: '127.0.0.1',
    logLevel: 'info',
    staticDir: null,
    jwtSecretGenerated: true,
    jwksUrl: null,
    jwtIssuer: 'tessera',
    jwtAudience: 'tessera-relay',
    maxTokenAgeS: 86_400,
    guestTokens: true,
    guestTokenTtlS: 600,
    allowedOrigins: { kind: 'sameOrigin' },
    adminKey: null,
    heartbeatMs: 3000,
    idleTimeoutMs: 10_000,
    authGraceMs: 5000,
    maxPayload: 65_536,
    maxMessagesPerS: 200,
    maxBytesPerS: 262_144,
    maxBufferedBytes: 1_048_576,
    tickRate: 60,
    inputDeadlineMs: 100,
    startDelayMs: 500,
    maxSpectators: 32,
    maxInputAheadTicks: 120,
    simWasm: 'build/tessera.wasm',
    verify: true,
    hashInterval: 30,
    reconnectGraceMs: 20_000,
  });
});

test('a JWT_SECRET turns guest tokens off unless asked for; a JWKS URL alone has no secret', () => {
  const withSecret = configFromEnv({ RELAY_STATIC_DIR: '', JWT_SECRET: SECRET });
  assert.deepEqual([withSecret.jwtSecretGenerated, withSecret.guestTokens], [false, false]);
  assert.equal(new TextDecoder().decode(withSecret.jwtSecret!), SECRET);
  assert.equal(configFromEnv({ RELAY_STATIC_DIR: '', JWT_SECRET: SECRET, RELAY_GUEST_TOKENS: 'on' }).guestTokens, true);
  const jwks = configFromEnv({ RELAY_STATIC_DIR: '', JWT_JWKS_URL: 'https://id.example/jwks.json' });
  assert.deepEqual([jwks.jwtSecret, jwks.guestTokens, jwks.jwksUrl?.href], [null, false, 'https://id.example/jwks.json']);
});

test('origins: unset = same origin, * = any, else a list of exact origins', () => {
  assert.deepEqual(configFromEnv({ RELAY_STATIC_DIR: '', RELAY_ALLOWED_ORIGINS: '*' }).allowedOrigins, { kind: 'any' });
  assert.deepEqual(configFromEnv({ RELAY_STATIC_DIR: '', RELAY_ALLOWED_ORIGINS: 'https://a.example, http://localhost:5173/' }).allowedOrigins, {
    kind: 'list',
    origins: new Set(['https://a.example', 'http://localhost:5173']),
  });
});

test('bad values stop start-up with the variable named and what it expects', () => {
  const cases: [Record<string, string>, RegExp][] = [
    [{ PORT: 'eighty' }, /^PORT="eighty": expected a whole number from 0 to 65535$/],
    [{ PORT: '70000' }, /^PORT="70000"/],
    [{ RELAY_HEARTBEAT_MS: '1.5' }, /^RELAY_HEARTBEAT_MS="1.5": expected a whole number/],
    [{ RELAY_MAX_PAYLOAD: '100' }, /^RELAY_MAX_PAYLOAD="100": expected a whole number from 8192/],
    [{ RELAY_MAX_MESSAGES_PER_S: '-1' }, /^RELAY_MAX_MESSAGES_PER_S="-1"/],
    [{ RELAY_IDLE_TIMEOUT_MS: '2000' }, /^RELAY_IDLE_TIMEOUT_MS=2000: must be longer than RELAY_HEARTBEAT_MS=3000/],
    [{ RELAY_MAX_BYTES_PER_S: '1000' }, /^RELAY_MAX_BYTES_PER_S=1000: a burst .* must hold one largest frame/],
    [{ RELAY_GUEST_TOKENS: 'maybe' }, /^RELAY_GUEST_TOKENS="maybe": expected 1\/0/],
    [{ JWT_SECRET: 'short' }, /^JWT_SECRET: must be at least 32 bytes/],
    [{ JWT_JWKS_URL: 'not a url' }, /^JWT_JWKS_URL="not a url": not an absolute URL/],
    [{ JWT_JWKS_URL: 'https://id.example/jwks.json', RELAY_GUEST_TOKENS: '1' }, /^RELAY_GUEST_TOKENS: guest tokens are signed with JWT_SECRET/],
    [{ RELAY_ALLOWED_ORIGINS: 'https://a.example/path' }, /^RELAY_ALLOWED_ORIGINS: "https:\/\/a.example\/path" is not an origin/],
    [{ LOG_LEVEL: 'loud' }, /^LOG_LEVEL="loud": expected one of fatal, error/],
    [{ RELAY_MAX_SPECTATORS: '33' }, /^RELAY_MAX_SPECTATORS="33": expected a whole number from 0 to 32$/],
    [{ RELAY_STATIC_DIR: '/no/such/folder' }, /^RELAY_STATIC_DIR="\/no\/such\/folder": no such folder/],
    [{ RELAY_SIM_WASM: '/no/such.wasm' }, /^RELAY_SIM_WASM="\/no\/such.wasm": no such file \(build it with npm run build:sim, or set RELAY_VERIFY=0/],
    [{ RELAY_VERIFY: 'sometimes' }, /^RELAY_VERIFY="sometimes": expected 1\/0/],
    [{ RELAY_HASH_INTERVAL: '0' }, /^RELAY_HASH_INTERVAL="0": expected a whole number from 1 to 65535$/],
    [{ RELAY_RECONNECT_GRACE_MS: '-5' }, /^RELAY_RECONNECT_GRACE_MS="-5"/],
  ];
  for (const [env, message] of cases) {
    assert.throws(() => configFromEnv({ RELAY_STATIC_DIR: '', ...env }), (error: unknown) => error instanceof ConfigError && message.test(error.message), JSON.stringify(env));
  }
});

test('RELAY_VERIFY=0 needs no sim build', () => {
  const config = configFromEnv({ RELAY_STATIC_DIR: '', RELAY_VERIFY: '0', RELAY_SIM_WASM: '/no/such.wasm' });
  assert.deepEqual([config.verify, config.simWasm], [false, '/no/such.wasm']);
});

test('RELAY_STATIC_DIR: an existing folder is served', async () => {
  const folder = await mkdtemp(join(tmpdir(), 'tessera-site-'));
  try {
    assert.equal(configFromEnv({ RELAY_STATIC_DIR: folder }).staticDir, folder);
  } finally {
    await rm(folder, { recursive: true });
  }
});
