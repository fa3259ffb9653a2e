// A relay configured with JWT_JWKS_URL (an identity provider's keys, no shared secret) verifies
// RS256 and ES256 tokens against a real JWKS served over HTTP on 127.0.0.1 — and refuses tokens
// signed by keys the JWKS does not hold, HS256 tokens, and (while the JWKS is unreachable) asks
// clients to try again rather than blaming their token.

import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { SignJWT, exportJWK, generateKeyPair, type CryptoKey, type JWK } from 'jose';
import { CloseCode } from '../protocol/generated/tessera.ts';
import { startRelay, type RelayProcess } from './support/relayProcess.ts';
import { RelayTestClient, TEST_AUDIENCE, TEST_ISSUER, signToken } from './support/relayTestClient.ts';

interface SigningKey {
  alg: 'RS256' | 'ES256';
  kid: string;
  privateKey: CryptoKey;
  jwk: JWK;
}

let relay: RelayProcess;
let jwksServer: Server;
let keys: SigningKey[];
/** While false the JWKS endpoint answers 503 (the identity provider is down). */
let jwksUp = false;
let jwksFetches = 0;
const JWKS_DELAY_MS = 300;

async function signingKey(alg: SigningKey['alg'], kid: string): Promise<SigningKey> {
  const { privateKey, publicKey } = await generateKeyPair(alg);
  return { alg, kid, privateKey, jwk: { ...(await exportJWK(publicKey)), kid, alg, use: 'sig' } };
}

function sign(key: SigningKey, sub: string): Promise<string> {
  return new SignJWT({ name: sub })
    .setProtectedHeader({ alg: key.alg, kid: key.kid, typ: 'JWT' })
    .setSubject(sub)
    .setIssuer(TEST_ISSUER)
    .setAudience(TEST_AUDIENCE)
    .setIssuedAt()
    .setExpirationTime('10m')
    .sign(key.privateKey);
}

before(async () => {
  keys = [await signingKey('RS256', 'rsa-1'), await signingKey('ES256', 'ec-1')];
  jwksServer = createServer((req, res) => {
    jwksFetches++;
    if (!jwksUp || req.url !== '/.well-known/jwks.json') return void res.writeHead(503).end();
    // A slow identity provider: connections wait for their token's verification meanwhile.
    setTimeout(() => res.writeHead(200, { 'Content-Type': 'application/json' }).end(JSON.stringify({ keys: keys.map((key) => key.jwk) })), JWKS_DELAY_MS);
  });
  await new Promise<void>((resolve) => jwksServer.listen(0, '127.0.0.1', resolve));
  const { port } = jwksServer.address() as AddressInfo;
  relay = await startRelay({ JWT_JWKS_URL: `http://127.0.0.1:${port}/.well-known/jwks.json` });
});

after(async () => {
  await relay?.stop();
  jwksServer?.close();
});

test('while the JWKS is unreachable, a token cannot be checked: closed with 1013 (try again later)', async () => {
  const client = await RelayTestClient.connect(relay.wsUrl, { token: await sign(keys[0]!, 'early') });
  const closed = await client.closedWithin(8000);
  assert.equal(closed.code, 1013, closed.reason);
  assert.match(closed.reason, /signing keys unavailable/);
  assert.ok(jwksFetches >= 1, 'the relay did ask the JWKS server');
  jwksUp = true;
});

test('frames sent while the token is being verified (a slow JWKS) are handled, in order, after Welcome', async () => {
  const fetchesBefore = jwksFetches;
  const client = await RelayTestClient.connect(relay.wsUrl, { token: await sign(keys[0]!, 'eager') });
  client.send({ type: 'Ping', clientTime: 1 });
  client.send({ type: 'Ping', clientTime: 2 });
  assert.equal((await client.next('Welcome', 8000)).playerId, 'eager');
  assert.deepEqual([(await client.next('Pong')).clientTime, (await client.next('Pong')).clientTime], [1, 2]);
  assert.equal(jwksFetches, fetchesBefore + 1, 'the JWKS was fetched during this connection, so the Pings arrived before verification ended');
  assert.deepEqual(client.received.map((r) => r.message.type), ['Welcome', 'Pong', 'Pong']);
  client.close();
});

for (const index of [0, 1]) {
  test(`a token signed with the JWKS's ${index === 0 ? 'RS256' : 'ES256'} key gets Welcome`, async () => {
    const key = keys[index]!;
    const client = await RelayTestClient.connect(relay.wsUrl, { token: await sign(key, `${key.alg}-player`) });
    const welcome = await client.next('Welcome', 8000);
    assert.equal(welcome.playerId, `${key.alg}-player`);
    client.close();
  });
}

test('a token signed by a key the JWKS does not hold → authBadSignature', async () => {
  const stranger = await signingKey('RS256', 'not-in-the-jwks');
  const client = await RelayTestClient.connect(relay.wsUrl, { token: await sign(stranger, 'stranger') });
  const closed = await client.closedWithin(8000);
  assert.equal(closed.code, CloseCode.authBadSignature, closed.reason);
  assert.match(closed.reason, /no key in the relay's JWKS matches/);
});

test('a token signed by an impostor under a kid the JWKS holds → authBadSignature', async () => {
  const impostor = { ...(await signingKey('RS256', 'x')), kid: 'rsa-1' };
  const client = await RelayTestClient.connect(relay.wsUrl, { token: await sign(impostor, 'impostor') });
  const closed = await client.closedWithin();
  assert.equal(closed.code, CloseCode.authBadSignature, closed.reason);
  assert.match(closed.reason, /signature does not verify/);
});

test('an HS256 token is refused: the relay has no secret, and algorithms are pinned', async () => {
  const client = await RelayTestClient.connect(relay.wsUrl, { token: await signToken() });
  const closed = await client.closedWithin();
  assert.equal(closed.code, CloseCode.authBadSignature, closed.reason);
  assert.match(closed.reason, /algorithm not accepted \(expected RS256 or ES256\)/);
});

test('no guest tokens without a secret: POST /token is 404 with a JSON reason', async () => {
  const response = await fetch(new URL('token', relay.url), { method: 'POST' });
  assert.equal(response.status, 404);
  assert.match(((await response.json()) as { error: string }).error, /guest tokens are off/);
});
