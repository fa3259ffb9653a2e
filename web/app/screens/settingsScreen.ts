// The Settings screen: quality, volume, HUD, and key bindings (click a key, press the new one).
// Every change is stored at once and handed to `apply`, so the running game follows it.

import { defaultBindings, type Action, type KeyBindings } from '../../input/bindings.ts';
import type { Settings } from '../../storage/index.ts';

const ACTION_LABELS: Record<Action, string> = { up: 'Up', down: 'Down', left: 'Left', right: 'Right', dash: 'Dash', hud: 'HUD' };

export function bindSettingsScreen(
  form: HTMLFormElement,
  bindingList: HTMLUListElement,
  resetBindings: HTMLButtonElement,
  initial: Settings,
  apply: (changes: Partial<Settings>) => void,
): void {
  let settings = initial;
  const field = <T extends HTMLElement>(name: string): T => form.elements.namedItem(name) as unknown as T;
  field<HTMLSelectElement>('quality').value = settings.quality;
  field<HTMLInputElement>('volume').valueAsNumber = settings.audio.volume;
  field<HTMLInputElement>('muted').checked = settings.audio.muted;
  field<HTMLInputElement>('hud').checked = settings.hud;
  const change = (changes: Partial<Settings>): void => {
    settings = { ...settings, ...changes };
    apply(changes);
  };
  form.addEventListener('change', () => {
    change({
      quality: field<HTMLSelectElement>('quality').value as Settings['quality'],
      audio: { volume: field<HTMLInputElement>('volume').valueAsNumber, muted: field<HTMLInputElement>('muted').checked },
      hud: field<HTMLInputElement>('hud').checked,
    });
  });

  const bindings = (): KeyBindings => ({ ...defaultBindings, ...(settings.bindings as Partial<KeyBindings> | null) });
  const render = (): void => {
    const current = bindings();
    bindingList.replaceChildren(...(Object.keys(ACTION_LABELS) as Action[]).map((action) => {
      const li = document.createElement('li');
      const button = Object.assign(document.createElement('button'), { type: 'button', textContent: current[action].join(' / ') });
      button.dataset['action'] = action;
      button.addEventListener('click', () => {
        button.textContent = 'Press a key…';
        // Capture phase and stopped: the key being bound must not also steer the game or close the screen.
        const onKey = (event: KeyboardEvent): void => {
          event.preventDefault();
          event.stopPropagation();
          removeEventListener('keydown', onKey, true);
          if (event.code !== 'Escape') change({ bindings: { ...bindings(), [action]: [event.code] } });
          render();
        };
        addEventListener('keydown', onKey, true);
      });
      li.append(Object.assign(document.createElement('span'), { textContent: ACTION_LABELS[action] }), button);
      return li;
    }));
  };
  resetBindings.addEventListener('click', () => {
    change({ bindings: null });
    render();
  });
  render();
}
