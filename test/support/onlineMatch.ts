// Driving OnlineSessions (netcode/) against a real relay in tests: waiting for an event, a bounded
// frame loop, and comparing a session's confirmed checkpoint hashes with the relay's own
// (GET /admin/rooms/:code, which needs RELAY_ADMIN_KEY).
import assert from 'node:assert/strict';
import { hex32 } from '../../host/Sim.ts';
import { packInput } from '../../host/input.ts';
import type { OnlineEvents, OnlineSession } from '../../netcode/OnlineSession.ts';

/** The next `event` from session that `matches`, within timeoutMs. */
export function nextEvent<E extends keyof OnlineEvents>(
  session: OnlineSession,
  event: E,
  matches: (payload: OnlineEvents[E]) => boolean = () => true,
  timeoutMs = 5000,
): Promise<OnlineEvents[E]> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      off();
      reject(new Error(`no ${String(event)} within ${timeoutMs} ms`));
    }, timeoutMs);
    const off = session.on(event, (payload) => {
      if (!matches(payload)) return;
      clearTimeout(timer);
      off();
      resolve(payload);
    });
  });
}

/**
 * Runs the players' frame loop (about 120 Hz) until `done` says so; throws after timeoutMs. Each
 * player steers along its own curve, so remote inputs keep changing and predictions miss.
 */
export async function playUntil(players: readonly OnlineSession[], done: () => boolean, timeoutMs: number): Promise<void> {
  const until = performance.now() + timeoutMs;
  while (!done()) {
    if (performance.now() > until) throw new Error(`the condition was not met within ${timeoutMs} ms of play`);
    const now = performance.now();
    players.forEach((session, i) => session.update(now, packInput(0, Math.round(100 * Math.sin(now / 300 + i)), Math.round(100 * Math.cos(now / 500 + i)))));
    await new Promise((resolve) => setTimeout(resolve, 8));
  }
}

/** Resolves `promise` while playing: the frame loop runs until it settles, for at most timeoutMs. */
export async function playWhile<T>(players: readonly OnlineSession[], promise: Promise<T>, timeoutMs: number): Promise<T> {
  let settled = false;
  const tracked = promise.finally(() => (settled = true));
  tracked.catch(() => {});
  await playUntil(players, () => settled, timeoutMs);
  return tracked;
}

/** What the tests read of GET /admin/rooms/:code. */
export interface AdminRoom {
  readonly frontier: number;
  readonly hashInterval: number;
  /** [tick, 8 hex digits]. */
  readonly checkpoints: readonly [number, string][];
  readonly desyncs: readonly { readonly tick: number; readonly seat: number }[];
}

export async function fetchAdminRoom(relayUrl: URL | string, adminKey: string, code: string): Promise<AdminRoom> {
  const response = await fetch(new URL(`/admin/rooms/${code}`, relayUrl), { headers: { authorization: `Bearer ${adminKey}` } });
  assert.equal(response.status, 200, `GET /admin/rooms/${code}`);
  return (await response.json()) as AdminRoom;
}

/**
 * Every checkpoint the session finalised from tick `from` on is one the relay has and equals the
 * relay's, and there are at least `min` of them; returns how many were compared.
 */
export function assertHashesAreRelays(session: OnlineSession, relay: AdminRoom, from: number, min: number, who: string): number {
  const relayHashes = new Map(relay.checkpoints);
  const own = session.match!.confirmedHashes.filter((checkpoint) => checkpoint.tick >= from && relayHashes.has(checkpoint.tick));
  assert.ok(own.length >= min, `${who}: ${own.length} checkpoints to compare from tick ${from}, wanted ${min}`);
  for (const { tick, hash } of own) assert.equal(hex32(hash), relayHashes.get(tick), `${who}: checkpoint ${tick}`);
  return own.length;
}
