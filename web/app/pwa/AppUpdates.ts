// Keeps the installed app current (workbox-window over sw/sw.ts): registers the service worker,
// checks for a new version now and then, reports the download (files, bytes, progress) and the
// ready update, and switches only when asked. When a version switch happens, from this window or
// another, `onSwitched` runs so the app can reload at a safe moment (between matches): a page
// never keeps running old code against the new version's caches.

import { Workbox, messageSW } from 'workbox-window';
import type { ServiceWorkerRequest, UpdateProgress, UpdateSummary } from '../../../sw/messages.ts';

export type UpdateStatus =
  | { state: 'none' }
  | { state: 'downloading'; progress: UpdateProgress }
  /** summary is null when the new version was already waiting before this page loaded and kept no summary. */
  | { state: 'ready'; summary: UpdateSummary | null };

export interface AppUpdatesOptions {
  /** Minutes between update checks while the app is open (and on return to a hidden app). */
  checkEveryMinutes: number;
  onStatus(status: UpdateStatus): void;
  /** A new version now controls this page: reload when it is safe to. */
  onSwitched(): void;
}

export class AppUpdates {
  private readonly workbox: Workbox;
  private registration: ServiceWorkerRegistration | undefined;
  private lastCheck = Date.now();

  constructor(
    scriptUrl: string,
    private readonly options: AppUpdatesOptions,
  ) {
    this.workbox = new Workbox(scriptUrl);
    this.workbox.addEventListener('waiting', () => void this.announceReady());
    // One version replacing another, not the first install claiming an uncontrolled page (that
    // needs no reload). workbox-window's isUpdate is fixed at registration, so it can't tell.
    let controller = navigator.serviceWorker.controller;
    navigator.serviceWorker.addEventListener('controllerchange', () => {
      const previous = controller;
      controller = navigator.serviceWorker.controller;
      if (previous) options.onSwitched();
    });
    navigator.serviceWorker.addEventListener('message', (event: MessageEvent<UpdateProgress>) => {
      if (event.data?.type === 'update-progress' && event.data.doneFiles < event.data.files) {
        options.onStatus({ state: 'downloading', progress: event.data });
      }
    });
  }

  static supported(): boolean {
    return typeof navigator !== 'undefined' && 'serviceWorker' in navigator;
  }

  async start(): Promise<void> {
    this.registration = await this.workbox.register();
    const minutes = this.options.checkEveryMinutes;
    if (minutes > 0) {
      setInterval(() => void this.check(), minutes * 60_000);
      // Timers sleep with a hidden app: check on return if a period went by meanwhile.
      document.addEventListener('visibilitychange', () => {
        if (document.visibilityState === 'visible' && Date.now() - this.lastCheck > minutes * 60_000) void this.check();
      });
    }
  }

  /** Ask the server for a new version (skipped offline: there is nobody to ask); true if one is coming or waiting. */
  async check(): Promise<boolean> {
    if (!navigator.onLine) return false;
    this.lastCheck = Date.now();
    await this.workbox.update();
    return Boolean(this.registration?.installing ?? this.registration?.waiting);
  }

  /** Switch to the waiting version; onSwitched follows once it controls the page. */
  apply(): void {
    this.workbox.messageSkipWaiting();
  }

  /** This version: its precache list's hash and size. */
  async version(): Promise<UpdateSummary | null> {
    const active = this.registration?.active;
    return active ? ((await messageSW(active, { type: 'get-version' } satisfies ServiceWorkerRequest)) as UpdateSummary) : null;
  }

  private async announceReady(): Promise<void> {
    const waiting = this.registration?.waiting ?? (await navigator.serviceWorker.getRegistration())?.waiting;
    const summary = waiting ? ((await messageSW(waiting, { type: 'get-update-summary' } satisfies ServiceWorkerRequest)) as UpdateSummary | null) : null;
    this.options.onStatus({ state: 'ready', summary });
  }
}
