import { Worker } from 'node:worker_threads';
import type { BotWorkerPlan, FromBotWorker, ToBotWorker } from './botWorkerMessages.ts';

const workerModule = new URL('./botWorker.ts', import.meta.url).href;
// Worker threads do not inherit tsx's loader hooks (Node 20), so each one registers them first.
const bootstrap = `import(${JSON.stringify(import.meta.resolve('tsx/esm/api'))})
  .then(({ register }) => { register(); return import(${JSON.stringify(workerModule)}); })`;

/** One bots worker thread (bots/botWorker.ts) and its messages as promises. */
export class BotWorkerThread {
  private readonly worker: Worker;
  private readonly received: FromBotWorker[] = [];
  private waiter: (() => void) | undefined;
  private failure: Error | undefined;
  private readonly exited: Promise<void>;

  constructor(plan: BotWorkerPlan) {
    this.worker = new Worker(bootstrap, { eval: true, workerData: plan });
    this.worker.on('message', (message: FromBotWorker) => {
      this.received.push(message);
      this.waiter?.();
    });
    this.worker.on('error', (err) => {
      this.failure ??= err;
      this.waiter?.();
    });
    this.exited = new Promise((resolve) =>
      this.worker.once('exit', (code) => {
        this.failure ??= new Error(`bots worker exited (code ${code}) before it was done`);
        this.waiter?.();
        resolve();
      }),
    );
  }

  send(message: ToBotWorker): void {
    this.worker.postMessage(message);
  }

  /** The next message of this type; rejects when the thread fails or timeoutMs passes first. */
  async next<Type extends FromBotWorker['type']>(type: Type, timeoutMs: number): Promise<Extract<FromBotWorker, { type: Type }>> {
    const deadline = performance.now() + timeoutMs;
    for (;;) {
      const index = this.received.findIndex((message) => message.type === type);
      if (index >= 0) return this.received.splice(index, 1)[0] as Extract<FromBotWorker, { type: Type }>;
      if (this.failure !== undefined) throw this.failure;
      const left = deadline - performance.now();
      if (left <= 0) throw new Error(`bots worker sent no ${type} message within ${Math.round(timeoutMs / 1000)} s`);
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, left);
        this.waiter = () => {
          clearTimeout(timer);
          resolve();
        };
      });
      this.waiter = undefined;
    }
  }

  /** Lets the thread finish closing its sockets for up to graceMs, then terminates it. */
  async stop(graceMs: number): Promise<void> {
    let timer: NodeJS.Timeout | undefined;
    const graceOver = new Promise<void>((resolve) => (timer = setTimeout(resolve, graceMs)));
    await Promise.race([this.exited, graceOver]);
    clearTimeout(timer);
    await this.worker.terminate();
  }
}
