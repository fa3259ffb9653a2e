// Mouse and pen: while the primary button is held after pressing on the game element, the player
// steers toward the pointer; the secondary button (right mouse, pen barrel) dashes. Touch belongs
// to the on-screen joystick.

import { BUTTON_DASH } from '../../host/SimExports.ts';
import type { InputFrame } from '../engine/InputFrame.ts';

export interface PointerSource {
  readonly pointer: InputFrame['pointer'];
  readonly buttons: number;
  destroy(): void;
}

export function capturePointer(element: HTMLElement, onChange: () => void): PointerSource {
  let activeId: number | null = null;
  let pointer: InputFrame['pointer'] = null;
  let buttons = 0;

  const set = (nextPointer: InputFrame['pointer'], nextButtons: number) => {
    pointer = nextPointer;
    buttons = nextButtons;
    onChange();
  };
  // Reads `buttons` (the bitmask), not `button`: a second button pressed while the first is held
  // arrives as a pointermove, not as another pointerdown.
  const track = (e: PointerEvent) => {
    set(e.buttons & 1 ? toNdc(element, e) : null, e.buttons & 2 ? BUTTON_DASH : 0);
  };

  const onDown = (e: PointerEvent) => {
    if (e.pointerType === 'touch' || activeId !== null) return;
    activeId = e.pointerId;
    // Keep receiving moves and the release when the pointer leaves the element mid-drag.
    element.setPointerCapture(e.pointerId);
    track(e);
  };
  const onMove = (e: PointerEvent) => {
    if (e.pointerId === activeId) track(e);
  };
  const onEnd = (e: PointerEvent) => {
    if (e.pointerId !== activeId) return;
    activeId = null;
    set(null, 0);
  };
  const onContextMenu = (e: Event) => e.preventDefault(); // the right button is dash

  // One AbortController removes every listener below on destroy().
  const listeners = new AbortController();
  element.addEventListener('pointerdown', onDown, { signal: listeners.signal });
  element.addEventListener('pointermove', onMove, { signal: listeners.signal });
  element.addEventListener('pointerup', onEnd, { signal: listeners.signal });
  element.addEventListener('pointercancel', onEnd, { signal: listeners.signal });
  element.addEventListener('lostpointercapture', onEnd, { signal: listeners.signal });
  element.addEventListener('contextmenu', onContextMenu, { signal: listeners.signal });

  return {
    get pointer() {
      return pointer;
    },
    get buttons() {
      return buttons;
    },
    destroy() {
      listeners.abort();
    },
  };
}

/** The event's position in the element's normalised device coordinates: -1..1, +y up, clamped. */
function toNdc(element: HTMLElement, e: PointerEvent): { x: number; y: number } {
  const r = element.getBoundingClientRect();
  const clamp = (v: number) => Math.min(1, Math.max(-1, v));
  return {
    x: clamp(((e.clientX - r.left) / r.width) * 2 - 1),
    y: clamp(1 - ((e.clientY - r.top) / r.height) * 2),
  };
}
