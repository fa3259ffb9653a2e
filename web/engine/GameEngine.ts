// One running game: the wasm sim, the fixed-step loop and the renderer, on one thread. In a worker
// (gameWorker.ts) it draws to a transferred OffscreenCanvas and the page talks to it through
// Comlink; without OffscreenCanvas WebGL the page constructs it directly. Either way the renderer
// reads instance matrices straight out of WASM memory and nothing crosses per frame except the
// input the page sends when it changes and the few events this class emits.

import { type Sim, hex32 } from '../../host/Sim.ts';
import { loadSimFromUrl } from '../../host/loadSimFromUrl.ts';
import { Field, Phase, Q16, TICKS_PER_SECOND } from '../../host/SimExports.ts';
import type { MatchConfig } from '../../host/MatchConfig.ts';
import { packInput } from '../../host/input.ts';
import { ReplayRecorder } from '../../host/replay/ReplayRecorder.ts';
import { ReplayPlayer } from '../../host/replay/ReplayPlayer.ts';
import { decodeReplay, encodeReplay } from '../../host/replay/ReplayFile.ts';
import { type GameSave, loadSave, saveMatch } from '../../host/save/GameSave.ts';
import { ArenaRenderer } from '../render/ArenaRenderer.ts';
import type { EngineDiagnostics, GameEventMap, GameEventName, MatchState, ReplayResult, RoomOptions, RoomView } from '../runtime/types.ts';
import { FixedStepClock } from './FixedStepClock.ts';
import { FrameStats } from './FrameStats.ts';
import { GameEventKind, GameEventReader } from './readGameEvents.ts';
import { idleInput, type InputFrame } from './InputFrame.ts';
import { readArenaLayout } from './readArenaLayout.ts';
import { SimViews } from './SimViews.ts';
import { OnlinePlay, type OnlineConnectOptions } from './OnlinePlay.ts';

export type EngineEvent = { [K in GameEventName]: { type: K; detail: GameEventMap[K] } }[GameEventName];
export type EmitEngineEvent = (event: EngineEvent) => void;

export interface EngineInit {
  wasmUrl: string;
  /** Resolved through the asset manifest by the page. */
  textureUrls: { tiles: string };
  width: number;
  height: number;
  pixelRatio: number;
  powerPreference: WebGLPowerPreference;
  mode: 'worker' | 'main';
}

export interface MatchOptions {
  players?: number;
  orbs?: number;
  matchSeconds?: number;
  seed?: number;
}


/** Offline, slot 0 is the person at this screen and the other slots are bots; online, the local slot is the room seat. */
const LOCAL_SLOT = 0;
/** Pointer steering stops this close to the target (sim units), so the player does not jitter on it. */
const POINTER_DEAD_ZONE = 0.6;
const STICK_MAX = 127;

/** Decode an image off the main thread's DOM: works in a worker and on the page alike. */
async function loadImage(url: string): Promise<ImageBitmap> {
  const response = await fetch(url);
  if (!response.ok) throw new Error(`cannot load ${url}: HTTP ${response.status}`);
  return createImageBitmap(await response.blob());
}

function matchConfig(o: MatchOptions): MatchConfig {
  const players = o.players ?? 4;
  return {
    seed: o.seed ?? crypto.getRandomValues(new Uint32Array(1))[0]!,
    players,
    botMask: ((1 << players) - 1) & ~(1 << LOCAL_SLOT),
    matchTicks: Math.round((o.matchSeconds ?? 0) * TICKS_PER_SECOND),
    orbs: o.orbs ?? 40,
  };
}

type Driver =
  | { kind: 'preview' }
  | { kind: 'match'; recorder: ReplayRecorder }
  | { kind: 'replay'; player: ReplayPlayer; speed: number; done: (r: ReplayResult) => void }
  /** An online match: this.online steps the sim (predicting, rolling back) to the relay's clock. */
  | { kind: 'online'; seat: number | null };

export class GameEngine {
  private base: Sim | null = null;
  private sim: Sim | null = null;
  private views: SimViews | null = null;
  private renderer: ArenaRenderer | null = null;
  private canvas: HTMLCanvasElement | OffscreenCanvas | null = null;
  private emitFn: EmitEngineEvent = () => {};
  private mode: 'worker' | 'main' = 'main';
  private driver: Driver = { kind: 'preview' };
  private readonly clock = new FixedStepClock();
  private readonly stats = new FrameStats();
  private readonly events = new GameEventReader();
  private input: InputFrame = idleInput;
  private readonly inputRow = new Int32Array(8);
  private running = false;
  private frameHandle: number | null = null;
  private framesDrawn = 0;
  private eventsOut = 0;
  private lastState: MatchState | null = null;
  /** The relay connection and its matches, from the first lobby request until leaveOnline(). */
  private online: OnlinePlay | null = null;
  private onlineConnecting: Promise<OnlinePlay> | null = null;

  async init(canvas: HTMLCanvasElement | OffscreenCanvas, init: EngineInit, emit: EmitEngineEvent): Promise<{ buildId: string }> {
    this.emitFn = emit;
    this.mode = init.mode;
    this.canvas = canvas;
    const [base, tiles] = await Promise.all([loadSimFromUrl(init.wasmUrl), loadImage(init.textureUrls.tiles)]);
    this.base = base;
    this.renderer = new ArenaRenderer(canvas, { powerPreference: init.powerPreference });
    this.renderer.setFloorTexture(tiles);
    this.renderer.resize(init.width, init.height, init.pixelRatio);
    await this.showPreview();
    this.emit('ready', { buildId: this.base.buildId, mode: this.mode });
    return { buildId: this.base.buildId };
  }

  /** Start a match against bots (the previous one, if any, is dropped). */
  async startMatch(options: MatchOptions = {}): Promise<void> {
    const config = matchConfig(options);
    const sim = await this.requireBase().clone();
    this.use(sim, { kind: 'match', recorder: new ReplayRecorder(sim, config, { interval: TICKS_PER_SECOND }) });
    this.resume();
  }

  /** Watch a replay file; resolves with the final hash once it has played out. */
  async playReplay(bytes: Uint8Array, speed = 1): Promise<ReplayResult> {
    const replay = decodeReplay(bytes);
    const sim = await this.requireBase().clone();
    const player = new ReplayPlayer(sim, replay);
    return new Promise<ReplayResult>((done) => {
      this.use(sim, { kind: 'replay', player, speed: Math.max(1, Math.min(64, Math.round(speed))), done });
      this.resume();
    });
  }

  /** The replay of the current (or last) match, as a .tsrp file; online, the confirmed inputs so far (kept after the relay is gone). */
  takeReplay(): Uint8Array | null {
    if (this.driver.kind === 'online') return this.online?.replay() ?? null;
    return this.driver.kind === 'match' && this.driver.recorder.ticks > 0 ? encodeReplay(this.driver.recorder.finish()) : null;
  }

  /** The match being played as a save (null outside a match or before its first tick). */
  saveGame(): GameSave | null {
    return this.driver.kind === 'match' && this.driver.recorder.ticks > 0 ? saveMatch(this.driver.recorder) : null;
  }

  /** Put a saved match on screen where it was saved (refused if another build made it); resume() plays on. */
  async loadGame(save: GameSave): Promise<void> {
    const sim = await this.requireBase().clone();
    this.use(sim, { kind: 'match', recorder: loadSave(sim, save) });
  }

  // --- Online play: lobby requests (each connects first if needed); the match arrives as 'matchstart'. ---

  async connectOnline(options: OnlineConnectOptions): Promise<{ playerId: string }> {
    return { playerId: (await this.requireOnline(options)).playerId };
  }

  async createRoom(options: RoomOptions): Promise<RoomView> {
    return (await this.requireOnline()).createRoom(options);
  }

  async joinRoom(code: string, spectate = false): Promise<RoomView> {
    return (await this.requireOnline()).joinRoom(code, spectate);
  }

  async quickMatch(players: number): Promise<RoomView> {
    return (await this.requireOnline()).quickMatch(players);
  }

  async setReady(ready: boolean): Promise<void> {
    (await this.requireOnline()).setReady(ready);
  }

  async startOnlineMatch(): Promise<void> {
    await (await this.requireOnline()).startMatch();
  }

  /** Leave the room, close the connection, and show the preview again. */
  async leaveOnline(): Promise<void> {
    const online = this.online;
    this.online = null;
    this.onlineConnecting = null;
    if (!online) return;
    await online.close();
    // Said here, not by the session: a connection already gone has no room to leave, yet the page must hear it.
    this.emit('room', null);
    if (this.driver.kind === 'online') await this.showPreview();
  }

  setInput(frame: InputFrame): void {
    this.input = frame;
  }

  resize(width: number, height: number, pixelRatio: number): void {
    this.renderer?.resize(width, height, pixelRatio);
    if (!this.running) this.draw(performance.now(), 0);
  }

  pause(): void {
    this.running = false;
    this.cancelFrame();
  }

  resume(): void {
    if (this.running || !this.renderer) return;
    this.running = true;
    this.clock.reset();
    this.stats.reset();
    this.requestFrame();
  }

  /** Step `ticks` ticks while paused and draw the result (frame advance, deterministic screenshots). */
  advance(ticks: number): void {
    for (let i = 0; i < ticks; i++) this.stepOnce();
    this.draw(performance.now(), 0);
  }

  diagnostics(): EngineDiagnostics {
    const matrices = this.renderer?.matrixArray;
    return {
      mode: this.mode,
      tick: this.sim?.tick ?? 0,
      hash: this.sim ? hex32(this.sim.hash()) : '',
      framesDrawn: this.framesDrawn,
      matrixArrayOnWasmMemory: !!matrices && !!this.sim && matrices.buffer === this.sim.exports.memory.buffer,
      eventsOut: this.eventsOut,
      online: this.online?.diagnostics() ?? null,
    };
  }

  /** Lose the GL context and get it back, as a phone does under memory pressure (for tests). */
  async simulateContextLoss(): Promise<void> {
    const canvas = this.canvas;
    const gl = this.renderer?.renderer.getContext();
    const ext = gl?.getExtension('WEBGL_lose_context');
    if (!canvas || !ext) throw new Error('WEBGL_lose_context is not available');
    const once = (name: string): Promise<void> =>
      new Promise((resolve) => canvas.addEventListener(name, () => resolve(), { once: true }));
    const lost = once('webglcontextlost');
    ext.loseContext();
    await lost;
    // The browser allows a restore only once the lost event's dispatch has finished, and promise
    // continuations run between listeners; a task later it has.
    await new Promise((resolve) => setTimeout(resolve, 0));
    const restored = once('webglcontextrestored');
    ext.restoreContext();
    await restored;
  }

  destroy(): void {
    this.pause();
    void this.online?.close();
    this.online = null;
    this.renderer?.dispose();
    this.renderer = null;
    this.sim = this.base = null;
    this.views = null;
    this.emitFn = () => {};
  }

  /** The live connection, made on first use (a connection the relay ended for good is replaced). */
  private requireOnline(options?: OnlineConnectOptions): Promise<OnlinePlay> {
    if (this.online && !this.online.gone) return Promise.resolve(this.online);
    if (this.online) {
      // Its relay is gone: a new request means a new connection (the old match's replay was offered already).
      this.online = null;
      this.onlineConnecting = null;
    }
    if (!this.onlineConnecting) {
      if (!options) return Promise.reject(new Error('not connected to the relay: connect first'));
      const base = this.requireBase();
      // The page resumes the loop on 'matchstart' (unless it is hidden or paused).
      this.onlineConnecting = OnlinePlay.connect(base, options, (type, detail) => this.emit(type, detail), (sim, seat) => {
        this.use(sim, { kind: 'online', seat });
      }).then((online) => (this.online = online), (error: unknown) => {
        this.onlineConnecting = null;
        throw error;
      });
    }
    return this.onlineConnecting;
  }

  /** The still arena behind the menus. */
  private async showPreview(): Promise<void> {
    this.use(await this.requireBase().clone(), { kind: 'preview' }, matchConfig({ players: 4, seed: 1 }));
  }

  private requireBase(): Sim {
    if (!this.base) throw new Error('the game is not initialised (or was destroyed)');
    return this.base;
  }

  /** Make `sim` the one drawn and driven; a preview match is started with `config`. */
  private use(sim: Sim, driver: Driver, previewConfig?: MatchConfig): void {
    if (previewConfig) sim.start(previewConfig);
    this.sim = sim;
    this.driver = driver;
    this.views = new SimViews(sim.exports);
    this.events.read(this.views.events); // events of an old match are not news
    this.renderer!.setArena(readArenaLayout(sim.exports));
    this.lastState = null;
    this.draw(performance.now(), 0);
  }

  private emit<K extends GameEventName>(type: K, detail: GameEventMap[K]): void {
    this.eventsOut++;
    this.emitFn({ type, detail } as EngineEvent);
  }

  private requestFrame(): void {
    this.frameHandle = typeof requestAnimationFrame === 'function'
      ? requestAnimationFrame(this.frame)
      : (setTimeout(() => this.frame(performance.now()), 16) as unknown as number);
  }

  private cancelFrame(): void {
    if (this.frameHandle === null) return;
    if (typeof cancelAnimationFrame === 'function') cancelAnimationFrame(this.frameHandle);
    else clearTimeout(this.frameHandle);
    this.frameHandle = null;
  }

  private readonly frame = (now: number): void => {
    this.frameHandle = null;
    if (!this.running) return;
    this.requestFrame();
    const t0 = performance.now();
    const d = this.driver;
    let alpha: number;
    if (d.kind === 'online' && this.online) {
      // The session paces itself against the relay's clock, and says where the frame falls between ticks.
      this.online.update(t0, d.seat === null ? 0 : this.localInput(d.seat));
      alpha = this.online.renderAlpha(t0);
    } else {
      let ticks = this.clock.advance(now);
      if (d.kind === 'replay') ticks *= d.speed;
      for (let i = 0; i < ticks; i++) this.stepOnce();
      alpha = this.clock.alpha;
    }
    const t1 = performance.now();
    this.draw(now, alpha);
    const report = this.stats.frame(now, t1 - t0, performance.now() - t1);
    if (report && this.sim) {
      const net = d.kind === 'online' && this.online ? this.online.netStats() : null;
      this.emit('stats', { ...report, entities: this.sim.exports.liveEntities(), tick: this.sim.tick, mode: this.mode, net });
    }
  };

  private stepOnce(): void {
    const d = this.driver;
    if (d.kind === 'match' && this.sim!.exports.phase() !== Phase.Ended) {
      this.inputRow[LOCAL_SLOT] = this.localInput(LOCAL_SLOT);
      d.recorder.record(this.inputRow.subarray(0, d.recorder.config.players));
    } else if (d.kind === 'replay' && !d.player.done) {
      d.player.step();
      if (d.player.done) this.finishReplay(d);
    }
  }

  private finishReplay(d: Extract<Driver, { kind: 'replay' }>): void {
    const r = d.player.result();
    const result: ReplayResult = { ticks: r.ticks, finalHash: hex32(r.finalHash), ok: r.ok, firstMismatchTick: r.firstMismatchTick };
    this.emit('replayend', result);
    d.done(result);
  }

  /** The input record of the player in `slot` (the one at this screen) for this tick, from the latest InputFrame. */
  private localInput(slot: number): number {
    const { input, renderer, sim } = this;
    if (!renderer || !sim) return 0;
    let x: number, y: number;
    if (input.pointer) {
      const target = renderer.pointerToSim(input.pointer.x, input.pointer.y);
      const me = sim.exports.playerHandle(slot);
      if (!target || !sim.exports.isAlive(me)) return packInput(input.buttons, 0, 0);
      const dx = target[0] - sim.exports.getField(me, Field.PosX) / Q16;
      const dy = target[1] - sim.exports.getField(me, Field.PosY) / Q16;
      const len = Math.hypot(dx, dy);
      [x, y] = len < POINTER_DEAD_ZONE ? [0, 0] : [(dx / len) * STICK_MAX, (dy / len) * STICK_MAX];
    } else {
      [x, y] = renderer.stickToSim(input.stickX, input.stickY);
      const len = Math.hypot(x, y);
      if (len > STICK_MAX) [x, y] = [(x / len) * STICK_MAX, (y / len) * STICK_MAX];
    }
    return packInput(input.buttons, Math.round(x), Math.round(y));
  }

  private draw(now: number, alpha: number): void {
    const { renderer, sim, views } = this;
    if (!renderer || !sim || !views) return;
    views.refresh();
    const count = sim.exports.renderWrite(Math.round(alpha * Q16));
    renderer.setBodies(views, count);
    for (const ev of this.events.read(views.events)) this.onGameEvent(ev.kind, ev.a, ev.b, now);
    this.reportState();
    renderer.render(now);
    this.framesDrawn++;
  }

  private onGameEvent(kind: number, a: number, b: number, now: number): void {
    if (!this.sim || this.driver.kind === 'preview') return;
    const score: [number, number] = [this.sim.exports.score(0), this.sim.exports.score(1)];
    if (kind === GameEventKind.Goal) {
      this.renderer?.goal(a, now);
      this.emit('score', { team: a, points: b, score });
    } else if (kind === GameEventKind.MatchEnd) {
      this.emit('matchend', { score, winner: a });
    }
  }

  /** Emit 'state' when the clock's second, the score or the phase changed (checked per frame, no allocation). */
  private reportState(): void {
    if (this.driver.kind === 'preview') return;
    const e = this.sim!.exports;
    const phase = e.phase(), left = e.score(0), right = e.score(1);
    const secondsLeft = Math.ceil(e.ticksLeft() / TICKS_PER_SECOND);
    const last = this.lastState;
    if (last && last.phase === phase && last.score[0] === left && last.score[1] === right && last.secondsLeft === secondsLeft) return;
    this.lastState = { tick: e.tick(), phase, score: [left, right], secondsLeft };
    this.emit('state', this.lastState);
  }

}
