// Every live socket, and the one authenticated connection per player. The relay-wide heartbeat
// walks it (one timer for all sockets, not one per socket), and revocation and shutdown reach
// live sockets through it.

import { CloseCode } from '../../protocol/generated/tessera.ts';
import type { RevocationList } from '../auth/RevocationList.ts';
import type { RelayConnection } from './RelayConnection.ts';

export class ConnectionRegistry {
  private readonly connections = new Set<RelayConnection>();
  private readonly byPlayer = new Map<string, RelayConnection>();

  get size(): number {
    return this.connections.size;
  }

  add(connection: RelayConnection): void {
    this.connections.add(connection);
  }

  /** A player has one connection: a newer one (a reload, a second tab) replaces the older. */
  admit(connection: RelayConnection): void {
    const previous = this.byPlayer.get(connection.playerId);
    this.byPlayer.set(connection.playerId, connection);
    previous?.close(CloseCode.replaced, 'replaced by a newer connection of the same player');
  }

  remove(connection: RelayConnection): void {
    this.connections.delete(connection);
    if (this.byPlayer.get(connection.playerId) === connection) this.byPlayer.delete(connection.playerId);
  }

  /** The heartbeat: every socket's client answers with a pong, which counts as activity. */
  pingAll(): void {
    for (const connection of this.connections) connection.ping();
  }

  /** Closes the sockets nothing (message, pong) has arrived from for idleTimeoutMs. */
  closeIdle(now: number, idleTimeoutMs: number): void {
    for (const connection of this.connections) {
      const silentMs = now - connection.lastHeardAt;
      if (silentMs >= idleTimeoutMs) {
        connection.close(CloseCode.heartbeatTimeout, `nothing received for ${Math.round(silentMs)} ms (idle timeout ${idleTimeoutMs} ms)`);
      }
    }
  }

  /** After a revocation: closes the authenticated sockets whose token it covers. */
  async closeRevoked(revocations: RevocationList): Promise<number> {
    let closed = 0;
    for (const connection of [...this.byPlayer.values()]) {
      if (connection.token && (await revocations.isRevoked(connection.token))) {
        connection.close(CloseCode.authRevoked, 'token revoked while connected');
        closed++;
      }
    }
    return closed;
  }

  closeAll(code: number, reason: string): void {
    for (const connection of [...this.connections]) connection.close(code, reason);
  }
}
