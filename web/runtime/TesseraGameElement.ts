// <tessera-game>: the one-tag embed. Attributes map to GameOptions (a match starts when ready
// unless autostart="false"); the game's events are
// re-dispatched as DOM CustomEvents (ready, state, score, matchend, stats, replayend, error, and
// online play's room, matchstart, reconnecting, reconnected, connectionlost) on
// the element. It mounts when connected and frees everything when removed from the page.

import { mountGame, type TesseraGameHandle } from './mountGame.ts';
import type { GameEventName, GameOptions, RenderMode } from './types.ts';

const EVENTS: readonly GameEventName[] = ['ready', 'state', 'score', 'matchend', 'stats', 'replayend', 'error', 'room', 'matchstart', 'reconnecting', 'reconnected', 'connectionlost'];

// Importing the library during server-side rendering must not throw where HTMLElement is missing.
const Base = (typeof HTMLElement === 'undefined' ? class {} : HTMLElement) as typeof HTMLElement;

export class TesseraGameElement extends Base {
  static readonly observedAttributes = ['hud'];
  private handle: TesseraGameHandle | null = null;

  /** The running game (null while the element is not in a document). */
  get game(): TesseraGameHandle | null {
    return this.handle;
  }

  connectedCallback(): void {
    if (this.handle) return;
    const shadow = this.shadowRoot ?? this.attachShadow({ mode: 'open' });
    if (!this.style.display) this.style.display = 'block';
    const host = document.createElement('div');
    host.style.cssText = 'width:100%;height:100%';
    shadow.replaceChildren(host);
    const handle = mountGame(host, this.options());
    this.handle = handle;
    for (const name of EVENTS) handle.on(name, (detail) => this.dispatchEvent(new CustomEvent(name, { detail })));
  }

  disconnectedCallback(): void {
    this.handle?.destroy();
    this.handle = null;
  }

  attributeChangedCallback(name: string): void {
    if (name === 'hud') this.handle?.setHud(this.hasAttribute('hud'));
  }

  private options(): GameOptions {
    const num = (name: string): number | undefined => {
      const v = this.getAttribute(name);
      return v === null || v === '' ? undefined : Number(v);
    };
    const touch = this.getAttribute('touch-controls');
    return {
      renderMode: (this.getAttribute('render-mode') as RenderMode | null) ?? 'auto',
      assetManifestUrl: this.getAttribute('asset-manifest') ?? undefined,
      wasmUrl: this.getAttribute('wasm-url') ?? undefined,
      players: num('players'),
      orbs: num('orbs'),
      matchSeconds: num('match-seconds'),
      seed: num('seed'),
      maxPixelRatio: num('max-pixel-ratio'),
      hud: this.hasAttribute('hud'),
      touchControls: touch === 'on' || touch === 'off' ? touch : 'auto',
      autoStart: this.getAttribute('autostart') !== 'false',
    };
  }
}

/** Register <tessera-game> (idempotent; a no-op where custom elements are missing). */
export function defineTesseraGame(tag = 'tessera-game'): void {
  if (typeof customElements === 'undefined' || customElements.get(tag)) return;
  customElements.define(tag, TesseraGameElement);
}

declare global {
  interface HTMLElementTagNameMap {
    'tessera-game': TesseraGameElement;
  }
}
