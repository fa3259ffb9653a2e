// One real relay per test file: `relay/main.ts` as a child process on 127.0.0.1 with PORT=0 and
// whatever settings the file needs (short intervals, small limits). Its JSON log lines are kept,
// so a test can check what the relay said about a connection it closed.

import { startRelayProcess } from '../../tools/startRelayProcess.ts';

export interface RelayLogLine {
  level: string;
  msg: string;
  [field: string]: unknown;
}

export interface RelayProcess {
  /** The relay's process id (to kill it the hard way, as a crash would). */
  readonly pid: number;
  /** http://127.0.0.1:PORT/ */
  url: URL;
  /** ws://127.0.0.1:PORT/ws */
  wsUrl: string;
  /** Every log line so far. */
  readonly logs: readonly RelayLogLine[];
  /** The first log line (already logged or still to come) that matches, within timeoutMs. */
  waitForLog(matches: (line: RelayLogLine) => boolean, timeoutMs?: number): Promise<RelayLogLine>;
  /** SIGTERM, then SIGKILL if it has not exited within a few seconds; resolves to the exit code (null when killed). */
  stop(): Promise<number | null>;
}

/** Starts a relay with these environment variables on top of the test defaults. */
export async function startRelay(env: Readonly<Record<string, string>> = {}): Promise<RelayProcess> {
  const logs: RelayLogLine[] = [];
  const waiters = new Set<{ matches: (line: RelayLogLine) => boolean; resolve: (line: RelayLogLine) => void }>();
  const onLine = (text: string): void => {
    let line: RelayLogLine;
    try {
      line = JSON.parse(text) as RelayLogLine;
    } catch {
      throw new Error(`relay printed a line that is not JSON: ${text}`);
    }
    logs.push(line);
    for (const waiter of waiters) {
      if (waiter.matches(line)) {
        waiters.delete(waiter);
        waiter.resolve(line);
      }
    }
  };

  const waitForLog = (matches: (line: RelayLogLine) => boolean, timeoutMs = 5000): Promise<RelayLogLine> => {
    const logged = logs.find(matches);
    if (logged) return Promise.resolve(logged);
    return new Promise((resolve, reject) => {
      const waiter = {
        matches,
        resolve: (line: RelayLogLine) => {
          clearTimeout(timer);
          resolve(line);
        },
      };
      const timer = setTimeout(() => {
        waiters.delete(waiter);
        reject(new Error(`no matching relay log line within ${timeoutMs} ms; last lines:\n${logs.slice(-5).map((l) => JSON.stringify(l)).join('\n')}`));
      }, timeoutMs);
      waiters.add(waiter);
    });
  };

  const relay = await startRelayProcess('relay/main.ts', { PORT: '0', HOST: '127.0.0.1', RELAY_STATIC_DIR: '', LOG_LEVEL: 'info', ...env }, { onLine });
  const url = new URL(relay.url);
  return { pid: relay.pid, url, wsUrl: `ws://${url.host}/ws`, logs, waitForLog, stop: relay.stop };
}
