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
  /** During online play: the connection and the rollback session; null otherwise. */
  net: NetStats | null;
}

/** How online play is going, for the HUD (sent with 'stats', twice a second). */
export interface NetStats {
  /** Round trip to the relay, ms. */
  pingMs: number;
  /** Ticks re-simulated by the latest rollback, and the most in this match. */
  rollbackDepth: number;
  maxRollbackDepth: number;
  /** Hash mismatches the relay reported, and the snapshots that repaired them. */
  desyncs: number;
  resyncs: number;
  resimulatedTicks: number;
  /** Frames the client waited because it was a whole prediction window ahead. */
  stalls: number;
  reconnects: number;
}

/** Online play: connecting to the relay and the room this player is in. */
export interface OnlineOptions {
  /** The relay's WebSocket URL; default: /ws on the page's own origin. */
  relayUrl?: string;
  /** The name the other players see (the relay shortens it); default: one the relay picks. */
  name?: string;
}

/** Match settings of a room the player creates. */
export interface RoomOptions {
  /** Seats, 1..8 (even numbers make equal teams). */
  players: number;
  /** Match length after kickoff, seconds (0 = the default 3 minutes). */
  matchSeconds?: number;
  seed?: number;
  orbs?: number;
}

export interface RoomMember {
  playerId: string;
  name: string;
  /** Seat 0..7, or null for a spectator. */
  seat: number | null;
  ready: boolean;
  /** False while the member's connection is gone and its seat is held for it. */
  connected: boolean;
  pingMs: number;
}

export interface RoomView {
  code: string;
  /** This player's seat, or null when spectating. */
  seat: number | null;
  /** This player's id, and the owner's (the owner starts the match). */
  you: string;
  owner: string;
  maxPlayers: number;
  running: boolean;
  members: RoomMember[];
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
  /** The room this player is in changed (members, ready, ping, owner); null once it has left. */
  room: RoomView | null;
  /** An online match began for this player (also when joining a running one). */
  matchstart: { code: string; seat: number | null; seats: number };
  /** The connection to the relay broke and the client is trying again (its seat is held meanwhile). */
  reconnecting: { attempt: number; message: string };
  reconnected: Record<string, never>;
  /** The relay is gone for good (or refused the player): what happened, in a sentence. The match's replay is kept. */
  connectionlost: { message: string };
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
  /** Multiplayer through the relay: lobby requests; the match itself runs like any other (events, input, HUD). */
  readonly online: OnlineHandle;
  /** Stop the worker, free the GL context and every listener. The handle is dead afterwards. */
  destroy(): void;
}

/**
 * Each request connects first when there is no connection yet (a guest token from the relay's
 * POST /token); refusals reject with the relay's sentence. Room changes arrive as 'room' events,
 * the match as 'matchstart', 'state', 'matchend', and connection trouble as 'reconnecting' and
 * 'connectionlost'.
 */
export interface OnlineHandle {
  connect(options?: OnlineOptions): Promise<{ playerId: string }>;
  createRoom(options: RoomOptions): Promise<RoomView>;
  /** Join by code as a player, or as a spectator. */
  joinRoom(code: string, options?: { spectate?: boolean }): Promise<RoomView>;
  /** The fullest open room of this size for this build, or a new one; it starts when full. */
  quickMatch(players: number): Promise<RoomView>;
  setReady(ready: boolean): Promise<void>;
  /** The owner starts the match (refused while a seated player is not ready). */
  startMatch(): Promise<void>;
  /** Leave the room and close the connection; the game goes back to its preview. */
  leave(): Promise<void>;
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
  /** During and after online play: what the tests compare with the relay; null otherwise. */
  online: OnlineDiagnostics | null;
}

export interface OnlineDiagnostics {
  code: string;
  seat: number | null;
  /** Ticks below this are confirmed by the relay. */
  confirmedTick: number;
  /** [tick, hash as 8 hex digits] of every checkpoint whose every input was confirmed. */
  confirmedHashes: [number, string][];
  net: NetStats;
}

export interface RuntimeDiagnostics extends EngineDiagnostics {
  /** postMessage calls from the page to the worker, and messages back (0 in main-thread mode). */
  messagesToWorker: number;
  messagesFromWorker: number;
}
