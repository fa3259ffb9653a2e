// The game worker: one GameEngine, driven from the page over Comlink. The page transfers its
// canvas here as an OffscreenCanvas, so the sim and the renderer share this thread's memory.

import * as Comlink from 'comlink';
import { GameEngine } from './GameEngine.ts';

Comlink.expose(new GameEngine());
