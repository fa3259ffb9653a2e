// One real relay per test file: `relay/main.ts` as a child process on 127.0.0.1 with PORT=0 and
// whatever settings the file needs (short intervals, small limits). Its JSON log lines are kept,
// so a test can check what the relay said about a connection it closed.

import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';

export interface RelayLogLine {
  level: string;
  msg: string;
  [field: string]: unknown;
}

export interface RelayProcess {
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

const REPO = fileURLToPath(new URL('../../', import.meta.url));
/** tsx compiles the relay on start; a loaded CI machine can take a while. */
const START_TIMEOUT_MS = 30_000;
const STOP_TIMEOUT_MS = 5_000;

/** Starts a relay with these environment variables on top of the test defaults. */
export async function startRelay(env: Readonly<Record<string, string>> = {}): Promise<RelayProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'relay/main.ts'], {
    cwd: REPO,
    env: { ...process.env, PORT: '0', HOST: '127.0.0.1', RELAY_STATIC_DIR: '', LOG_LEVEL: 'info', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  // A test file that crashes must not leave its relay running.
  const killOnExit = (): void => void child.kill('SIGKILL');
  process.once('exit', killOnExit);
  child.once('exit', () => process.off('exit', killOnExit));
  const logs: RelayLogLine[] = [];
  const waiters = new Set<{ matches: (line: RelayLogLine) => boolean; resolve: (line: RelayLogLine) => void }>();
  let stderr = '';
  let pending = '';
  child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  child.stdout!.on('data', (chunk: Buffer) => {
    pending += chunk.toString();
    const lines = pending.split('\n');
    pending = lines.pop()!;
    for (const text of lines) {
      if (!text.trim()) continue;
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
    }
  });

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

  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const listening = await Promise.race([
    waitForLog((line) => line.msg === 'listening', START_TIMEOUT_MS),
    exited.then((code) => {
      throw new Error(`relay exited with ${code} before listening:\n${stderr}${logs.map((l) => JSON.stringify(l)).join('\n')}`);
    }),
  ]);
  const url = new URL(String(listening['url']));
  return {
    url,
    wsUrl: `ws://${url.host}/ws`,
    logs,
    waitForLog,
    stop: () => stopChild(child, exited),
  };
}

async function stopChild(child: ChildProcess, exited: Promise<number | null>): Promise<number | null> {
  if (child.exitCode === null) child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), STOP_TIMEOUT_MS);
  const code = await exited;
  clearTimeout(timer);
  return code;
}
