// The public contract of the embeddable runtime: what mountGame() and <tessera-game> accept,
// the events they raise and the handle they return. Everything here is plain data so it crosses
// the worker boundary unchanged.

import type { KeyBindings } from '../input/bindings.ts';
import type { GameSave } from '../../host/save/GameSave.ts';

export type { GameSave };

export type RenderMode = 'auto' | 'worker' | 'main';

export interface GameOptions {
  /** Where the sim and renderer run: 'auto' picks the worker when OffscreenCanvas WebGL works. */
  renderMode?: RenderMode;
  /** URL of asset-manifest.json, which names the wasm, worker, engine and textures; default: beside the runtime. */
  assetManifestUrl?: string;
  /** URL of a tessera.wasm to run instead of the one the asset manifest names. */
  wasmUrl?: string;
  /** Players in the match (1..8); slot 0 is you, the rest are bots. */
  players?: number;
  /** Loose orbs on the pitch. */
  orbs?: number;
  /** Match length in seconds after kickoff (0 = the default 3 minutes). */
  matchSeconds?: number;
  /** PRNG seed; default: a fresh one per match. */
  seed?: number;
  /** Start a match as soon as the game is ready (the element's default); otherwise call start(). */
  autoStart?: boolean;
  /** Cap on the device pixel ratio (phones stay cool); default 2. */
  maxPixelRatio?: number;
  /** Keyboard bindings; unnamed actions keep their defaults. */
  bindings?: Partial<KeyBindings>;
  /** On-screen joystick: 'auto' shows it on touch devices. */
  touchControls?: 'auto' | 'on' | 'off';
  /** Sound effects' volume, 0..1 (default 1), and whether they are muted (default false). */
  volume?: number;
  muted?: boolean;
  /** Show the HUD (fps, sim ms, render ms, entities, tick) from the start; toggles with H. */
  hud?: boolean;
}

export interface MatchState {
  tick: number;
  /** 0 countdown, 1 playing, 2 ended (host/SimExports Phase). */
  phase: number;
  score: [number, number];
  /** Whole seconds left on the match clock. */
  secondsLeft: number;
}

export interface HudStats {
  fps: number;
  /** Median CPU ms per frame over the last window. */
  simMs: number;
  renderMs: number;
  entities: number;
  tick: number;
  /** Where the game runs: 'worker' or 'main'. */
  mode: 'worker' | 'main';
}

export interface ReplayResult {
  ticks: number;
  /** Final state hash as 8 hex digits, as `npm run replay` prints it. */
  finalHash: string;
  /** Every checkpoint in the file matched. */
  ok: boolean;
  firstMismatchTick: number | null;
}

export interface GameEventMap {
  ready: { buildId: string; mode: 'worker' | 'main' };
  /** The match clock or score changed (at most once per second, plus every goal). */
  state: MatchState;
  score: { team: number; points: number; score: [number, number] };
  matchend: { score: [number, number]; winner: number };
  stats: HudStats;
  replayend: ReplayResult;
  error: { message: string };
}

export type GameEventName = keyof GameEventMap;

export interface GameHandle {
  readonly canvas: HTMLCanvasElement;
  readonly mode: 'worker' | 'main';
  /** Resolves when the wasm is loaded and the first frame can be drawn. */
  readonly ready: Promise<void>;
  on<K extends GameEventName>(name: K, listener: (detail: GameEventMap[K]) => void): () => void;
  /** Start a new match (again after matchend). */
  start(options?: Pick<GameOptions, 'players' | 'orbs' | 'matchSeconds' | 'seed'>): Promise<void>;
  /** Watch a replay file (bytes of a .tsrp); resolves with its final hash once it has played out. */
  playReplay(bytes: Uint8Array, options?: { speed?: number }): Promise<ReplayResult>;
  /** The match in progress as a save: its state snapshot, hash and replay so far (null outside a match). */
  saveGame(): Promise<GameSave | null>;
  /** Carry on a saved match (it runs unless paused); rejects with a clear message for a save from another build or a damaged one. */
  loadGame(save: GameSave): Promise<void>;
  pause(): void;
  resume(): void;
  setHud(visible: boolean): void;
  /** Sound effects' volume (0..1) and mute. */
  setVolume(volume: number, muted: boolean): void;
  /** Change the device-pixel-ratio cap (the quality setting); the canvas is resized at once. */
  setMaxPixelRatio(ratio: number): void;
  setBindings(bindings: Partial<KeyBindings>): void;
  /** Stop the worker, free the GL context and every listener. The handle is dead afterwards. */
  destroy(): void;
}

/** What the engine reports about itself, for tests and tools. */
export interface EngineDiagnostics {
  mode: 'worker' | 'main';
  tick: number;
  hash: string;
  framesDrawn: number;
  /** The renderer's instance-matrix array is a view on the wasm memory's current buffer. */
  matrixArrayOnWasmMemory: boolean;
  /** Events the engine emitted since init. */
  eventsOut: number;
}

export interface RuntimeDiagnostics extends EngineDiagnostics {
  /** postMessage calls from the page to the worker, and messages back (0 in main-thread mode). */
  messagesToWorker: number;
  messagesFromWorker: number;
}
