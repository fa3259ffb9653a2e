// The relay: one node:http server carrying the HTTP API, the static site and the WebSocket
// endpoint at /ws, plus the two relay-wide timers (heartbeat, room sweep). Everything lives in
// this process's memory — the embedded default.

import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { WebSocketServer } from 'ws';
import type { Sim } from '../host/Sim.ts';
import { HEADER_BYTES } from '../protocol/frame.ts';
import { createAuthenticator } from './auth/Authenticator.ts';
import { createGuestTokenIssuer } from './auth/GuestTokenIssuer.ts';
import { MemoryRevocationList } from './auth/MemoryRevocationList.ts';
import { createTokenVerifier } from './auth/TokenVerifier.ts';
import type { RelayConfig } from './config.ts';
import { ConnectionRegistry } from './connection/ConnectionRegistry.ts';
import { RelayConnection, type ConnectionContext } from './connection/RelayConnection.ts';
import { ADMIN_ROOMS_PATH, adminRoomEndpoint } from './http/adminRoomEndpoint.ts';
import { HttpError, sendJson } from './http/json.ts';
import { revokeEndpoint } from './http/revokeEndpoint.ts';
import { createRequestHandler, type Endpoint, type RouteTable } from './http/routes.ts';
import { staticSite } from './http/staticSite.ts';
import { tokenEndpoint } from './http/tokenEndpoint.ts';
import type { RelayLog } from './log.ts';
import { createRelayMetrics } from './metrics.ts';
import { RoomService } from './rooms/RoomService.ts';
import { Verification } from './rooms/Verification.ts';
import { RelayStats } from './stats.ts';

export interface Relay {
  /** Listens on config.host:config.port (0 = any free port); resolves to the URL it serves. */
  start(): Promise<URL>;
  /** Closes every socket with 1001, stops the rooms and the server. */
  close(): Promise<void>;
}

/** How often rooms check input deadlines: a tick is confirmed at most this late after its deadline. */
const SWEEP_MS = 5;
const LISTEN_BACKLOG = 4096;
/** The idle check runs apart from the pings, often enough that a silent socket is closed within a
 *  tenth of the timeout (at most a second) after it expires, not a whole heartbeat later. */
const idleCheckMs = (idleTimeoutMs: number): number => Math.min(1000, Math.max(10, Math.floor(idleTimeoutMs / 10)));
const GOING_AWAY = 1001;

/** `sim`: the relay's own sim build, which verifies every room; null relays without verifying (RELAY_VERIFY=0). */
export function createRelay(config: RelayConfig, log: RelayLog, sim: Sim | null): Relay {
  const clock = (): number => performance.now();
  const startedAt = clock();
  const stats = new RelayStats();
  const rooms = new RoomService(
    {
      tickRate: config.tickRate,
      inputDeadlineMs: config.inputDeadlineMs,
      startDelayMs: config.startDelayMs,
      maxSpectators: config.maxSpectators,
      maxInputAheadTicks: config.maxInputAheadTicks,
      reconnectGraceMs: config.reconnectGraceMs,
    },
    clock,
    stats,
    {
      lifecycle: (event) => log.info(event, event.event),
      desync: (event) => log.warn(event, 'desync'),
    },
    sim === null ? null : new Verification(sim, config.hashInterval),
  );
  const registry = new ConnectionRegistry();
  const revocations = new MemoryRevocationList(config.maxTokenAgeS);
  const context: ConnectionContext = {
    config,
    authenticate: createAuthenticator(createTokenVerifier(config), revocations),
    rooms,
    registry,
    stats,
    log,
    clock,
  };
  const metrics = createRelayMetrics(stats, { connections: () => registry.size, rooms: () => rooms.roomCount, roomMembers: () => rooms.memberCount, verifierBytes: () => rooms.verifierBytes });
  const { jwtSecret } = config;

  const routes: RouteTable = new Map<string, Partial<Record<string, Endpoint>>>([
    ['/healthz', { GET: (_req, res) => sendJson(res, 200, { status: 'ok', uptimeS: Math.round((clock() - startedAt) / 1000), connections: registry.size, rooms: rooms.roomCount }) }],
    [
      '/metrics',
      {
        GET: async (_req, res) => {
          const text = await metrics.text();
          res.writeHead(200, { 'Content-Type': metrics.contentType, 'Cache-Control': 'no-store' });
          res.end(text);
        },
      },
    ],
    ['/token', { POST: tokenEndpoint(config.guestTokens && jwtSecret ? createGuestTokenIssuer({ ...config, jwtSecret }) : null) }],
    ['/admin/revoke', { POST: revokeEndpoint({ adminKey: config.adminKey, revocations, closeRevoked: () => registry.closeRevoked(revocations), log }) }],
    [ADMIN_ROOMS_PATH, { GET: adminRoomEndpoint(config.adminKey, (code) => rooms.adminRoom(code)) }],
    [
      '/ws',
      {
        GET: () => {
          throw new HttpError(426, 'this is the WebSocket endpoint: connect with a WebSocket client', { Upgrade: 'websocket' });
        },
      },
    ],
  ]);
  const server = createServer(createRequestHandler(routes, config.staticDir === null ? null : staticSite(config.staticDir), log));
  // ws refuses a message over maxPayload from its length field, before buffering any of it.
  const sockets = new WebSocketServer({ noServer: true, perMessageDeflate: false, maxPayload: HEADER_BYTES + config.maxPayload });
  server.on('upgrade', (request, socket, head) => {
    socket.on('error', () => socket.destroy());
    if (new URL(request.url ?? '/', 'http://relay').pathname !== '/ws') {
      socket.end('HTTP/1.1 404 Not Found\r\nConnection: close\r\nContent-Length: 0\r\n\r\n');
      return;
    }
    sockets.handleUpgrade(request, socket, head, (ws) => new RelayConnection(ws, request, context));
  });

  const every = (ms: number, what: string, run: () => void): NodeJS.Timeout =>
    setInterval(() => {
      try {
        run();
      } catch (error) {
        log.error({ err: error }, `${what} failed`);
      }
    }, ms);
  let timers: NodeJS.Timeout[] = [];

  return {
    start: () =>
      new Promise((resolve, reject) => {
        server.once('error', reject);
        // A deep accept queue: thousands of clients connecting at once overflowed Node's default 511.
        server.listen({ port: config.port, host: config.host, backlog: LISTEN_BACKLOG }, () => {
          server.off('error', reject);
          timers = [
            every(config.heartbeatMs, 'heartbeat', () => registry.pingAll()),
            every(idleCheckMs(config.idleTimeoutMs), 'idle check', () => registry.closeIdle(clock(), config.idleTimeoutMs)),
            every(SWEEP_MS, 'room sweep', () => rooms.sweep()),
          ];
          const { address, port } = server.address() as AddressInfo;
          resolve(new URL(`http://${address.includes(':') ? `[${address}]` : address}:${port}/`));
        });
      }),
    close: async () => {
      for (const timer of timers) clearInterval(timer);
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      rooms.close(); // members get RoomLeft while their sockets are still open
      registry.closeAll(GOING_AWAY, 'relay shutting down');
      server.closeIdleConnections();
      // Resolves once every socket has closed; RelayConnection cuts those that do not answer the close frame.
      await closed;
      sockets.close();
    },
  };
}
