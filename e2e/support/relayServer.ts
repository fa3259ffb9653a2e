// A server of its own for the online-play specs: `npm start`'s process (tools/start.ts: the built
// app from dist/ and the relay on one port) as a child, with an admin key so a spec can read the
// relay's checkpoint hashes, and the means to kill it outright and start it again on the same
// port (the pages already loaded keep their origin). Each spec owns its relay; nothing is shared
// with the playwright config's servers.

import { startRelayProcess, type RelayChild } from '../../tools/startRelayProcess.ts';

export interface AdminRoom {
  code: string;
  phase: string;
  simBuild: string;
  frontier: number;
  hashInterval: number;
  /** [tick, hash as 8 hex digits] of every checkpoint the relay's own sim reached. */
  checkpoints: [number, string][];
  desyncs: { tick: number; seat: number; playerId: string; clientHash: number; relayHash: number }[];
}

export interface RelayServer {
  /** http://127.0.0.1:PORT: the app and the relay. */
  readonly origin: string;
  /** GET /admin/rooms/:code with the admin key. */
  room(code: string): Promise<AdminRoom>;
  /** SIGKILL: no goodbye to any client, as when the machine or the process dies. */
  kill(): Promise<void>;
  /** Start it again on the same port. */
  restart(): Promise<void>;
  stop(): Promise<void>;
}

const ADMIN_KEY = 'e2e-admin-key-for-online-play';

function launch(port: number): Promise<RelayChild> {
  return startRelayProcess('tools/start.ts', {
    PORT: String(port),
    RELAY_STATIC_DIR: 'dist',
    RELAY_ADMIN_KEY: ADMIN_KEY,
  }, { nodeArgs: ['--max-semi-space-size=64'] });
}

export async function startRelayServer(): Promise<RelayServer> {
  let child: RelayChild | null = await launch(0);
  const origin = new URL(child.url).origin;
  const port = Number(new URL(origin).port);
  const kill = async (): Promise<void> => {
    if (!child) return;
    const dying = child;
    child = null;
    process.kill(dying.pid, 'SIGKILL');
    await dying.stop(); // resolves once the killed process has exited
  };
  return {
    origin,
    async room(code) {
      const response = await fetch(`${origin}/admin/rooms/${code}`, { headers: { Authorization: `Bearer ${ADMIN_KEY}` } });
      if (!response.ok) throw new Error(`GET /admin/rooms/${code}: HTTP ${response.status} ${await response.text()}`);
      return (await response.json()) as AdminRoom;
    },
    kill,
    async restart() {
      await kill();
      child = await launch(port);
    },
    async stop() {
      await child?.stop();
      child = null;
    },
  };
}
