// The bots engine's adapter for `npm run bots -- --sim`: each bot is a real online player, an
// OnlineSession (netcode/) running the rollback session on its own instance of build/tessera.wasm,
// exactly as the game's worker does. The engine's tick timer is the bots' frame loop: each frame
// every bot calls update() with its input, and the session decides how many ticks to run (time
// sync, prediction window). Besides the relay-level counts (the same Frames tally as the scripted
// bots, through a tapped socket), every frame reads the session's netcode counters: rollbacks and
// their depth, re-simulated ticks, stalls, desyncs, resyncs and reconnects; and each bot's input
// delay, which its match chose from the link.
import { loadSimNode } from '../host/loadSimNode.ts';
import { randomInputs } from '../host/replay/randomInputs.ts';
import type { Sim } from '../host/Sim.ts';
import { RoomRequestError } from '../net/RelayErrors.ts';
import { type NetStats, OnlineSession } from '../netcode/OnlineSession.ts';
import type { Frames, MatchStarted } from '../protocol/generated/tessera.ts';
import type { CreateRelayAdapter, OpenRoom, RoomPlan } from './RelayAdapter.ts';
import type { RoomTally } from './RoomTally.ts';
import { relayEndpoints, unlessAborted } from './openRoomHelpers.ts';
import { tallyFrames } from './tallyFrames.ts';
import { type RelayTap, tappedWebSocket } from './tappedWebSocket.ts';

/** The demo game's default pitch: enough bodies that a rollback costs what it costs in the game. */
const orbs = 40;

/** One sim per worker thread: each session plays on its own clone of it. */
let loadedSim: Promise<Sim> | undefined;

/** One bot: its session and the counters already tallied, so each frame adds only what changed. */
class SimBot {
  private counted: NetStats;
  private online = true;

  constructor(
    readonly session: OnlineSession,
    private readonly tally: RoomTally,
  ) {
    // A bot is made once its match started, so this is the delay its one match plays with.
    this.counted = session.netStats();
    tally.playsWithInputDelay(this.counted.inputDelay);
    session.on('connection', ({ state }) => {
      this.online = state === 'connected';
      if (state === 'gone') tally.closedUnexpectedly('relay gone');
    });
    session.on('error', () => tally.unappliedMessage());
  }

  get seat(): number {
    return this.session.room?.seat ?? -1;
  }

  /** One frame: runs the ticks due, tallies the inputs that went out and what the netcode did. */
  frame(input: number): void {
    const stepped = this.session.update(performance.now(), input);
    const match = this.session.match;
    const now = performance.now();
    if (stepped > 0 && this.online && match !== null) {
      // update() sent one input per tick it advanced: the last went out for sentInput.tick.
      const last = match.sentInput.tick;
      for (let tick = last - stepped + 1; tick <= last; tick++) this.tally.sentBy(tick, this.seat);
    }
    this.countNetcode(now);
  }

  /** Adds what the session's counters gained since the last call. */
  countNetcode(now: number): void {
    const stats = this.session.netStats();
    const before = this.counted;
    // update() rolls back at most once (before its first tick): one depth per new rollback.
    for (let i = before.rollbacks; i < stats.rollbacks; i++) this.tally.rolledBack(now, stats.rollbackDepth);
    this.tally.resimulated(now, stats.resimulatedTicks - before.resimulatedTicks);
    this.tally.stalled(now, stats.stalls - before.stalls);
    this.tally.desynced(stats.desyncs - before.desyncs);
    this.tally.resynced(stats.resyncs - before.resyncs);
    this.tally.reconnected(stats.reconnects - before.reconnects);
    this.counted = stats;
  }
}

/** What a bot's socket tap reports to: the Frames tally once the room's seats are known, and the match start. */
class BotTap implements RelayTap {
  /** Set once every bot of the room is seated; Frames before that are not counted. */
  tallyFrames: ((message: Frames) => void) | null = null;
  /** Local time tick 0 is due, from the first MatchStarted. */
  readonly startAt: Promise<number>;
  private started!: (at: number) => void;

  constructor() {
    this.startAt = new Promise((resolve) => (this.started = resolve));
  }

  frames(message: Frames): void {
    this.tallyFrames?.(message);
  }

  matchStarted(message: MatchStarted): void {
    this.started(performance.now() + message.startsInMs);
  }
}

async function openRoom(relayUrl: string, plan: RoomPlan, tally: RoomTally, signal: AbortSignal): Promise<OpenRoom> {
  const endpoints = relayEndpoints(relayUrl);
  const sessions: OnlineSession[] = [];
  let closing = false;
  const close = (): void => {
    closing = true;
    for (const session of sessions) session.close();
  };
  const taps = Array.from({ length: plan.players }, () => new BotTap());
  const connectBot = async (bot: number, sim: Sim): Promise<OnlineSession> => {
    const session = await OnlineSession.connect({ url: endpoints.ws, WebSocket: tappedWebSocket(taps[bot]!), sim, name: `bot-${plan.index}-${bot}` });
    sessions.push(session);
    if (closing) session.close();
    return session;
  };
  try {
    loadedSim ??= loadSimNode();
    const sim = await unlessAborted(loadedSim, signal);
    const connected = await unlessAborted(Promise.all(Array.from({ length: plan.players }, (_, bot) => connectBot(bot, sim))), signal);
    const [owner, ...others] = connected;
    const room = await unlessAborted(owner!.createRoom({ maxPlayers: plan.players, autoStart: true, settings: { seed: plan.index, matchTicks: plan.matchTicks, orbs } }), signal);
    for (const session of others) await unlessAborted(session.joinRoom(room.code), signal);
    const startAt = Math.min(...(await unlessAborted(Promise.all(taps.map((tap) => tap.startAt)), signal)));
    const bots = connected.map((session) => new SimBot(session, tally));
    const seats = bots.map((bot) => bot.seat);
    bots.forEach((bot, i) => (taps[i]!.tallyFrames = (frames) => tallyFrames(tally, bot.seat, seats, frames)));
    // People-like inputs (hold a direction, dash now and then) so that predictions miss and roll back.
    const nextInputs = randomInputs(plan.index, plan.players, 0);
    return {
      startAt,
      sendInputs(): number {
        const inputs = nextInputs();
        for (const bot of bots) bot.frame(inputs[bot.seat] ?? 0);
        // The session picks the ticks it sends; SimBot.frame tallied them.
        return 0;
      },
      close(): void {
        for (const bot of bots) bot.countNetcode(performance.now());
        close();
      },
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
