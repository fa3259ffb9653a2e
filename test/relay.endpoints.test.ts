// The relay's HTTP side on a real relay: /healthz, /metrics (the named families, and that they
// move), POST /token (a guest token that verifies and joins), the admin API's refusals, 404/405
// answers in JSON, and the static site on the same port as the WebSocket.

import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { jwtVerify } from 'jose';
import { encodeFrame } from '../protocol/frame.ts';
import { CloseCode, MessageType } from '../protocol/generated/tessera.ts';
import { startRelay, type RelayProcess } from './support/relayProcess.ts';
import { RelayTestClient, TEST_AUDIENCE, TEST_ISSUER, TEST_SECRET, createRoom, runningMatch, signToken, sleep } from './support/relayTestClient.ts';

const ADMIN_KEY = 'endpoint-test-admin-key';
const INDEX_HTML = '<!doctype html><title>Tessera test site</title>';

let relay: RelayProcess;
let site: string;

before(async () => {
  site = await mkdtemp(join(tmpdir(), 'tessera-relay-site-'));
  await writeFile(join(site, 'index.html'), INDEX_HTML);
  relay = await startRelay({ JWT_SECRET: TEST_SECRET, RELAY_GUEST_TOKENS: '1', RELAY_STATIC_DIR: site, RELAY_ADMIN_KEY: ADMIN_KEY, RELAY_START_DELAY_MS: '0' });
});

after(async () => {
  await relay?.stop();
  if (site) await rm(site, { recursive: true, force: true });
});

const url = (path: string): URL => new URL(path, relay.url);

async function metricValue(name: string, labels = ''): Promise<number> {
  const text = await (await fetch(url('metrics'))).text();
  const line = text.split('\n').find((l) => l.startsWith(`${name}${labels ? `{${labels}}` : ''} `));
  return line === undefined ? 0 : Number(line.split(' ').at(-1));
}

test('GET /healthz answers JSON with status, uptime, connections and rooms', async () => {
  const client = await RelayTestClient.welcomed(relay.wsUrl, await signToken());
  await createRoom(client, 2);
  const response = await fetch(url('healthz'));
  assert.equal(response.status, 200);
  assert.match(response.headers.get('content-type') ?? '', /^application\/json/);
  const body = (await response.json()) as Record<string, unknown>;
  assert.equal(body['status'], 'ok');
  assert.equal(typeof body['uptimeS'], 'number');
  assert.ok((body['connections'] as number) >= 1 && (body['rooms'] as number) >= 1, JSON.stringify(body));
  client.close();
});

test('GET /metrics has the relay families in Prometheus text, and they move', async () => {
  const response = await fetch(url('metrics'));
  assert.equal(response.status, 200);
  assert.match(response.headers.get('content-type') ?? '', /^text\/plain; version=0\.0\.4/);
  const text = await response.text();
  for (const family of [
    'connections',
    'connections_opened_total',
    'connections_closed_total',
    'rooms',
    'room_members',
    'messages_received_total',
    'messages_sent_total',
    'received_bytes_total',
    'sent_bytes_total',
    'rejected_frames_total',
    'auth_rejections_total',
    'rooms_created_total',
    'rooms_closed_total',
    'ticks_confirmed_total',
    'ticks_confirmed_by_deadline_total',
    'inputs_total',
    'tick_lag_ms',
    'process_cpu_seconds_total',
    'nodejs_eventloop_lag_seconds',
  ]) {
    assert.match(text, new RegExp(`^# TYPE tessera_relay_${family} `, 'm'), family);
  }

  const opened = await metricValue('tessera_relay_connections_opened_total');
  const badMagic = await metricValue('tessera_relay_rejected_frames_total', 'reason="badMagic",code="4001"');
  const expired = await metricValue('tessera_relay_auth_rejections_total', 'reason="authExpired",code="4023"');
  const received = await metricValue('tessera_relay_messages_received_total');
  const lagSamples = await metricValue('tessera_relay_tick_lag_ms_count');

  const live = await RelayTestClient.welcomed(relay.wsUrl, await signToken());
  assert.equal(await metricValue('tessera_relay_connections'), 1, 'one connection open now');
  live.sendBytes(encodeFrame(MessageType.Ping, live.takeSeq(), new Uint8Array(8)).map((b, i) => (i === 0 ? 0 : b)));
  assert.equal((await live.closedWithin()).code, CloseCode.badMagic);
  const refused = await RelayTestClient.connect(relay.wsUrl, { token: await signToken({ expiresAt: 1 }) });
  assert.equal((await refused.closedWithin()).code, CloseCode.authExpired);
  const match = await runningMatch(relay.wsUrl, 2);
  await sleep(300);
  match.stop();
  await sleep(100);

  assert.equal(await metricValue('tessera_relay_connections_opened_total'), opened + 4);
  assert.equal(await metricValue('tessera_relay_rejected_frames_total', 'reason="badMagic",code="4001"'), badMagic + 1);
  assert.equal(await metricValue('tessera_relay_auth_rejections_total', 'reason="authExpired",code="4023"'), expired + 1);
  assert.ok((await metricValue('tessera_relay_messages_received_total')) > received + 10, 'inputs counted');
  assert.ok((await metricValue('tessera_relay_tick_lag_ms_count')) > lagSamples + 10, 'tick lag observed');
  assert.ok((await metricValue('tessera_relay_connections_closed_total', 'reason="badMagic",code="4001"')) >= 1);
  assert.ok((await metricValue('tessera_relay_inputs_total', 'outcome="accepted"')) > 10);
  assert.equal(await metricValue('tessera_relay_connections'), 0, 'all closed again');
});

test('POST /token returns a guest token that verifies, carries the name asked for, and joins a room', async () => {
  const response = await fetch(url('token'), { method: 'POST', body: JSON.stringify({ name: 'Grace' }) });
  assert.equal(response.status, 200);
  assert.equal(response.headers.get('cache-control'), 'no-store');
  const { token, expiresIn } = (await response.json()) as { token: string; expiresIn: number };
  assert.equal(expiresIn, 600);
  const { payload } = await jwtVerify(token, new TextEncoder().encode(TEST_SECRET), { issuer: TEST_ISSUER, audience: TEST_AUDIENCE, algorithms: ['HS256'] });
  assert.match(payload.sub ?? '', /^guest:[\w-]{12}$/);
  assert.equal(payload['name'], 'Grace');
  assert.equal(typeof payload.jti, 'string');
  assert.equal(payload.exp! - payload.iat!, 600);

  const client = await RelayTestClient.connect(relay.wsUrl, { token });
  const welcome = await client.next('Welcome');
  assert.deepEqual([welcome.playerId, welcome.name], [payload.sub, 'Grace']);
  await createRoom(client, 2);
  client.close();

  const anonymous = (await (await fetch(url('token'), { method: 'POST' })).json()) as { token: string };
  const { payload: guest } = await jwtVerify(anonymous.token, new TextEncoder().encode(TEST_SECRET));
  assert.match(String(guest['name']), /^Guest [\w-]{4}$/, 'a name is made up when none is asked for');
});

test('bad requests answer JSON errors: 400 body, 401 admin key, 404 unknown path, 405 method, 426 plain GET /ws', async () => {
  const expectError = async (response: Response, status: number, message: RegExp): Promise<void> => {
    assert.equal(response.status, status, `${response.url}`);
    assert.match(response.headers.get('content-type') ?? '', /^application\/json/);
    assert.match(((await response.json()) as { error: string }).error, message);
  };
  await expectError(await fetch(url('token'), { method: 'POST', body: '{nope' }), 400, /not valid JSON/);
  await expectError(await fetch(url('token'), { method: 'POST', body: '{"name": 5}' }), 400, /"name" must be a string/);
  await expectError(await fetch(url('token'), { method: 'POST', body: 'x'.repeat(5000) }), 413, /over 4096 bytes/);
  await expectError(await fetch(url('admin/revoke'), { method: 'POST', body: '{"jti":"x"}' }), 401, /missing or wrong admin key/);
  await expectError(await fetch(url('admin/revoke'), { method: 'POST', headers: { Authorization: 'Bearer wrong' }, body: '{"jti":"x"}' }), 401, /wrong admin key/);
  await expectError(
    await fetch(url('admin/revoke'), { method: 'POST', headers: { Authorization: `Bearer ${ADMIN_KEY}` }, body: '{"jti":"x","sub":"y"}' }),
    400,
    /\{"jti": "<token id>"\} or \{"sub": "<player id>"\}/,
  );
  const get = await fetch(url('token'));
  assert.equal(get.headers.get('allow'), 'POST');
  await expectError(get, 405, /GET is not allowed on \/token \(allowed: POST\)/);
  await expectError(await fetch(url('healthz'), { method: 'POST' }), 405, /POST is not allowed on \/healthz/);
  await expectError(await fetch(url('index.html'), { method: 'DELETE' }), 405, /DELETE is not allowed on \/index.html \(allowed: GET, HEAD\)/);
  await expectError(await fetch(url('ws')), 426, /WebSocket endpoint/);
  assert.equal((await fetch(url('no-such-file.js'))).status, 404);
  await assert.rejects(RelayTestClient.connect(`ws://${relay.url.host}/not-ws`), /HTTP 404/);
});

test('the static site is served on the relay\'s port', async () => {
  for (const path of ['', 'index.html']) {
    const response = await fetch(url(path));
    assert.equal(response.status, 200, path);
    assert.equal(await response.text(), INDEX_HTML);
    assert.equal(response.headers.get('cache-control'), 'no-cache');
  }
  assert.equal((await fetch(url('index.html'), { method: 'HEAD' })).status, 200);
});
