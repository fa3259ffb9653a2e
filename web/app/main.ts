// The app page: menus around the embeddable runtime (the game itself is what a host page gets
// from mountGame()), the player's saves, replays and settings in IndexedDB, and the installed
// app's updates, offline state and install button.
// URL parameters: ?render=main|worker forces where the game runs, ?hud shows the HUD,
// ?seed=N fixes the matches' seed, ?matchSeconds=N their length (short matches for tests),
// ?replay=URL plays a replay file, ?speed=N plays it N times faster, ?room=CODE joins an online room.

import { mountGame, type TesseraGameHandle } from '../runtime/index.ts';
import type { GameSave, RenderMode } from '../runtime/types.ts';
import type { KeyBindings } from '../input/bindings.ts';
import { decodeReplay } from '../../host/replay/ReplayFile.ts';
import { TICKS_PER_SECOND } from '../../host/SimExports.ts';
import type { MatchConfig } from '../../host/MatchConfig.ts';
import { acceptReplayFiles, download, fetchReplay } from './replaySource.ts';
import { openPlayerStores, type PlayerStores } from './playerStores.ts';
import { AppUpdates } from './pwa/AppUpdates.ts';
import { formatBytes, updateBanner } from './pwa/updateBanner.ts';
import { watchConnectivity } from './pwa/connectivity.ts';
import { loadAppConfig } from './appConfig.ts';
import { setupInstallPrompt } from './installPrompt.ts';
import { renderRecordList, when } from './screens/recordList.ts';
import { bindSettingsScreen } from './screens/settingsScreen.ts';
import { bindLobbyScreen } from './screens/lobbyScreen.ts';
import { watchMultiplayerEntry } from './online/multiplayerAvailability.ts';
import { forgetRoomLink, roomFromLink } from './online/roomLink.ts';
import { describeReplay } from './describeReplay.ts';
import { defaultSettings, requestPersistence, type ReplayMeta, type SaveRecord, type Settings } from '../storage/index.ts';

const $ = <T extends HTMLElement>(id: string): T => document.getElementById(id) as T;
const params = new URLSearchParams(location.search);

declare global {
  interface Window {
    /** The running game, for the browser console and the end-to-end tests. */
    tesseraGame?: TesseraGameHandle;
  }
}

const screens = {
  title: $('title'), paused: $('paused'), result: $('result'), saves: $('saves'), replays: $('replays'), settings: $('settings'), replay: $('replay'),
  lobby: $('lobby'), netLost: $('net-lost'),
} as const;
type Screen = keyof typeof screens;
function show(screen: Screen | null): void {
  for (const [name, el] of Object.entries(screens)) el.hidden = name !== screen;
  $('error').hidden = true;
  $('pause-button').hidden = !(screen === null && inMatch);
  // A relay that came back (or went away) since the last look shows on the title screen.
  if (screen === 'title') void multiplayer.refresh();
}
function report(element: HTMLElement, error: unknown): void {
  element.textContent = error instanceof Error ? error.message : String(error);
}

// --- Player data first: the settings shape the game it mounts. ----------------------------------
const stores: PlayerStores | null = await openPlayerStores({ onClosedForUpgrade: () => location.reload() }).catch((error: unknown) => {
  // Private modes and blocked storage: the game still plays, nothing is kept.
  report($('saves-status'), error);
  return null;
});
let settings: Settings = stores ? await stores.settings.get() : defaultSettings;

const qualityPixelRatio = (quality: Settings['quality']): number =>
  quality === 'low' ? 1 : quality === 'high' ? 2 : matchMedia('(pointer: coarse)').matches ? 1.5 : 2;

const game = mountGame($('game'), {
  renderMode: (params.get('render') as RenderMode | null) ?? 'auto',
  hud: params.has('hud') || settings.hud,
  maxPixelRatio: qualityPixelRatio(settings.quality),
  volume: settings.audio.volume,
  muted: settings.audio.muted,
  ...(settings.bindings ? { bindings: settings.bindings as Partial<KeyBindings> } : {}),
});
window.tesseraGame = game;
let buildId = '';
game.on('ready', (r) => {
  buildId = r.buildId;
  $<HTMLButtonElement>('play').disabled = false;
});
const multiplayer = watchMultiplayerEntry($<HTMLButtonElement>('open-online'), $('online-unavailable'), game.ready);
game.on('error', ({ message }) => {
  const el = $('error');
  el.textContent = message;
  el.hidden = false;
});

// --- Matches: play, pause, save, full time. ----------------------------------------------------
let updates: AppUpdates | null = null;
const banner = updateBanner($('update'), () => updates?.apply());
/** A match is on from Play (or loading a save) until full time or quitting to the menu. */
let inMatch = false;
let reloadWhenIdle = false;
const seed = params.has('seed') ? Number(params.get('seed')) : undefined;
const matchSeconds = params.has('matchSeconds') ? Number(params.get('matchSeconds')) : undefined;
let lastMatch = { players: 4, matchSeconds: matchSeconds ?? 180, seed };
/** The match on screen is online: it cannot pause or be saved, and leaving it leaves the room. */
let onlineMatch = false;
/** The local player's team (0 blue, 1 orange): slot 0 offline, the room seat's team online. */
let myTeam = 0;

function setInMatch(on: boolean): void {
  inMatch = on;
  banner.setHeld(on);
  // Another window switched versions during the match: this one follows once it is over.
  if (!on && reloadWhenIdle) location.reload();
}

function play(match = lastMatch): void {
  lastMatch = match;
  onlineMatch = false;
  myTeam = 0;
  setInMatch(true);
  show(null);
  game.resume(); // a match quit from the pause screen left the game paused
  void game.start(match);
}

const form = $<HTMLFormElement>('match-form');
form.addEventListener('submit', (e) => {
  e.preventDefault();
  const data = new FormData(form);
  play({ players: Number(data.get('players')), matchSeconds: matchSeconds ?? Number(data.get('minutes')) * 60, seed });
});
$('play-again').addEventListener('click', () => play());
$('to-title').addEventListener('click', () => void toTitle());

/** Back to the title screen; from an online match that means leaving its room. */
async function toTitle(): Promise<void> {
  show('title');
  if (onlineMatch) {
    onlineMatch = false;
    $('reconnecting').hidden = true;
    await game.online.leave();
  }
}

function pause(): void {
  if (!inMatch || !screens.paused.hidden) return;
  // An online match goes on for everyone: the menu covers it but the game keeps running.
  if (!onlineMatch) game.pause();
  $('paused-heading').textContent = onlineMatch ? 'Menu (the match goes on)' : 'Paused';
  $('save-game').hidden = onlineMatch;
  $('save-status').textContent = '';
  show('paused');
}
$('pause-button').addEventListener('click', pause);
window.addEventListener('keydown', (e) => {
  if (e.code === 'Escape' && inMatch && screens.paused.hidden && screens.result.hidden) pause();
});
$('resume').addEventListener('click', () => {
  show(null);
  game.resume();
});
$('quit').addEventListener('click', () => {
  setInMatch(false);
  void toTitle();
  void refreshContinue();
});

function saveName(save: GameSave, config: MatchConfig): string {
  const secondsLeft = Math.max(0, Math.ceil((config.matchTicks - save.tick) / TICKS_PER_SECOND));
  return `${config.players / 2} v ${config.players / 2}, ${save.score[0]}–${save.score[1]}, ${Math.floor(secondsLeft / 60)}:${String(secondsLeft % 60).padStart(2, '0')} left`;
}

/** Store the match in progress; `id` 'autosave' keeps one rolling slot. */
async function saveGame(id: string = crypto.randomUUID()): Promise<SaveRecord | null> {
  const save = await game.saveGame();
  if (!save || !stores) return null;
  const { config } = decodeReplay(save.replay);
  const record: SaveRecord = {
    ...save,
    id,
    name: `${id === 'autosave' ? 'Autosave: ' : ''}${saveName(save, config)}`,
    createdAt: Date.now(),
    match: { players: config.players, matchSeconds: config.matchTicks / TICKS_PER_SECOND, seed: config.seed },
  };
  await stores.saves.put(record);
  void requestPersistence();
  return record;
}
$('save-game').addEventListener('click', async () => {
  const status = $('save-status');
  status.textContent = 'Saving…';
  try {
    const record = await saveGame();
    status.textContent = record ? `Saved: ${record.name}` : 'Nothing to save yet.';
  } catch (error) {
    report(status, error);
  }
});
// Switching away pauses the game (the runtime does) and keeps the match in the autosave slot.
document.addEventListener('visibilitychange', () => {
  if (document.visibilityState === 'hidden' && inMatch) void saveGame('autosave').catch(() => {});
});

let lastScore: [number, number] = [0, 0];
game.on('matchend', ({ score, winner }) => {
  if (watching) return;
  setInMatch(false);
  lastScore = score;
  $('result-score').innerHTML = `<span class="team0">${score[0]}</span> – <span class="team1">${score[1]}</span>`;
  $('result-text').textContent = winner < 0 ? 'A draw.' : winner === myTeam ? 'Your team wins!' : `The ${winner === 0 ? 'blue' : 'orange'} team wins.`;
  $('result-status').textContent = '';
  $('play-again').hidden = onlineMatch;
  $<HTMLButtonElement>('save-replay').disabled = !stores;
  show('result');
});

$('save-replay').addEventListener('click', async () => {
  const status = $('result-status');
  const bytes = await game.takeReplay();
  if (!bytes || !stores) return;
  try {
    const meta = await stores.replays.add(describeReplay(bytes, `Match of ${when(Date.now())}`, lastScore));
    status.textContent = `Saved to Replays: ${meta.name}`;
    void requestPersistence();
  } catch (error) {
    report(status, error);
  }
});

// --- Saves screen. -------------------------------------------------------------------------------
async function refreshContinue(): Promise<void> {
  const latest = stores ? (await stores.saves.list())[0] : undefined;
  const button = $<HTMLButtonElement>('continue');
  button.hidden = !latest;
  button.onclick = latest ? () => void loadSave(latest, $('error')) : null;
}
/** A loaded match waits on the pause screen, so the player picks it up when ready. */
async function loadSave(save: SaveRecord, status: HTMLElement): Promise<void> {
  status.textContent = 'Loading…';
  try {
    game.pause();
    await game.loadGame(save);
    status.textContent = '';
    setInMatch(true);
    show('paused');
    $('save-status').textContent = `Loaded: ${save.name}`;
  } catch (error) {
    report(status, error);
    status.hidden = false;
  }
}
async function showSaves(): Promise<void> {
  show('saves');
  if (!stores) return;
  const status = $('saves-status');
  renderRecordList($<HTMLUListElement>('save-list'), (await stores.saves.list()).map((save) => ({
    id: save.id,
    title: save.name,
    detail: `· ${when(save.createdAt)}${save.buildId === buildId ? '' : ' · another version'}`,
    actions: [
      { label: 'Load', primary: true, run: () => void loadSave(save, status) },
      { label: 'Delete', run: () => void stores.saves.delete(save.id).then(showSaves, (e: unknown) => report(status, e)) },
    ],
  })), 'No saves yet: pause a match (Esc) and press Save.');
}
$('open-saves').addEventListener('click', () => void showSaves());

// --- Replays screen. -----------------------------------------------------------------------------
/** While a replay plays, its full time is the replay's, not a result for this player. */
let watching = false;
let backFromReplay: Screen = 'title';

async function showReplays(): Promise<void> {
  show('replays');
  if (!stores) return;
  const status = $('replays-status');
  const withFile = (meta: ReplayMeta, use: (file: Uint8Array) => void) => async (): Promise<void> => {
    const file = await stores.replays.file(meta.id);
    if (file) use(file);
  };
  renderRecordList($<HTMLUListElement>('replay-list'), (await stores.replays.list()).map((meta) => ({
    id: meta.id,
    title: meta.name,
    detail: `· ${meta.score ? `${meta.score[0]}–${meta.score[1]} · ` : ''}${Math.round(meta.ticks / TICKS_PER_SECOND)} s · ${formatBytes(meta.bytes)}`,
    actions: [
      { label: 'Watch', primary: true, run: withFile(meta, (file) => void watch(file, meta.name, 'replays')) },
      { label: 'Export', run: withFile(meta, (file) => download(file as Uint8Array<ArrayBuffer>, `${meta.name.replace(/[^\w.-]+/g, '-')}.tsrp`)) },
      { label: 'Delete', run: () => void stores.replays.delete(meta.id).then(showReplays, (e: unknown) => report(status, e)) },
    ],
  })), 'No replays yet: save one at full time, or import a .tsrp file.');
}
$('open-replays').addEventListener('click', () => void showReplays());
acceptReplayFiles($<HTMLInputElement>('replay-import'), screens.replays, async (bytes, name) => {
  const status = $('replays-status');
  try {
    if (!stores) throw new Error('Replays cannot be kept in this browser (storage is unavailable).');
    // The file doesn't record the score; the list leaves it out rather than guess.
    await stores.replays.add(describeReplay(bytes, name.replace(/\.tsrp$/, ''), null));
    await showReplays();
    status.textContent = `Imported ${name}.`;
  } catch (error) {
    report(status, error);
  }
});

async function watch(bytes: Uint8Array, name: string, back: Screen = 'title'): Promise<void> {
  backFromReplay = back;
  show('replay');
  $('replay-status').textContent = `Watching ${name}…`;
  $('replay-hash').textContent = '';
  delete $('replay-hash').dataset['hash'];
  watching = true;
  game.resume(); // the pause menu may have left the game paused
  try {
    const r = await game.playReplay(bytes, { speed: Number(params.get('speed') ?? 1) });
    $('replay-status').textContent = r.ok
      ? `${name}: ${r.ticks} ticks, every checkpoint matches.`
      : `${name}: diverged at tick ${r.firstMismatchTick}.`;
    $('replay-hash').textContent = `final hash ${r.finalHash}`;
    $('replay-hash').dataset['hash'] = r.finalHash;
  } catch (error) {
    report($('replay-status'), error);
  } finally {
    watching = false;
  }
}
$('replay-back').addEventListener('click', () => void (backFromReplay === 'replays' ? showReplays() : show('title')));
acceptReplayFiles($<HTMLInputElement>('replay-file'), document.body, (bytes, name) => void watch(bytes, name));

const replayUrl = params.get('replay');
if (replayUrl) {
  void fetchReplay(replayUrl).then((bytes) => watch(bytes, replayUrl.split('/').pop() ?? 'replay'), (e: Error) => {
    show('replay');
    $('replay-status').textContent = e.message;
  });
}

// --- Online play: the lobby, the match, and a relay that goes away. -------------------------------
const lobby = bindLobbyScreen(screens.lobby, game.online, { ...(matchSeconds !== undefined ? { matchSeconds } : {}), ...(seed !== undefined ? { seed } : {}) });
$('open-online').addEventListener('click', () => show('lobby'));
$('lobby-back').addEventListener('click', () => {
  show('title');
  void game.online.leave();
});
game.on('room', (room) => lobby.showRoom(room));
game.on('matchstart', ({ seat }) => {
  onlineMatch = true;
  myTeam = (seat ?? 0) & 1;
  forgetRoomLink();
  setInMatch(true);
  show(null);
});
const reconnecting = $('reconnecting');
game.on('reconnecting', ({ attempt }) => {
  reconnecting.textContent = `Connection lost: reconnecting${attempt > 1 ? ` (attempt ${attempt})` : ''}…`;
  reconnecting.hidden = false;
});
game.on('reconnected', () => (reconnecting.hidden = true));
game.on('connectionlost', ({ message }) => {
  reconnecting.hidden = true;
  if (!onlineMatch) {
    // Lost from the lobby: nothing to keep; the lobby says what happened.
    lobby.showRoom(null);
    lobby.say(message);
    return;
  }
  setInMatch(false);
  $('net-lost-text').textContent = message;
  show('netLost');
  void keepOnlineReplay($('net-lost-replay'));
});
/** The confirmed part of an online match whose relay went away, kept in Replays like a saved one. */
async function keepOnlineReplay(status: HTMLElement): Promise<void> {
  status.textContent = 'Keeping the match replay…';
  try {
    const bytes = await game.takeReplay();
    if (!bytes) return void (status.textContent = 'The match had not started: there is no replay to keep.');
    if (!stores) throw new Error('Replays cannot be kept in this browser (storage is unavailable).');
    const meta = await stores.replays.add(describeReplay(bytes, `Online match of ${when(Date.now())} (connection lost)`, null));
    status.textContent = `The match so far is kept in Replays: ${meta.name}.`;
    status.dataset['replayId'] = meta.id;
    void requestPersistence();
  } catch (error) {
    report(status, error);
  }
}
$('net-lost-menu').addEventListener('click', () => void toTitle());
const linkedRoom = roomFromLink();
if (linkedRoom) {
  show('lobby');
  void multiplayer.refresh().then((why) => (why ? lobby.say(why) : lobby.join(linkedRoom)));
}

// --- Settings screen. ----------------------------------------------------------------------------
bindSettingsScreen($<HTMLFormElement>('settings-form'), $<HTMLUListElement>('binding-list'), $<HTMLButtonElement>('reset-bindings'), settings, (changes) => {
  settings = { ...settings, ...changes };
  if (changes.hud !== undefined) game.setHud(changes.hud);
  if (changes.audio) game.setVolume(changes.audio.volume, changes.audio.muted);
  if (changes.quality) game.setMaxPixelRatio(qualityPixelRatio(changes.quality));
  if ('bindings' in changes) game.setBindings((changes.bindings ?? {}) as Partial<KeyBindings>);
  const status = $('settings-status');
  status.textContent = '';
  void stores?.settings.update(changes).catch((e: unknown) => report(status, e));
});
async function showSettings(): Promise<void> {
  show('settings');
  const storage = await requestPersistence();
  $('storage-status').textContent = [
    storage.persisted ? 'Your saves are kept even when space runs low.' : 'The browser may clear saves when space runs low; installing the app or exporting replays keeps them safe.',
    storage.usage !== undefined && storage.quota !== undefined ? `${formatBytes(storage.usage)} used of ${formatBytes(storage.quota)}.` : '',
  ].join(' ');
  const version = await updates?.version();
  $('version-status').textContent = `Sim build ${buildId || '…'}${version ? ` · app version ${version.version} (${version.files} files, ${formatBytes(version.bytes)})` : ''}`;
}
$('open-settings').addEventListener('click', () => void showSettings());
$('check-update').addEventListener('click', async () => {
  const status = $('settings-status');
  status.textContent = 'Checking for updates…';
  try {
    status.textContent = (await updates?.check()) ? 'An update is downloading.' : 'This is the latest version.';
  } catch (error) {
    report(status, error);
  }
});
for (const back of document.querySelectorAll<HTMLButtonElement>('.screen .back')) back.addEventListener('click', () => show('title'));

// --- The installed app: service worker, updates between matches, offline, install. ---------------
watchConnectivity($('offline'));
setupInstallPrompt($<HTMLButtonElement>('install'), $('install-hint'));
// Only the built app has a service worker; the dev server serves sources.
if (import.meta.env.PROD && AppUpdates.supported()) {
  const config = await loadAppConfig();
  updates = new AppUpdates('/sw.js', {
    checkEveryMinutes: config.updateCheckMinutes,
    onStatus: (status) => banner.show(status),
    onSwitched: () => (inMatch ? (reloadWhenIdle = true) : location.reload()),
  });
  // A browser may refuse service workers (blocked by policy, some private modes): the game still
  // plays, only without offline play and updates in the background.
  void updates.start().catch(() => (updates = null));
}
void refreshContinue();
