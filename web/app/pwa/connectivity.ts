// Online or not: an indicator, and every control marked data-needs-network disabled with the
// reason beside it while offline. Single-player never needs the network, so it is never marked.

const REASON = 'Needs a connection: you are offline.';

export function watchConnectivity(indicator: HTMLElement, root: ParentNode = document): void {
  const update = (): void => {
    const online = navigator.onLine;
    indicator.hidden = online;
    document.documentElement.dataset['online'] = String(online);
    for (const el of root.querySelectorAll<HTMLElement>('[data-needs-network]')) {
      if (el instanceof HTMLButtonElement) el.disabled = !online;
      el.title = online ? '' : REASON;
      const note = el.nextElementSibling;
      if (note?.classList.contains('needs-network-reason')) (note as HTMLElement).hidden = online;
    }
  };
  addEventListener('online', update);
  addEventListener('offline', update);
  update();
}
