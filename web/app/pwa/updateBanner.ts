// The update bar: "Downloading update…" with progress while a new version installs, then
// "Update ready: N files, X KB" with Restart and Later. It stays out of a match: while one is on,
// the bar waits and shows when the match ends.

import type { UpdateStatus } from './AppUpdates.ts';

export interface UpdateBanner {
  show(status: UpdateStatus): void;
  /** While true the bar is held back (a match is on). */
  setHeld(held: boolean): void;
}

export function formatBytes(bytes: number): string {
  return bytes < 1024 ? `${bytes} B` : bytes < 1024 * 1024 ? `${(bytes / 1024).toFixed(1)} KB` : `${(bytes / 1024 / 1024).toFixed(2)} MB`;
}

export function updateBanner(bar: HTMLElement, onRestart: () => void): UpdateBanner {
  const text = bar.querySelector<HTMLElement>('.update-text')!;
  const progress = bar.querySelector<HTMLProgressElement>('progress')!;
  const restart = bar.querySelector<HTMLButtonElement>('.update-restart')!;
  const later = bar.querySelector<HTMLButtonElement>('.update-later')!;
  let status: UpdateStatus = { state: 'none' };
  let held = false;
  let dismissed = false;

  const render = (): void => {
    bar.hidden = held || dismissed || status.state === 'none';
    bar.dataset['state'] = status.state;
    if (status.state === 'downloading') {
      const p = status.progress;
      text.textContent = `Downloading an update: ${p.doneFiles} of ${p.files} files, ${formatBytes(p.doneBytes)} of ${formatBytes(p.bytes)}`;
      progress.hidden = false;
      progress.max = Math.max(1, p.bytes);
      progress.value = p.doneBytes;
    } else if (status.state === 'ready') {
      const s = status.summary;
      text.textContent = s ? `Update ready (${s.files} ${s.files === 1 ? 'file' : 'files'}, ${formatBytes(s.bytes)})` : 'Update ready';
      progress.hidden = true;
    }
    restart.hidden = later.hidden = status.state !== 'ready';
  };
  restart.addEventListener('click', () => {
    restart.disabled = true;
    text.textContent = 'Restarting…';
    onRestart();
  });
  later.addEventListener('click', () => {
    // The waiting version still takes over at the next launch.
    dismissed = true;
    render();
  });
  return {
    show(next) {
      status = next;
      if (next.state === 'ready') dismissed = false;
      render();
    },
    setHeld(value) {
      held = value;
      render();
    },
  };
}
