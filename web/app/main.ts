// The app page: title screen, a match against bots, the result screen, replays. The game itself
// is the same embeddable runtime a host page gets from mountGame(); this file only adds menus.
// URL parameters: ?render=main|worker forces where the game runs, ?hud shows the HUD,
// ?seed=N fixes the matches' seed, ?replay=URL plays a replay file, ?speed=N plays it N times faster.

import { mountGame, type TesseraGameHandle } from '../runtime/index.ts';
import type { RenderMode } from '../runtime/types.ts';
import { acceptReplayFiles, download, fetchReplay } from './replaySource.ts';

const $ = <T extends HTMLElement>(id: string): T => document.getElementById(id) as T;
const params = new URLSearchParams(location.search);

const game = mountGame($('game'), {
  renderMode: (params.get('render') as RenderMode | null) ?? 'auto',
  hud: params.has('hud'),
});
declare global {
  interface Window {
    /** The running game, for the browser console and the end-to-end tests. */
    tesseraGame?: TesseraGameHandle;
  }
}
window.tesseraGame = game;

const screens = { title: $('title'), result: $('result'), replay: $('replay') } as const;
function show(screen: keyof typeof screens | null): void {
  for (const [name, el] of Object.entries(screens)) el.hidden = name !== screen;
  $('error').hidden = true;
}
/** While a replay plays, its full time is the replay's, not a result for this player. */
let watching = false;

const form = $<HTMLFormElement>('match-form');
const seed = params.has('seed') ? Number(params.get('seed')) : undefined;
let lastMatch = { players: 4, matchSeconds: 180, seed };

function play(match = lastMatch): void {
  lastMatch = match;
  show(null);
  void game.start(match);
}

form.addEventListener('submit', (e) => {
  e.preventDefault();
  const data = new FormData(form);
  play({ players: Number(data.get('players')), matchSeconds: Number(data.get('minutes')) * 60, seed });
});
$('play-again').addEventListener('click', () => play());
$('to-title').addEventListener('click', () => show('title'));
$('save-replay').addEventListener('click', async () => {
  const bytes = await game.takeReplay();
  if (bytes) download(bytes as Uint8Array<ArrayBuffer>, `tessera-${new Date().toISOString().replace(/[:.]/g, '-')}.tsrp`);
});

game.on('ready', () => ($<HTMLButtonElement>('play').disabled = false));
game.on('matchend', ({ score, winner }) => {
  if (watching) return;
  $('result-score').innerHTML = `<span class="team0">${score[0]}</span> – <span class="team1">${score[1]}</span>`;
  $('result-text').textContent = winner < 0 ? 'A draw.' : winner === 0 ? 'Your team wins!' : 'The orange team wins.';
  show('result');
});
game.on('error', ({ message }) => {
  const el = $('error');
  el.textContent = message;
  el.hidden = false;
});

async function watch(bytes: Uint8Array, name: string): Promise<void> {
  show('replay');
  $('replay-status').textContent = `Watching ${name}…`;
  $('replay-hash').textContent = '';
  delete $('replay-hash').dataset['hash'];
  watching = true;
  try {
    const r = await game.playReplay(bytes, { speed: Number(params.get('speed') ?? 1) });
    $('replay-status').textContent = r.ok
      ? `${name}: ${r.ticks} ticks, every checkpoint matches.`
      : `${name}: diverged at tick ${r.firstMismatchTick}.`;
    $('replay-hash').textContent = `final hash ${r.finalHash}`;
    $('replay-hash').dataset['hash'] = r.finalHash;
  } catch (error) {
    $('replay-status').textContent = error instanceof Error ? error.message : String(error);
  } finally {
    watching = false;
  }
}
$('replay-back').addEventListener('click', () => show('title'));
acceptReplayFiles($<HTMLInputElement>('replay-file'), document.body, (bytes, name) => void watch(bytes, name));

const replayUrl = params.get('replay');
if (replayUrl) {
  void fetchReplay(replayUrl).then((bytes) => watch(bytes, replayUrl.split('/').pop() ?? 'replay'), (e: Error) => {
    show('replay');
    $('replay-status').textContent = e.message;
  });
}
