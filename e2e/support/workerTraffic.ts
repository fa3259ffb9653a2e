// An independent count of the messages a page exchanges with its workers, for specs that check
// the runtime sends nothing per frame. It counts at the platform level, before any page script
// runs: every postMessage on a Worker or MessagePort, and every 'message' event delivered to one
// (once per event, however many listeners it has). MessagePorts matter: Comlink.proxy callbacks,
// such as the engine's event emitter, talk over a MessageChannel of their own, not the Worker.

import type { Frame, Page } from '@playwright/test';

export interface WorkerTraffic {
  /** postMessage calls on Workers and MessagePorts. */
  out: number;
  /** 'message' events delivered to Workers and MessagePorts. */
  in: number;
}

declare global {
  interface Window {
    __workerTraffic?: WorkerTraffic;
  }
}

function install(): void {
  const traffic: WorkerTraffic = { out: 0, in: 0 };
  window.__workerTraffic = traffic;
  const isEndpoint = (t: unknown): boolean => t instanceof Worker || t instanceof MessagePort;

  for (const proto of [Worker.prototype, MessagePort.prototype] as { postMessage: (...a: unknown[]) => void }[]) {
    const post = proto.postMessage;
    proto.postMessage = function (this: unknown, ...args: unknown[]) {
      traffic.out++;
      return post.apply(this, args);
    };
  }

  const counted = new WeakSet<Event>();
  const wrappers = new WeakMap<object, EventListener>();
  const wrap = (listener: EventListenerOrEventListenerObject): EventListener => {
    let w = wrappers.get(listener);
    if (!w) {
      w = function (this: unknown, event: Event) {
        if (!counted.has(event)) {
          counted.add(event);
          traffic.in++;
        }
        return typeof listener === 'function' ? listener.call(this, event) : listener.handleEvent(event);
      };
      wrappers.set(listener, w);
    }
    return w;
  };
  const add = EventTarget.prototype.addEventListener;
  const remove = EventTarget.prototype.removeEventListener;
  EventTarget.prototype.addEventListener = function (this: EventTarget, type: string, listener: EventListenerOrEventListenerObject | null, options?: boolean | AddEventListenerOptions) {
    add.call(this, type, type === 'message' && listener && isEndpoint(this) ? wrap(listener) : listener, options);
  };
  EventTarget.prototype.removeEventListener = function (this: EventTarget, type: string, listener: EventListenerOrEventListenerObject | null, options?: boolean | EventListenerOptions) {
    remove.call(this, type, type === 'message' && listener && isEndpoint(this) ? (wrappers.get(listener) ?? listener) : listener, options);
  };
}

/** Count worker traffic in every document the page loads from now on (frames included). */
export async function countWorkerTraffic(page: Page): Promise<void> {
  await page.addInitScript(install);
}

export function workerTraffic(target: Page | Frame): Promise<WorkerTraffic> {
  return target.evaluate(() => ({ ...window.__workerTraffic! }));
}
