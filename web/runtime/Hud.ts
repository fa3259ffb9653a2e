// The performance HUD: fps, CPU ms of the sim and of rendering, entities, tick. Fed by the engine's
// 'stats' event (twice a second); toggled with the hud key binding.

import type { HudStats } from './types.ts';

export class Hud {
  readonly element = document.createElement('div');

  constructor(visible: boolean) {
    this.element.className = 'tessera-hud';
    this.element.hidden = !visible;
    this.element.textContent = 'fps –';
  }

  get visible(): boolean {
    return !this.element.hidden;
  }

  set visible(v: boolean) {
    this.element.hidden = !v;
  }

  show(s: HudStats): void {
    if (this.element.hidden) return;
    this.element.textContent =
      `fps ${s.fps}  (${s.mode})\nsim ${s.simMs.toFixed(2)} ms\nrender ${s.renderMs.toFixed(2)} ms\nentities ${s.entities}\ntick ${s.tick}`;
  }
}
