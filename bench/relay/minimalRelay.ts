// The floor any relay pays (../shared/bench/RELAY.md): clients join a room by URL (/?room=ID) and
// send their input records; every 16.7 ms each room sends all its members one message bundling the
// records received since its previous tick. Nothing else: no auth, no framing, no checks, no
// timeline. Run directly it listens on PORT (0 = ephemeral) and prints the same "listening" line as
// relay/main.ts, so the bench starts both the same way.
import type { IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { WebSocketServer, type WebSocket } from 'ws';

const tickMs = 1000 / 60;

interface Room {
  readonly members: Set<WebSocket>;
  pending: Buffer[];
  nextFlushAt: number;
  timer: NodeJS.Timeout | undefined;
}

const rooms = new Map<string, Room>();

function flush(room: Room): void {
  if (room.pending.length > 0) {
    const bundle = room.pending.length === 1 ? room.pending[0]! : Buffer.concat(room.pending);
    room.pending = [];
    for (const member of room.members) member.send(bundle);
  }
  // A late tick is not made up with a burst: the next one is a full tick after now at the latest.
  const now = performance.now();
  room.nextFlushAt = Math.min(Math.max(room.nextFlushAt + tickMs, now), now + tickMs);
  room.timer = setTimeout(flush, room.nextFlushAt - now, room);
}

function join(socket: WebSocket, request: IncomingMessage): void {
  const id = new URL(request.url ?? '/', 'http://relay').searchParams.get('room') ?? '';
  let room = rooms.get(id);
  if (room === undefined) {
    room = { members: new Set(), pending: [], nextFlushAt: performance.now() + tickMs, timer: undefined };
    room.timer = setTimeout(flush, tickMs, room);
    rooms.set(id, room);
  }
  const joined = room;
  joined.members.add(socket);
  socket.on('message', (record: Buffer) => joined.pending.push(record));
  socket.on('close', () => {
    joined.members.delete(socket);
    if (joined.members.size > 0) return;
    clearTimeout(joined.timer);
    rooms.delete(id);
  });
}

const server = new WebSocketServer({ port: Number(process.env.PORT ?? 0), host: process.env.HOST ?? '127.0.0.1', perMessageDeflate: false });
server.on('connection', join);
server.on('listening', () => {
  const { port } = server.address() as AddressInfo;
  process.stdout.write(`${JSON.stringify({ msg: 'listening', url: `http://127.0.0.1:${port}/` })}\n`);
});
process.once('SIGTERM', () => {
  // ws's close() leaves open sockets alone; a stopped bench relay has nobody left to serve.
  for (const client of server.clients) client.terminate();
  server.close(() => process.exit(0));
});
