// Held keys on the game element become a stick and the dash bit. Only keys the bindings name are
// claimed (preventDefault, so arrows and Space don't scroll the host page); everything else, Tab
// included, keeps its browser meaning.

import { BUTTON_DASH } from '../../host/SimExports.ts';
import type { KeyBindings } from './bindings.ts';
import { clampStick, idleStick, sameStick, type StickState } from './stick.ts';

export interface KeyboardSource {
  readonly state: StickState;
  setBindings(bindings: KeyBindings): void;
  destroy(): void;
}

export function captureKeyboard(
  target: HTMLElement,
  initialBindings: KeyBindings,
  onChange: () => void,
  onToggleHud: () => void,
): KeyboardSource {
  let bindings = initialBindings;
  const held = new Set<string>();
  let state = idleStick;

  const isHeld = (codes: string[]) => codes.some((code) => held.has(code));
  const update = () => {
    const axis = (plus: string[], minus: string[]) => (isHeld(plus) ? 1 : 0) - (isHeld(minus) ? 1 : 0);
    const next = clampStick(
      axis(bindings.right, bindings.left) * 127,
      axis(bindings.up, bindings.down) * 127,
      isHeld(bindings.dash) ? BUTTON_DASH : 0,
    );
    if (sameStick(state, next)) return;
    state = next;
    onChange();
  };
  const isBound = (code: string) => Object.values(bindings).some((codes: string[]) => codes.includes(code));

  const onKeyDown = (e: KeyboardEvent) => {
    // Ctrl/Cmd/Alt chords are browser and OS shortcuts (Ctrl+D, Alt+Left), never game input.
    if (e.ctrlKey || e.metaKey || e.altKey || !isBound(e.code)) return;
    e.preventDefault(); // also on auto-repeats, which would scroll just the same
    if (e.repeat) return;
    if (bindings.hud.includes(e.code)) onToggleHud();
    held.add(e.code);
    update();
  };
  const onKeyUp = (e: KeyboardEvent) => {
    if (held.delete(e.code)) update();
  };
  // A key released while the element lacks focus sends its keyup elsewhere: forget everything.
  const releaseAll = () => {
    held.clear();
    update();
  };
  const onVisibility = () => {
    if (document.visibilityState === 'hidden') releaseAll();
  };

  // One AbortController removes every listener below on destroy().
  const listeners = new AbortController();
  target.addEventListener('keydown', onKeyDown, { signal: listeners.signal });
  target.addEventListener('keyup', onKeyUp, { signal: listeners.signal });
  target.addEventListener('blur', releaseAll, { signal: listeners.signal });
  document.addEventListener('visibilitychange', onVisibility, { signal: listeners.signal });

  return {
    get state() {
      return state;
    },
    setBindings(next) {
      bindings = next;
      update();
    },
    destroy() {
      listeners.abort();
    },
  };
}
