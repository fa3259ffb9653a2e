// Main-thread input for one game element: keyboard, mouse/pen, the touch joystick and gamepads
// merged into one InputFrame. onChange runs only when the frame differs from the last one sent,
// because only changed input crosses to the game worker, never a frame per animation frame.

import { idleInput, sameInput, type InputFrame } from '../engine/InputFrame.ts';
import { resolveBindings, type KeyBindings } from './bindings.ts';
import { pollGamepads, type GamepadSource } from './gamepad.ts';
import { captureKeyboard, type KeyboardSource } from './keyboard.ts';
import { capturePointer, type PointerSource } from './pointer.ts';
import { clampStick, idleStick } from './stick.ts';
import { createTouchJoystick, wantsTouchControls, type TouchControls, type TouchJoystick } from './touchJoystick.ts';

export interface InputCaptureOptions {
  /** Keyboard bindings by KeyboardEvent.code; unnamed actions keep their defaults. */
  bindings?: Partial<KeyBindings>;
  /** On-screen joystick: 'auto' (default) shows it on touch devices. */
  touchControls?: TouchControls;
  onChange(frame: InputFrame): void;
  /** The HUD key was pressed. */
  onToggleHud?(): void;
}

export class InputCapture {
  readonly #element: HTMLElement;
  readonly #onChange: (frame: InputFrame) => void;
  readonly #addedTabIndex: boolean;
  readonly #keyboard: KeyboardSource;
  readonly #pointer: PointerSource;
  readonly #gamepads: GamepadSource;
  readonly #joystick: TouchJoystick | null;
  #last: InputFrame = idleInput;

  /** Throws a TypeError for bad bindings before touching the element. */
  constructor(element: HTMLElement, options: InputCaptureOptions) {
    const bindings = resolveBindings(options.bindings);
    this.#element = element;
    this.#onChange = options.onChange;
    // Keys go to the focused element, so the game must be focusable and take focus when pressed.
    this.#addedTabIndex = !element.hasAttribute('tabindex');
    if (this.#addedTabIndex) element.tabIndex = 0;
    element.addEventListener('pointerdown', this.#focus);

    const changed = () => this.#update();
    const toggleHud = () => options.onToggleHud?.();
    this.#keyboard = captureKeyboard(element, bindings, changed, toggleHud);
    this.#pointer = capturePointer(element, changed);
    this.#joystick = wantsTouchControls(options.touchControls ?? 'auto') ? createTouchJoystick(element, changed) : null;
    this.#gamepads = pollGamepads(changed);
  }

  /** Replaces the bindings: `partial` over the defaults, not over the previous bindings. */
  setBindings(partial: Partial<KeyBindings>): void {
    this.#keyboard.setBindings(resolveBindings(partial));
  }

  /** Removes every listener and the touch overlay and stops gamepad polling; no onChange after it. */
  destroy(): void {
    this.#element.removeEventListener('pointerdown', this.#focus);
    if (this.#addedTabIndex) this.#element.removeAttribute('tabindex');
    this.#keyboard.destroy();
    this.#pointer.destroy();
    this.#joystick?.destroy();
    this.#gamepads.destroy();
  }

  readonly #focus = () => this.#element.focus({ preventScroll: true });

  #update(): void {
    const keys = this.#keyboard.state;
    const pad = this.#gamepads.state;
    const touch = this.#joystick?.state ?? idleStick;
    const stick = clampStick(
      keys.stickX + pad.stickX + touch.stickX,
      keys.stickY + pad.stickY + touch.stickY,
      keys.buttons | pad.buttons | touch.buttons | this.#pointer.buttons,
    );
    const next: InputFrame = { ...stick, pointer: this.#pointer.pointer };
    if (sameInput(this.#last, next)) return;
    this.#last = next;
    this.#onChange(next);
  }
}
