// The example page's script: <tessera-game> is registered by importing the library; the
// second game is mounted with mountGame().
import { mountGame } from '../lib/tessera.js';

const log = (line) => { document.getElementById('log').textContent += line + '\n'; };
document.getElementById('tag-game').addEventListener('ready', (e) => log(`tag: ready (${e.detail.mode})`));

const game = mountGame(document.getElementById('call-game'), { players: 2, matchSeconds: 60, hud: true });
window.embedded = game; // for the end-to-end tests
game.on('ready', ({ mode }) => log(`call: ready (${mode})`));
game.on('score', ({ score }) => log(`call: goal, ${score[0]}–${score[1]}`));
game.on('matchend', ({ score }) => log(`call: full time ${score[0]}–${score[1]}`));
game.on('error', ({ message }) => log(`call: error ${message}`));
document.getElementById('start').onclick = () => game.start();
document.getElementById('pause').onclick = () => game.pause();
document.getElementById('resume').onclick = () => game.resume();
document.getElementById('destroy').onclick = () => { game.destroy(); log('call: destroyed'); };
