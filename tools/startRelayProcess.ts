// A relay (Tessera's, or the bench's minimal one) as a child process: `node [nodeArgs] --import tsx
// ENTRY` — node itself, not the tsx wrapper, so the PID is the relay's for /proc. It resolves once
// the relay logs its JSON "listening" line (PORT=0 picks a free port; the line has the real URL).
// The relay tests and the relay benchmark both start relays through this.

import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

export interface RelayChild {
  readonly pid: number;
  /** http://HOST:PORT/ from the relay's "listening" line. */
  readonly url: string;
  /** Last lines of stderr, for error messages. */
  stderrTail(): string;
  /** SIGTERM, then SIGKILL if it has not exited within 5 s; resolves to the exit code (null when killed). */
  stop(): Promise<number | null>;
}

export interface RelayChildOptions {
  readonly nodeArgs?: readonly string[];
  /** Every stdout line, the "listening" one included, as it arrives. */
  readonly onLine?: (line: string) => void;
}

const repoRoot = fileURLToPath(new URL('../', import.meta.url));
/** tsx compiles the relay on start; a loaded CI machine can take a while. */
const startTimeoutMs = 30_000;
const stopTimeoutMs = 5_000;

export function startRelayProcess(entry: string, env: Readonly<Record<string, string>>, options: RelayChildOptions = {}): Promise<RelayChild> {
  const child = spawn(process.execPath, [...(options.nodeArgs ?? []), '--import', 'tsx', entry], {
    cwd: repoRoot,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  // A parent that crashes must not leave its relay running.
  const killOnExit = (): void => void child.kill('SIGKILL');
  process.once('exit', killOnExit);
  const exited = new Promise<number | null>((resolve) =>
    child.once('exit', (code) => {
      process.off('exit', killOnExit);
      resolve(code);
    }),
  );
  let stderr = '';
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr = (stderr + chunk).slice(-4000)));
  const stderrTail = (): string => stderr.trim().split('\n').slice(-5).join(' | ');
  const stop = async (): Promise<number | null> => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), stopTimeoutMs);
    const code = await exited;
    clearTimeout(timer);
    return code;
  };
  return new Promise((resolve, reject) => {
    let listening = false;
    const fail = (message: string): void => {
      clearTimeout(timer);
      void stop().then(() => reject(new Error(`${entry}: ${message}; stderr: ${stderrTail()}`)));
    };
    const timer = setTimeout(() => fail(`no "listening" line within ${startTimeoutMs / 1000} s`), startTimeoutMs);
    // Stdout keeps being read after "listening", so a chatty log never blocks the relay.
    let pending = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
      const lines = (pending + chunk).split('\n');
      pending = lines.pop()!;
      for (const line of lines) {
        if (line.trim() === '') continue;
        options.onLine?.(line);
        const url = listening ? null : listeningUrl(line);
        if (url === null) continue;
        listening = true;
        clearTimeout(timer);
        resolve({ pid: child.pid!, url, stderrTail, stop });
      }
    });
    child.once('exit', (code, signal) => {
      if (!listening) fail(`exited (${signal ?? `code ${code}`}) before listening`);
    });
  });
}

function listeningUrl(line: string): string | null {
  try {
    const entry = JSON.parse(line) as { msg?: unknown; url?: unknown };
    return entry.msg === 'listening' && typeof entry.url === 'string' ? entry.url : null;
  } catch {
    return null;
  }
}
