// mountGame(element, options): puts a game in any element. It builds the canvas and overlays,
// starts the engine in a worker (or on this thread where OffscreenCanvas WebGL is missing),
// forwards input when it changes, follows the element's size, pauses when the page is hidden or
// the game is scrolled out of view, and on destroy() frees the worker, the GL context and every
// listener it added.

import * as Comlink from 'comlink';
import type { GameEngine, EngineEvent } from '../engine/GameEngine.ts';
import { loadAssetManifest } from '../assets/AssetManifest.ts';
import { createSoundBoard, type SoundBoard } from '../audio/createSoundBoard.ts';
import { InputCapture } from '../input/InputCapture.ts';
import { canRenderOffscreen } from './canRenderOffscreen.ts';
import { Hud } from './Hud.ts';
import { NetHud } from './NetHud.ts';
import { Scoreboard } from './Scoreboard.ts';
import { injectStyles } from './styles.ts';
import type { GameEventMap, GameEventName, GameHandle, GameOptions, OnlineHandle, ReplayResult, RuntimeDiagnostics } from './types.ts';

export interface TesseraGameHandle extends GameHandle {
  /** The replay of the current or last match, as .tsrp bytes (null before the first tick). */
  takeReplay(): Promise<Uint8Array | null>;
  /** Step while paused and draw (frame advance; deterministic screenshots). */
  advance(ticks: number): Promise<void>;
  /** Counters for tests and tools: frames, messages each way, whether the GPU reads WASM memory. */
  diagnostics(): Promise<RuntimeDiagnostics>;
  /** Lose and restore the GL context, as mobile browsers do (for tests). */
  simulateContextLoss(): Promise<void>;
}

type Engine = Comlink.Remote<GameEngine>;
/** The engine once it exists, and how to free it. (A Comlink remote is never awaited itself.) */
interface Connection {
  engine: Engine;
  release(): void;
}

const defaultAssetManifestUrl = (): string => new URL(__TESSERA_ASSET_MANIFEST__, import.meta.url).href;

/** The relay `npm start` serves beside the game: /ws on the page's own origin. */
function sameOriginRelay(): string {
  const url = new URL('/ws', location.href);
  url.protocol = url.protocol === 'https:' ? 'wss:' : 'ws:';
  return url.href;
}

/** Counts messages both ways so tests can prove nothing crosses per frame. */
function countingWorker(worker: Worker, counts: { toWorker: number; fromWorker: number }): Worker {
  const post = worker.postMessage.bind(worker) as (message: unknown, transfer?: Transferable[]) => void;
  worker.postMessage = ((message: unknown, transfer?: Transferable[]) => {
    counts.toWorker++;
    post(message, transfer);
  }) as Worker['postMessage'];
  worker.addEventListener('message', () => counts.fromWorker++);
  return worker;
}

export function mountGame(element: HTMLElement, options: GameOptions = {}): TesseraGameHandle {
  const mode: 'worker' | 'main' = options.renderMode === 'main' || (options.renderMode !== 'worker' && !canRenderOffscreen()) ? 'main' : 'worker';
  let maxPixelRatio = options.maxPixelRatio ?? 2;
  const coarse = typeof matchMedia === 'function' && matchMedia('(pointer: coarse)').matches;

  injectStyles(element.getRootNode() instanceof ShadowRoot ? (element.getRootNode() as ShadowRoot) : document);
  const root = document.createElement('div');
  root.className = 'tessera-root';
  root.tabIndex = 0;
  root.setAttribute('role', 'application');
  root.setAttribute('aria-label', 'Tessera game');
  const canvas = document.createElement('canvas');
  const scoreboard = new Scoreboard();
  const hud = new Hud(options.hud ?? false);
  const netHud = new NetHud();
  root.append(canvas, scoreboard.element, hud.element, netHud.element);
  element.append(root);

  const listeners = new Map<GameEventName, Set<(detail: never) => void>>();
  const dispatch = <K extends GameEventName>(name: K, detail: GameEventMap[K]): void => {
    for (const fn of listeners.get(name) ?? []) (fn as (d: GameEventMap[K]) => void)(detail);
  };
  let sound: SoundBoard | null = null;
  const onEngineEvent = (event: EngineEvent): void => {
    if (event.type === 'state') scoreboard.show(event.detail);
    if (event.type === 'score') sound?.play('goal');
    if (event.type === 'matchend') sound?.play('whistle');
    if (event.type === 'stats') {
      hud.show(event.detail);
      netHud.show(event.detail.net);
    }
    if (event.type === 'matchstart') {
      // The engine runs the online match on its own; here the page lets it (visible, not paused).
      active = true;
      updateRunning();
      root.focus({ preventScroll: true });
    }
    dispatch(event.type, event.detail as never);
  };

  const counts = { toWorker: 0, fromWorker: 0 };
  let destroyed = false;
  // The worker and the engine module are looked up in the asset manifest, like the wasm and the
  // textures: no chunk embeds another's hashed name (see web/assets/AssetManifest.ts).
  const assets = loadAssetManifest(options.assetManifestUrl ?? defaultAssetManifestUrl());
  const connection: Promise<Connection> = assets.then(async (resolver) => {
    if (mode === 'worker') {
      const worker = countingWorker(new Worker(resolver.url('worker.js'), { type: 'module', name: 'tessera-game' }), counts);
      const remote = Comlink.wrap<GameEngine>(worker);
      return {
        engine: remote,
        release() {
          // Terminating frees the worker's GL context with it; no reply is awaited from a dying thread.
          remote[Comlink.releaseProxy]();
          worker.terminate();
        },
      };
    }
    const { GameEngine } = (await import(/* @vite-ignore */ resolver.url('engine.js'))) as typeof import('../engine/GameEngine.ts');
    const local = new GameEngine();
    return { engine: local as unknown as Engine, release: () => local.destroy() };
  });
  // Every call below is awaited, so one proxy that waits for the connection serves both modes.
  const engine = new Proxy({} as Engine, {
    get: (_, name: string) => async (...args: unknown[]) =>
      ((await connection).engine as unknown as Record<string, (...a: unknown[]) => unknown>)[name]!(...args),
  });

  const size = (): { width: number; height: number; pixelRatio: number } => ({
    width: Math.max(1, root.clientWidth),
    height: Math.max(1, root.clientHeight),
    pixelRatio: Math.min(globalThis.devicePixelRatio || 1, maxPixelRatio),
  });

  // Running is wanted by the game (a match or replay is on) and allowed by the page (visible, on screen, not paused).
  let active = false;
  let userPaused = false;
  let onScreen = true;
  const updateRunning = (): void => {
    if (destroyed) return;
    const run = active && !userPaused && onScreen && document.visibilityState === 'visible';
    void (run ? engine.resume() : engine.pause());
  };

  const fail = (error: unknown): never => {
    const message = error instanceof Error ? error.message : String(error);
    dispatch('error', { message });
    throw error;
  };

  const ready = (async () => {
    const target: HTMLCanvasElement | OffscreenCanvas = mode === 'worker' ? canvas.transferControlToOffscreen() : canvas;
    const { width, height, pixelRatio } = size();
    const resolver = await assets;
    // The AudioContext lives on the page (workers have none); the first gesture anywhere unlocks it.
    if (!destroyed) {
      sound = createSoundBoard({ goal: resolver.url('audio/goal.wav'), whistle: resolver.url('audio/whistle.wav') }, { volume: options.volume ?? 1, muted: options.muted ?? false });
    }
    const init = {
      wasmUrl: options.wasmUrl ?? resolver.url('tessera.wasm'),
      textureUrls: { tiles: resolver.url('textures/tiles.png') },
      width, height, pixelRatio,
      powerPreference: (coarse ? 'low-power' : 'high-performance') as WebGLPowerPreference,
      mode,
    };
    // Events come over the proxy's own MessageChannel, not the Worker: count them here, one
    // message in and Comlink's reply out.
    const emit = mode === 'worker'
      ? Comlink.proxy((event: EngineEvent) => {
        counts.fromWorker++;
        counts.toWorker++;
        onEngineEvent(event);
      })
      : onEngineEvent;
    const transfer = target instanceof OffscreenCanvas ? Comlink.transfer(target, [target]) : target;
    await engine.init(transfer as never, init, emit as never);
  })().catch(fail);

  const input = new InputCapture(root, {
    bindings: options.bindings,
    touchControls: options.touchControls ?? 'auto',
    onChange: (frame) => void engine.setInput(frame),
    onToggleHud: () => (hud.visible = !hud.visible),
  });

  const resize = (): void => {
    const { width, height, pixelRatio } = size();
    void ready.then(() => engine.resize(width, height, pixelRatio));
  };
  const resizeObserver = new ResizeObserver(resize);
  resizeObserver.observe(root);
  const intersectionObserver = new IntersectionObserver((entries) => {
    onScreen = entries.some((e) => e.isIntersecting);
    updateRunning();
  });
  intersectionObserver.observe(root);
  const onVisibility = (): void => updateRunning();
  document.addEventListener('visibilitychange', onVisibility);

  /** Every call that needs the engine waits for it, and fails clearly once the game is destroyed. */
  const live = async (): Promise<void> => {
    if (destroyed) throw new Error('this Tessera game was destroyed');
    await ready;
  };

  /** How to reach the relay: the last connect()'s options, else the relay beside the game. */
  let relay: { url: string; name?: string } | null = null;
  /** Every lobby request connects first (the engine keeps one live connection and reuses it). */
  const connected = async (): Promise<{ playerId: string }> => {
    await live();
    return engine.connectOnline(relay ?? { url: sameOriginRelay() });
  };
  const online: OnlineHandle = {
    connect(o = {}) {
      relay = { url: o.relayUrl ?? sameOriginRelay(), ...(o.name ? { name: o.name } : {}) };
      return connected();
    },
    async createRoom(o) {
      await connected();
      return engine.createRoom(o);
    },
    async joinRoom(code, o = {}) {
      await connected();
      return engine.joinRoom(code, o.spectate ?? false);
    },
    async quickMatch(players) {
      await connected();
      return engine.quickMatch(players);
    },
    async setReady(ready) {
      await connected();
      await engine.setReady(ready);
    },
    async startMatch() {
      await connected();
      await engine.startOnlineMatch();
    },
    async leave() {
      await live();
      await engine.leaveOnline();
      netHud.show(null);
      active = false;
      updateRunning();
    },
  };

  const handle: TesseraGameHandle = {
    canvas,
    mode,
    ready: ready.then(() => undefined),
    on(name, listener) {
      let set = listeners.get(name);
      if (!set) listeners.set(name, (set = new Set()));
      set.add(listener as (detail: never) => void);
      return () => set.delete(listener as (detail: never) => void);
    },
    async start(match = {}) {
      await live();
      await engine.startMatch({
        players: match.players ?? options.players,
        orbs: match.orbs ?? options.orbs,
        matchSeconds: match.matchSeconds ?? options.matchSeconds,
        seed: match.seed ?? options.seed,
      }).catch(fail);
      active = true;
      updateRunning();
      root.focus({ preventScroll: true });
    },
    async saveGame() {
      await live();
      return engine.saveGame();
    },
    async loadGame(save) {
      await live();
      await engine.loadGame(save).catch(fail);
      active = true;
      updateRunning();
      root.focus({ preventScroll: true });
    },
    async playReplay(bytes, replayOptions = {}) {
      await live();
      const done: Promise<ReplayResult> = engine.playReplay(bytes, replayOptions.speed ?? 1);
      active = true;
      updateRunning();
      return done.catch(fail).finally(() => {
        active = false;
        updateRunning();
      });
    },
    pause() {
      userPaused = true;
      updateRunning();
    },
    resume() {
      userPaused = false;
      updateRunning();
    },
    setVolume(volume, muted) {
      sound?.setVolume(volume);
      sound?.setMuted(muted);
    },
    setMaxPixelRatio(ratio) {
      maxPixelRatio = ratio;
      resize();
    },
    setHud(visible) {
      hud.visible = visible;
    },
    setBindings(bindings) {
      input.setBindings(bindings);
    },
    online,
    async takeReplay() {
      await live();
      return engine.takeReplay();
    },
    async advance(ticks) {
      await live();
      await engine.advance(ticks);
    },
    async diagnostics() {
      await live();
      return { ...(await engine.diagnostics()), messagesToWorker: counts.toWorker, messagesFromWorker: counts.fromWorker };
    },
    async simulateContextLoss() {
      await live();
      await engine.simulateContextLoss();
    },
    destroy() {
      if (destroyed) return;
      destroyed = true;
      document.removeEventListener('visibilitychange', onVisibility);
      resizeObserver.disconnect();
      intersectionObserver.disconnect();
      input.destroy();
      listeners.clear();
      void connection.then((c) => c.release(), () => {});
      sound?.destroy();
      root.remove();
    },
  };
  if (options.autoStart) void handle.start().catch(() => {}); // failures arrive as 'error' events
  return handle;
}
