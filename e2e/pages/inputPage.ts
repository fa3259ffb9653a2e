// Test page for web/input without the game: InputCapture on a plain div, every frame it sends
// recorded for e2e/inputMapping.spec.ts. ?touch=on|off|auto picks the touch controls mode.

import type { InputFrame } from '../../web/engine/InputFrame.ts';
import { InputCapture } from '../../web/input/InputCapture.ts';
import { resolveBindings } from '../../web/input/bindings.ts';
import { readGamepad } from '../../web/input/gamepad.ts';
import type { TouchControls } from '../../web/input/touchJoystick.ts';

declare global {
  interface Window {
    inputFrames: InputFrame[];
    hudToggles: number;
    inputCapture: InputCapture;
    readGamepad: typeof readGamepad;
    resolveBindings: typeof resolveBindings;
  }
}

const touchControls = (new URLSearchParams(location.search).get('touch') ?? 'auto') as TouchControls;
window.inputFrames = [];
window.hudToggles = 0;
window.readGamepad = readGamepad;
window.resolveBindings = resolveBindings;
window.inputCapture = new InputCapture(document.getElementById('game')!, {
  touchControls,
  onChange: (frame) => window.inputFrames.push(frame),
  onToggleHud: () => window.hudToggles++,
});
