// The fault-injection proxy (tools/faultProxy/) against a real echo server on loopback: each fault
// measured from the client's side, and a WebSocket session with the relay through it.
import assert from 'node:assert/strict';
import { once } from 'node:events';
import { connect, createServer, type Server, type Socket } from 'node:net';
import { after, before, describe, test } from 'node:test';
import WebSocket from 'ws';
import { RelayClient } from '../net/RelayClient.ts';
import { fetchGuestToken } from '../net/fetchGuestToken.ts';
import { FaultProxy, type FaultProxyOptions } from '../tools/faultProxy/FaultProxy.ts';
import { startRelay, type RelayProcess } from './support/relayProcess.ts';

/** Timers and the loopback add a little; a loaded 2-core machine adds more. */
const slackMs = 25;

let echo: Server;
let echoPort: number;
/** Server-side sockets, to see what a cut does to the target's end. */
const serverSockets: Socket[] = [];

before(async () => {
  echo = createServer({ allowHalfOpen: true }, (socket) => {
    serverSockets.push(socket);
    socket.on('error', () => {});
    socket.pipe(socket);
  });
  echo.listen(0, '127.0.0.1');
  await once(echo, 'listening');
  echoPort = (echo.address() as { port: number }).port;
});
after(() => new Promise<void>((resolve) => echo.close(() => resolve())));

async function withProxy(options: Partial<FaultProxyOptions>, body: (proxy: FaultProxy) => Promise<void>): Promise<void> {
  const proxy = await FaultProxy.start({ targetHost: '127.0.0.1', targetPort: echoPort, ...options });
  try {
    await body(proxy);
  } finally {
    await proxy.close();
  }
}

/** A client socket through the proxy that collects everything it receives. */
async function client(proxy: FaultProxy): Promise<{ socket: Socket; received: () => string; waitFor: (text: string, timeoutMs: number) => Promise<number> }> {
  const socket = connect({ host: '127.0.0.1', port: proxy.port, noDelay: true });
  socket.on('error', () => {});
  await once(socket, 'connect');
  let received = '';
  socket.setEncoding('utf8').on('data', (chunk: string) => (received += chunk));
  /** Resolves with the time at which `received` first ends with text. */
  const waitFor = (text: string, timeoutMs: number): Promise<number> =>
    new Promise((resolve, reject) => {
      const deadline = performance.now() + timeoutMs;
      const poll = (): void => {
        if (received.endsWith(text)) resolve(performance.now());
        else if (performance.now() > deadline) reject(new Error(`no "${text}" within ${timeoutMs} ms; got "${received.slice(-40)}"`));
        else setImmediate(poll);
      };
      poll();
    });
  return { socket, received: () => received, waitFor };
}

/** The socket's close within 2 s (once(socket, 'close') would reject on the ECONNRESET that comes first after a cut). */
const closeOf = (socket: Socket): Promise<void> =>
  new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('socket still open 2 s later')), 2_000);
    socket.once('close', () => {
      clearTimeout(timer);
      resolve();
    });
  });

/** Round trips of `count` one-at-a-time messages through the proxy and the echo server. */
async function roundTrips(proxy: FaultProxy, count: number): Promise<number[]> {
  const { socket, waitFor } = await client(proxy);
  const times: number[] = [];
  for (let i = 0; i < count; i++) {
    const text = `<${i}>`;
    const sentAt = performance.now();
    socket.write(text);
    times.push((await waitFor(text, 2_000)) - sentAt);
  }
  socket.destroy();
  return times;
}

describe('FaultProxy against an echo server', { timeout: 30_000 }, () => {
  test('without faults it forwards both ways and counts connections and bytes', async () => {
    await withProxy({}, async (proxy) => {
      const times = await roundTrips(proxy, 5);
      assert.ok(Math.max(...times) < slackMs, `round trips ${times.map((t) => t.toFixed(1)).join(', ')} ms`);
      const bytes = '<0><1><2><3><4>'.length;
      assert.deepEqual({ ...proxy.counts, open: 0 }, { connections: 1, open: 0, bytesUp: bytes, bytesDown: bytes, heldBytes: 0 });
    });
  });

  for (const direction of ['up', 'down'] as const) {
    test(`latency 40 ± 10 ms ${direction}: every round trip within [30, 50] ms plus slack, and the jitter shows`, async () => {
      await withProxy({ [direction]: { latencyMs: 40, jitterMs: 10 }, seed: 7 }, async (proxy) => {
        const times = await roundTrips(proxy, 12);
        const shown = times.map((t) => t.toFixed(1)).join(', ');
        assert.ok(Math.min(...times) >= 30 - 1, `a round trip under 30 ms: ${shown}`);
        assert.ok(Math.max(...times) <= 50 + slackMs, `a round trip over 50 ms + slack: ${shown}`);
        assert.ok(Math.max(...times) - Math.min(...times) >= 8, `no visible jitter: ${shown}`);
      });
    });
  }

  test('latency adds up over both directions', async () => {
    await withProxy({ up: { latencyMs: 30, jitterMs: 0 }, down: { latencyMs: 20, jitterMs: 0 } }, async (proxy) => {
      const times = await roundTrips(proxy, 4);
      for (const time of times) assert.ok(time >= 50 - 1 && time <= 50 + slackMs, `round trip ${time.toFixed(1)} ms, expected 50`);
    });
  });

  test('jitter never reorders: a burst of 300 writes with 0..60 ms jitter comes back in order', async () => {
    await withProxy({ up: { latencyMs: 30, jitterMs: 30 }, down: { latencyMs: 30, jitterMs: 30 }, seed: 3 }, async (proxy) => {
      const { socket, received, waitFor } = await client(proxy);
      let expected = '';
      for (let i = 0; i < 300; i++) {
        const text = `<${i}>`;
        expected += text;
        socket.write(text);
        // A chunk per write (TCP may still merge some): spaced well below the jitter.
        if (i % 10 === 9) await new Promise((resolve) => setTimeout(resolve, 1));
      }
      await waitFor('<299>', 5_000);
      assert.equal(received(), expected);
      socket.destroy();
    });
  });

  for (const direction of ['up', 'down'] as const) {
    test(`stall ${direction} for 300 ms holds the bytes, then delivers them`, async () => {
      await withProxy({}, async (proxy) => {
        const { socket, received, waitFor } = await client(proxy);
        proxy.stall(direction, 300);
        const sentAt = performance.now();
        socket.write('held');
        await new Promise((resolve) => setTimeout(resolve, 150));
        assert.equal(received(), '', 'nothing came back during the stall');
        assert.equal(proxy.counts.heldBytes, 4, 'the proxy holds the 4 bytes');
        const arrived = (await waitFor('held', 2_000)) - sentAt;
        assert.ok(arrived >= 300 - 1 && arrived <= 300 + slackMs, `arrived after ${arrived.toFixed(1)} ms`);
        assert.equal(proxy.counts.heldBytes, 0);
        socket.destroy();
      });
    });
  }

  test('a client that ends its side still gets the delayed echo, then the end', async () => {
    await withProxy({ up: { latencyMs: 20, jitterMs: 0 }, down: { latencyMs: 60, jitterMs: 0 } }, async (proxy) => {
      const { socket, received } = await client(proxy);
      const closed = closeOf(socket);
      socket.end('last words');
      await closed;
      assert.equal(received(), 'last words');
    });
  });

  test('cut() resets every connection: the client sees its socket close, so does the target', async () => {
    await withProxy({ down: { latencyMs: 50, jitterMs: 0 } }, async (proxy) => {
      const a = await client(proxy);
      const b = await client(proxy);
      a.socket.write('dropped');
      await new Promise((resolve) => setTimeout(resolve, 20));
      const before = serverSockets.length;
      const closedA = closeOf(a.socket);
      const closedB = closeOf(b.socket);
      assert.equal(proxy.cut(), 2);
      await Promise.all([closedA, closedB]);
      assert.equal(a.received(), '', 'bytes in flight were dropped, not delivered');
      assert.equal(proxy.counts.open, 0);
      await new Promise((resolve) => setTimeout(resolve, 20));
      assert.ok(serverSockets.slice(before - 2).every((socket) => socket.destroyed), 'the target side is closed too');
    });
  });

  test('cut(id) resets one connection; the other keeps echoing', async () => {
    await withProxy({}, async (proxy) => {
      const a = await client(proxy);
      const b = await client(proxy);
      const [first] = proxy.connectionIds;
      const closedA = closeOf(a.socket);
      assert.equal(proxy.cut(first), 1);
      await closedA;
      b.socket.write('still here');
      await b.waitFor('still here', 1_000);
      assert.equal(proxy.counts.open, 1);
      b.socket.destroy();
    });
  });

  test('bad delays are refused with the direction named', async () => {
    await assert.rejects(FaultProxy.start({ targetHost: '127.0.0.1', targetPort: echoPort, down: { latencyMs: -1, jitterMs: 0 } }), /down latency/);
  });
});

describe('FaultProxy in front of the relay', { timeout: 60_000 }, () => {
  let relay: RelayProcess;
  let proxy: FaultProxy;
  before(async () => {
    relay = await startRelay({ RELAY_VERIFY: '0' });
    proxy = await FaultProxy.start({
      targetHost: relay.url.hostname,
      targetPort: Number(relay.url.port),
      up: { latencyMs: 25, jitterMs: 5 },
      down: { latencyMs: 25, jitterMs: 5 },
    });
  });
  after(async () => {
    await proxy.close();
    await relay.stop();
  });

  test('a guest token, a WebSocket session and a room through the proxy; Ping round trips take the added 50 ± 10 ms', async () => {
    const { token } = await fetchGuestToken(`http://${proxy.host}/`, 'through-proxy');
    const relayClient = await RelayClient.connect({ url: `ws://${proxy.host}/ws`, token, WebSocket });
    const room = await relayClient.createRoom({ simBuild: 'proxy-test', maxPlayers: 2, autoStart: false, settings: { seed: 1, matchTicks: 0, orbs: 0 } });
    assert.match(room.code, /^[A-Z0-9]{6}$/);
    const rtts: number[] = [];
    for (let i = 0; i < 5; i++) {
      const sentAt = performance.now();
      const pong = new Promise<void>((resolve) => {
        const off = relayClient.on('Pong', () => {
          off();
          resolve();
        });
      });
      relayClient.send({ type: 'Ping', clientTime: sentAt });
      await pong;
      rtts.push(performance.now() - sentAt);
    }
    const shown = rtts.map((t) => t.toFixed(1)).join(', ');
    assert.ok(Math.min(...rtts) >= 40 - 1 && Math.max(...rtts) <= 60 + slackMs, `Ping round trips ${shown} ms`);
    assert.ok(proxy.counts.connections >= 2, 'the token request and the WebSocket both went through');
    const closed = new Promise((resolve) => relayClient.onClose(resolve));
    proxy.cut();
    const info = (await closed) as { code: number };
    assert.equal(info.code, 1006, 'a cut is an abnormal closure for the client');
  });
});
