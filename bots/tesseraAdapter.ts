// The bots engine's adapter for Tessera's relay, through the same client the game uses (net/):
// each bot fetches a guest token from POST /token, connects to /ws, the room's first bot creates
// it with autoStart and the others join by its code; tick 0 is due startsInMs after MatchStarted.
// Like the game's clients (ARCHITECTURE §4), bots send each input INPUT_DELAY_TICKS before its tick
// is due, and follow the relay's clock: when the relay has confirmed a tick the room has not sent
// yet (the room fell behind, e.g. MatchStarted arrived late), its clock skips ahead rather than
// sending forever after the deadline.
import WebSocket from 'ws';
import { readWasmFile } from '../host/readWasmFile.ts';
import { simBuildId } from '../host/Sim.ts';
import { RelayClient, type RelayMessageOf } from '../net/RelayClient.ts';
import { RelayClosedError, RoomRequestError } from '../net/RelayErrors.ts';
import { fetchGuestToken } from '../net/fetchGuestToken.ts';
import { type RelayMessage, Role, type RoomJoined } from '../protocol/generated/tessera.ts';
import type { CreateRelayAdapter, OpenRoom, RoomPlan } from './RelayAdapter.ts';
import type { RoomTally } from './RoomTally.ts';
import { relayEndpoints, unlessAborted } from './openRoomHelpers.ts';
import { tallyFrames } from './tallyFrames.ts';
import { followRelayClock, nextPhaseTime, tickMs } from './tickClock.ts';

/** ARCHITECTURE §4's default input delay D: an input goes out D ticks before its tick is due. */
const INPUT_DELAY_TICKS = 2;

/** The sim build the bots claim: build/tessera.wasm's, the one a verifying relay runs and requires. */
let simBuild: Promise<string> | undefined;

function nextMessage<Name extends RelayMessage['type']>(client: RelayClient, type: Name): Promise<RelayMessageOf<Name>> {
  return new Promise((resolve, reject) => {
    const offMessage = client.on(type, (message) => {
      offMessage();
      offClose();
      resolve(message);
    });
    const offClose = client.onClose((info) => {
      offMessage();
      offClose();
      reject(new RelayClosedError(info));
    });
  });
}

async function openRoom(relayUrl: string, plan: RoomPlan, tally: RoomTally, signal: AbortSignal): Promise<OpenRoom> {
  const endpoints = relayEndpoints(relayUrl);
  const clients: RelayClient[] = [];
  let closing = false;
  const close = (): void => {
    closing = true;
    for (const client of clients) client.close(1000, 'bots done');
  };
  const connectBot = async (bot: number): Promise<RelayClient> => {
    const { token } = await fetchGuestToken(endpoints.http, `bot-${plan.index}-${bot}`);
    const client = await RelayClient.connect({ url: endpoints.ws, token, WebSocket });
    clients.push(client);
    if (closing) client.close(1000, 'bots gave up on the room');
    client.onClose((info) => {
      if (closing) return;
      // This side closes on its own only when a relay frame did not decode.
      if (info.byClient) tally.closedOnDecodeError();
      else tally.closedUnexpectedly(`${info.code} ${info.name}`);
    });
    return client;
  };
  try {
    simBuild ??= readWasmFile('tessera.wasm').then(simBuildId);
    const build = await unlessAborted(simBuild, signal);
    const bots = await unlessAborted(Promise.all(Array.from({ length: plan.players }, (_, bot) => connectBot(bot))), signal);
    // Listening before the requests: the last join starts the match at once.
    const started = bots.map((client) => nextMessage(client, 'MatchStarted').then((m) => ({ at: performance.now() + m.startsInMs, deadlineMs: m.inputDeadlineMs })));
    for (const start of started) start.catch(() => {});
    // The relay owns the match clock and starts it when the last seat is taken: that request goes
    // out at the room's phase, so the clock lands there (not behind the relay's, which a shift would do).
    const atPhase = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, nextPhaseTime(performance.now(), plan.phaseMs) - performance.now()));
    const [owner, ...others] = bots;
    const last = others.pop();
    const settings = { seed: plan.index, matchTicks: plan.matchTicks, orbs: 0 };
    if (last === undefined) await unlessAborted(atPhase(), signal);
    const created = await unlessAborted(owner!.createRoom({ simBuild: build, maxPlayers: plan.players, autoStart: true, settings }), signal);
    const join = (client: RelayClient): Promise<RoomJoined> => client.joinRoom({ code: created.code, simBuild: build, role: Role.player });
    const joined = await unlessAborted(Promise.all(others.map(join)), signal);
    if (last !== undefined) {
      await unlessAborted(atPhase(), signal);
      joined.push(await unlessAborted(join(last), signal));
    }
    const starts = await unlessAborted(Promise.all(started), signal);
    let startAt = Math.min(...starts.map((start) => start.at)) - INPUT_DELAY_TICKS * tickMs;
    const deadlineTicks = Math.ceil(starts[0]!.deadlineMs / tickMs);
    const seats = [created.seat, ...joined.map((room) => room.seat)];
    bots.forEach((client, bot) => client.on('Frames', (frames) => tallyFrames(tally, seats[bot]!, seats, frames)));
    bots[0]!.on('Frames', (frames) => {
      startAt = followRelayClock(startAt, performance.now(), frames.firstTick + frames.ticks.length - 1, deadlineTicks, INPUT_DELAY_TICKS);
    });
    return {
      get startAt() {
        return startAt;
      },
      sendInputs(tick: number): number {
        let sent = 0;
        for (let bot = 0; bot < bots.length; bot++) {
          const client = bots[bot]!;
          if (client.closed !== null) continue;
          client.sendInput(tick, seats[bot]!, performance.now());
          sent++;
        }
        return sent;
      },
      close,
    };
  } catch (err) {
    if (err instanceof RoomRequestError) tally.requestFailed();
    close();
    throw err;
  }
}

export const createRelayAdapter: CreateRelayAdapter = (relayUrl) => ({
  openRoom: (plan, tally, signal) => openRoom(relayUrl, plan, tally, signal),
});
