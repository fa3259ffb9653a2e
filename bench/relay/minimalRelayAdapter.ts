// The bots engine's adapter for bench/relay/minimalRelay.ts: one socket per bot, joined by URL;
// an input is a 16-byte record (u32 tick, u32 sender seat as the input bits, f64 sentAt), a
// bundle is records back to back.
import WebSocket from 'ws';
import type { CreateRelayAdapter, OpenRoom, RoomPlan } from '../../bots/RelayAdapter.ts';
import type { RoomTally } from '../../bots/RoomTally.ts';
import { nextPhaseTime } from '../../bots/tickClock.ts';

const recordBytes = 16;

function opened(socket: WebSocket, signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    const fail = (reason: unknown): void => reject(reason instanceof Error ? reason : new Error(String(reason)));
    if (signal.aborted) return fail(signal.reason);
    signal.addEventListener('abort', () => fail(signal.reason), { once: true });
    socket.once('open', () => resolve());
    socket.once('error', fail);
    socket.once('close', (code) => fail(new Error(`closed with ${code} before opening`)));
  });
}

async function openRoom(relayUrl: string, plan: RoomPlan, tally: RoomTally, signal: AbortSignal): Promise<OpenRoom> {
  const url = new URL(relayUrl);
  url.searchParams.set('room', String(plan.index));
  let closing = false;
  const sockets = Array.from({ length: plan.players }, (_, seat) => {
    const socket = new WebSocket(url, { perMessageDeflate: false });
    socket.on('message', (bundle: Buffer) => {
      const receivedAt = performance.now();
      tally.bundle(receivedAt);
      for (let offset = 0; offset + recordBytes <= bundle.length; offset += recordBytes) {
        tally.delivered(seat, bundle.readUInt32LE(offset + 4), bundle.readUInt32LE(offset), bundle.readDoubleLE(offset + 8), receivedAt);
      }
    });
    socket.on('close', (code, reason) => {
      if (!closing) tally.closedUnexpectedly(`${code} ${reason.toString() || '(no reason)'}`);
    });
    // An error is always followed by a close, which is what gets counted.
    socket.on('error', () => {});
    return socket;
  });
  const close = (): void => {
    closing = true;
    for (const socket of sockets) socket.close(1000);
  };
  try {
    await Promise.all(sockets.map((socket) => opened(socket, signal)));
  } catch (err) {
    close();
    throw err;
  }
  // ws copies a masked client frame before send() returns, so one record buffer serves every send.
  const record = Buffer.alloc(recordBytes);
  return {
    // This relay keeps no clock: the bots' own starts at the room's phase.
    startAt: nextPhaseTime(performance.now(), plan.phaseMs),
    sendInputs(tick: number): number {
      let sent = 0;
      for (let seat = 0; seat < sockets.length; seat++) {
        const socket = sockets[seat]!;
        if (socket.readyState !== WebSocket.OPEN) continue;
        record.writeUInt32LE(tick, 0);
        record.writeUInt32LE(seat, 4);
        record.writeDoubleLE(performance.now(), 8);
        socket.send(record);
        sent++;
      }
      return sent;
    },
    close,
  };
}

export const createRelayAdapter: CreateRelayAdapter = (relayUrl) => ({
  openRoom: (plan, tally, signal) => openRoom(relayUrl, plan, tally, signal),
});
