// Keyboard bindings by KeyboardEvent.code (the physical key), so WASD stays under the left hand on
// AZERTY and Dvorak layouts too. Hosts override single actions; the rest keep their defaults.

export interface KeyBindings {
  up: string[];
  down: string[];
  left: string[];
  right: string[];
  dash: string[];
  /** Toggles the HUD; fires once per press. */
  hud: string[];
}

export type Action = keyof KeyBindings;

export const defaultBindings: KeyBindings = Object.freeze({
  up: ['KeyW', 'ArrowUp'],
  down: ['KeyS', 'ArrowDown'],
  left: ['KeyA', 'ArrowLeft'],
  right: ['KeyD', 'ArrowRight'],
  dash: ['Space', 'ShiftLeft', 'ShiftRight'],
  hud: ['KeyH'],
});

const actions = Object.keys(defaultBindings) as Action[];

/** Defaults with `partial` laid over them; throws a TypeError naming the first bad or unknown action. */
export function resolveBindings(partial: Partial<KeyBindings> = {}): KeyBindings {
  for (const name of Object.keys(partial)) {
    if (!(actions as string[]).includes(name)) {
      throw new TypeError(`Unknown key binding action "${name}"; expected one of ${actions.join(', ')}`);
    }
  }
  const resolved = {} as KeyBindings;
  for (const action of actions) {
    const codes: unknown = partial[action] ?? defaultBindings[action];
    if (!Array.isArray(codes) || codes.length === 0 || !codes.every((c) => typeof c === 'string' && c !== '')) {
      throw new TypeError(`Key binding "${action}" must be a non-empty array of KeyboardEvent.code strings, got ${JSON.stringify(codes)}`);
    }
    resolved[action] = [...codes];
  }
  return resolved;
}
