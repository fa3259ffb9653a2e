// Score and match clock over the canvas, updated from the engine's 'state' events (at most once
// a second plus goals), never per frame.

import type { MatchState } from './types.ts';

export class Scoreboard {
  readonly element = document.createElement('div');
  private readonly left = document.createElement('span');
  private readonly clock = document.createElement('span');
  private readonly right = document.createElement('span');

  constructor() {
    this.element.className = 'tessera-scoreboard';
    this.element.setAttribute('role', 'status');
    this.element.setAttribute('aria-live', 'polite');
    this.left.className = 'team0';
    this.right.className = 'team1';
    this.clock.className = 'clock';
    this.element.append(this.left, this.clock, this.right);
    this.element.hidden = true;
  }

  show(state: MatchState): void {
    this.element.hidden = false;
    this.left.textContent = String(state.score[0]);
    this.right.textContent = String(state.score[1]);
    const s = state.secondsLeft;
    this.clock.textContent = state.phase === 0 ? 'Ready' : `${Math.floor(s / 60)}:${String(s % 60).padStart(2, '0')}`;
  }
}
