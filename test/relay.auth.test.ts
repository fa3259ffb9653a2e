// Authentication on a real relay: each way a token can be wrong closes the socket (after the
// upgrade, since browsers cannot read an HTTP status) with its own close code and a reason that
// names the problem; a good token — in the URL, a Bearer header or an Auth message — gets Welcome.

import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { CloseCode } from '../protocol/generated/tessera.ts';
import { startRelay, type RelayProcess } from './support/relayProcess.ts';
import { RelayTestClient, TEST_SECRET, createRoom, signToken, type ConnectOptions } from './support/relayTestClient.ts';

const GRACE_MS = 400;
const ADMIN_KEY = 'admin-key-for-tests';
const ORIGIN = 'https://game.example';

let relay: RelayProcess;

before(async () => {
  relay = await startRelay({ JWT_SECRET: TEST_SECRET, RELAY_AUTH_GRACE_MS: String(GRACE_MS), RELAY_ADMIN_KEY: ADMIN_KEY, RELAY_ALLOWED_ORIGINS: `${ORIGIN}, https://other.example` });
});

after(() => relay?.stop());

/** Connects, expects the relay to close with `code`, checks the reason and the log line. */
async function refused(options: ConnectOptions, code: number, reason: RegExp): Promise<void> {
  const client = await RelayTestClient.connect(relay.wsUrl, options);
  const closed = await client.closedWithin();
  assert.equal(closed.code, code, `close code (reason: ${closed.reason})`);
  assert.match(closed.reason, reason);
  assert.equal(client.received.length, 0, 'nothing (no Welcome) before the close');
  await relay.waitForLog((line) => line.msg === 'auth rejected' && line['code'] === code && line['reason'] === closed.reason);
}

async function revoke(body: object): Promise<Response> {
  return fetch(new URL('admin/revoke', relay.url), { method: 'POST', headers: { Authorization: `Bearer ${ADMIN_KEY}` }, body: JSON.stringify(body) });
}

test('no token at all: the first message is not Auth → authMissing', async () => {
  const client = await RelayTestClient.connect(relay.wsUrl);
  client.send({ type: 'QuickMatch', simBuild: 'x', maxPlayers: 2 });
  const closed = await client.closedWithin();
  assert.equal(closed.code, CloseCode.authMissing);
  assert.match(closed.reason, /first message is QuickMatch; send Auth first/);
});

test('no token and no Auth message: closed with authMissing after the grace period, not before', async () => {
  const openedAt = performance.now();
  const client = await RelayTestClient.connect(relay.wsUrl);
  const closed = await client.closedWithin(GRACE_MS + 2000);
  const elapsed = performance.now() - openedAt;
  assert.equal(closed.code, CloseCode.authMissing);
  assert.match(closed.reason, new RegExp(`no Auth message within ${GRACE_MS} ms`));
  assert.ok(elapsed >= GRACE_MS - 20, `closed after ${elapsed.toFixed(0)} ms, before the ${GRACE_MS} ms grace`);
});

test('malformed token → authMalformed', () => refused({ token: 'not.a-jwt' }, CloseCode.authMalformed, /not a well-formed JWT/));

test('an Authorization header that is not Bearer → authMalformed', () =>
  refused({ headers: { Authorization: 'Basic dXNlcjpwYXNz' } }, CloseCode.authMalformed, /not "Bearer <token>"/));

test('wrong signature → authBadSignature', async () =>
  refused({ token: await signToken({ secret: 'another-secret-that-is-32-bytes-or-more' }) }, CloseCode.authBadSignature, /signature does not verify/));

test('expired → authExpired', async () =>
  refused({ token: await signToken({ expiresAt: Math.floor(Date.now() / 1000) - 60 }) }, CloseCode.authExpired, /token expired at 20\d\d-/));

test('wrong audience → authWrongAudience', async () =>
  refused({ token: await signToken({ audience: 'someone-else' }) }, CloseCode.authWrongAudience, /audience "someone-else" is not "tessera-relay"/));

test('wrong issuer → authWrongIssuer', async () =>
  refused({ token: await signToken({ issuer: 'evil' }) }, CloseCode.authWrongIssuer, /issuer "evil" is not trusted/));

test('an Origin not on the allow-list → originNotAllowed; a listed one is welcome', async () => {
  await refused({ token: await signToken(), origin: 'https://evil.example' }, CloseCode.originNotAllowed, /origin https:\/\/evil.example is not allowed/);
  const client = await RelayTestClient.connect(relay.wsUrl, { token: await signToken(), origin: ORIGIN });
  await client.next('Welcome');
  client.close();
});

test('a revoked token (POST /admin/revoke by jti) → authRevoked', async () => {
  const jti = `revoked-${Date.now()}`;
  const response = await revoke({ jti });
  assert.equal(response.status, 200, await response.clone().text());
  assert.deepEqual(await response.json(), { revoked: { jti }, closedConnections: 0 });
  await refused({ token: await signToken({ jti }) }, CloseCode.authRevoked, new RegExp(`token ${jti} has been revoked`));
  const other = await RelayTestClient.welcomed(relay.wsUrl, await signToken({ jti: `${jti}-other` }));
  other.close();
});

test('revoking kicks live sockets: by jti, then every token of a subject', async () => {
  const byJti = await RelayTestClient.welcomed(relay.wsUrl, await signToken({ jti: 'live-jti' }));
  const bystander = await RelayTestClient.welcomed(relay.wsUrl, await signToken({ jti: 'live-jti-2' }));
  assert.deepEqual(await (await revoke({ jti: 'live-jti' })).json(), { revoked: { jti: 'live-jti' }, closedConnections: 1 });
  assert.deepEqual(await byJti.closedWithin(), { code: CloseCode.authRevoked, reason: 'token revoked while connected' });

  const bySub = await RelayTestClient.welcomed(relay.wsUrl, await signToken({ sub: 'banned-player' }));
  const heldBack = await signToken({ sub: 'banned-player' }); // issued before the revocation, used after it
  assert.deepEqual(await (await revoke({ sub: 'banned-player' })).json(), { revoked: { sub: 'banned-player' }, closedConnections: 1 });
  assert.equal((await bySub.closedWithin()).code, CloseCode.authRevoked);
  await refused({ token: heldBack }, CloseCode.authRevoked, /tokens of banned-player have been revoked/);

  bystander.send({ type: 'Ping', clientTime: 5 });
  assert.equal((await bystander.next('Pong')).clientTime, 5, 'other sockets are untouched');
  bystander.close();
});

test('a valid token in the URL gets Welcome with its identity and the relay limits, and can join a room', async () => {
  const client = await RelayTestClient.connect(relay.wsUrl, { token: await signToken({ sub: 'url-player', name: 'Ada\u0007 Lovelace' }) });
  const welcome = await client.next('Welcome');
  assert.deepEqual(welcome, { type: 'Welcome', playerId: 'url-player', name: 'Ada Lovelace', maxPayload: 65536, heartbeatMs: 3000, idleTimeoutMs: 10000, tickRate: 60 });
  const code = await createRoom(client, 2);
  assert.match(code, /^[A-Z0-9]{6}$/);
  client.close();
});

test('a valid token in an Authorization: Bearer header gets Welcome and can join a room', async () => {
  const client = await RelayTestClient.connect(relay.wsUrl, { headers: { Authorization: `Bearer ${await signToken({ sub: 'header-player' })}` } });
  assert.equal((await client.next('Welcome')).playerId, 'header-player');
  await createRoom(client, 2);
  client.close();
});

test('a valid token in an Auth message (within the grace period) gets Welcome, then the frames behind it are handled', async () => {
  const client = await RelayTestClient.connect(relay.wsUrl);
  client.send({ type: 'Auth', token: await signToken({ sub: 'message-player' }) });
  client.send({ type: 'Ping', clientTime: 42 }); // right behind it, before Welcome has arrived
  assert.equal((await client.next('Welcome')).playerId, 'message-player');
  assert.equal((await client.next('Pong')).clientTime, 42);
  await createRoom(client, 2);
  client.send({ type: 'Auth', token: 'again' });
  const closed = await client.closedWithin();
  assert.equal(closed.code, CloseCode.unexpectedMessage, 'a second Auth is refused');
  assert.match(closed.reason, /Auth after authentication/);
});

test('a second connection of the same player replaces the first (closed with replaced)', async () => {
  const first = await RelayTestClient.welcomed(relay.wsUrl, await signToken({ sub: 'twice' }));
  await createRoom(first, 2);
  const second = await RelayTestClient.welcomed(relay.wsUrl, await signToken({ sub: 'twice' }));
  assert.deepEqual(await first.closedWithin(), { code: CloseCode.replaced, reason: 'replaced by a newer connection of the same player' });
  await createRoom(second, 2); // the first left its room: the player is free to make another
  second.close();
});
