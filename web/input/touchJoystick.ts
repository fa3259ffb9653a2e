// On-screen controls for touch screens, laid over the game element: a floating stick (a finger
// anywhere in the left 60% puts the stick's base under it) and a dash button at the bottom right.
// Each finger is a pointer of its own, so steering and dashing work at once. Hosts theme it with
// CSS custom properties, which also reach into a shadow root:
//   --tessera-joystick-color, --tessera-joystick-knob-color, --tessera-dash-color,
//   --tessera-dash-active-color, --tessera-dash-size

import { BUTTON_DASH } from '../../host/SimExports.ts';
import { clampStick, idleStick, sameStick, type StickState } from './stick.ts';

/** Finger travel from the base, in CSS px, that gives a full stick. */
const RADIUS = 56;
const DEAD_ZONE = RADIUS * 0.1;
/** Share of the element's width, from the left, where a touch starts the stick. */
const STICK_AREA = 0.6;
const DASH_IDLE = 'var(--tessera-dash-color, rgba(255, 255, 255, 0.25))';
const DASH_PRESSED = 'var(--tessera-dash-active-color, rgba(255, 255, 255, 0.6))';

export type TouchControls = 'auto' | 'on' | 'off';

export interface TouchJoystick {
  readonly state: StickState;
  destroy(): void;
}

export function wantsTouchControls(mode: TouchControls): boolean {
  if (mode !== 'auto') return mode === 'on';
  return matchMedia('(pointer: coarse)').matches || navigator.maxTouchPoints > 0;
}

export function createTouchJoystick(container: HTMLElement, onChange: () => void): TouchJoystick {
  // The overlay is absolutely positioned, so the container must be its containing block.
  const restorePosition = getComputedStyle(container).position === 'static' ? container.style.position : null;
  if (restorePosition !== null) container.style.position = 'relative';

  const overlay = div('tessera-touch-controls', {
    position: 'absolute', inset: '0', 'z-index': '1', overflow: 'hidden',
    // No scrolling, zooming, text selection or callout menus under the thumbs.
    'touch-action': 'none', 'user-select': 'none', '-webkit-user-select': 'none', '-webkit-touch-callout': 'none',
  });
  overlay.setAttribute('aria-hidden', 'true'); // keyboard players have WASD and Space
  const base = div('tessera-joystick', {
    position: 'absolute', left: '0', top: '0', display: 'none', 'pointer-events': 'none',
    width: `${RADIUS * 2}px`, height: `${RADIUS * 2}px`, margin: `${-RADIUS}px 0 0 ${-RADIUS}px`,
    'border-radius': '50%', 'box-sizing': 'border-box',
    border: '2px solid var(--tessera-joystick-color, rgba(255, 255, 255, 0.5))',
    background: 'color-mix(in srgb, var(--tessera-joystick-color, rgba(255, 255, 255, 0.5)) 30%, transparent)',
  });
  const knob = div('tessera-joystick-knob', {
    position: 'absolute', left: '50%', top: '50%', width: '48px', height: '48px', margin: '-24px 0 0 -24px',
    'border-radius': '50%', background: 'var(--tessera-joystick-knob-color, rgba(255, 255, 255, 0.8))',
  });
  const dash = div('tessera-dash', {
    position: 'absolute',
    right: 'calc(24px + env(safe-area-inset-right, 0px))',
    bottom: 'calc(24px + env(safe-area-inset-bottom, 0px))',
    width: 'var(--tessera-dash-size, 76px)', height: 'var(--tessera-dash-size, 76px)', 'border-radius': '50%',
    display: 'grid', 'place-items': 'center', font: '600 14px system-ui, sans-serif', 'letter-spacing': '0.05em',
    color: 'rgba(255, 255, 255, 0.9)', background: DASH_IDLE, border: '2px solid rgba(255, 255, 255, 0.5)', 'box-sizing': 'border-box',
  });
  dash.textContent = 'DASH';
  base.append(knob);
  overlay.append(base, dash);
  container.append(overlay);

  let stickId: number | null = null;
  let originX = 0;
  let originY = 0;
  let stickX = 0;
  let stickY = 0;
  const dashIds = new Set<number>();
  let state = idleStick;

  const update = () => {
    dash.style.background = dashIds.size > 0 ? DASH_PRESSED : DASH_IDLE;
    const next = clampStick(stickX, stickY, dashIds.size > 0 ? BUTTON_DASH : 0);
    if (sameStick(state, next)) return;
    state = next;
    onChange();
  };

  const moveStick = (e: PointerEvent) => {
    const dx = e.clientX - originX;
    const dy = originY - e.clientY; // screen y grows down, the stick's grows up
    const distance = Math.hypot(dx, dy);
    const reach = Math.min(distance, RADIUS);
    const knobX = distance > 0 ? (dx / distance) * reach : 0;
    const knobY = distance > 0 ? (dy / distance) * reach : 0;
    knob.style.transform = `translate(${knobX}px, ${-knobY}px)`;
    // Past the dead zone the stick ramps from 0 to full, so small wobbles read as standing still.
    const strength = distance > DEAD_ZONE ? ((reach - DEAD_ZONE) / (RADIUS - DEAD_ZONE)) * 127 : 0;
    stickX = distance > 0 ? (dx / distance) * strength : 0;
    stickY = distance > 0 ? (dy / distance) * strength : 0;
  };

  const onDown = (e: PointerEvent) => {
    if (e.pointerType !== 'touch') return;
    if (dash.contains(e.target as Node)) {
      dashIds.add(e.pointerId);
    } else {
      const r = overlay.getBoundingClientRect();
      if (stickId !== null || e.clientX - r.left > r.width * STICK_AREA) return;
      stickId = e.pointerId;
      originX = e.clientX;
      originY = e.clientY;
      base.style.transform = `translate(${originX - r.left}px, ${originY - r.top}px)`;
      base.style.display = 'block';
      moveStick(e);
    }
    overlay.setPointerCapture(e.pointerId);
    update();
  };
  const onMove = (e: PointerEvent) => {
    if (e.pointerId !== stickId) return;
    moveStick(e);
    update();
  };
  const onEnd = (e: PointerEvent) => {
    if (e.pointerId === stickId) {
      stickId = null;
      stickX = stickY = 0;
      base.style.display = 'none';
      knob.style.transform = '';
    } else if (!dashIds.delete(e.pointerId)) {
      return;
    }
    update();
  };

  // One AbortController removes every listener below on destroy().
  const listeners = new AbortController();
  overlay.addEventListener('pointerdown', onDown, { signal: listeners.signal });
  overlay.addEventListener('pointermove', onMove, { signal: listeners.signal });
  overlay.addEventListener('pointerup', onEnd, { signal: listeners.signal });
  overlay.addEventListener('pointercancel', onEnd, { signal: listeners.signal });

  return {
    get state() {
      return state;
    },
    destroy() {
      listeners.abort();
      overlay.remove();
      if (restorePosition !== null) container.style.position = restorePosition;
    },
  };
}

function div(className: string, style: Record<string, string>): HTMLDivElement {
  const el = document.createElement('div');
  el.className = className;
  for (const [property, value] of Object.entries(style)) el.style.setProperty(property, value);
  return el;
}
