// Online play's line over the canvas: ping, rollback depth (latest and worst this match) and
// desyncs, from the engine's 'stats' event (twice a second). Shown whenever a match is online,
// whatever the performance HUD's toggle says: a player judging a laggy match needs it there.

import type { NetStats } from './types.ts';

export class NetHud {
  readonly element = document.createElement('div');

  constructor() {
    this.element.className = 'tessera-net-hud';
    this.element.hidden = true;
    this.element.setAttribute('aria-label', 'Connection');
  }

  show(net: NetStats | null): void {
    this.element.hidden = net === null;
    if (!net) return;
    this.element.textContent = `ping ${Math.round(net.pingMs)} ms · rollback ${net.rollbackDepth}/${net.maxRollbackDepth} · desyncs ${net.desyncs}`;
    this.element.dataset['desyncs'] = String(net.desyncs);
  }
}
