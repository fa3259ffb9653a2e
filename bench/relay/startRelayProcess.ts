import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

export interface RelayProcess {
  readonly pid: number;
  /** http://127.0.0.1:PORT/ from the relay's "listening" log line. */
  readonly url: string;
  /** Last lines of stderr, for error messages. */
  stderrTail(): string;
  /** SIGTERM, then SIGKILL if it has not exited within 5 s. */
  stop(): Promise<void>;
}

const repoRoot = fileURLToPath(new URL('../../', import.meta.url));
const startTimeoutMs = 20_000;
const stopTimeoutMs = 5_000;

/**
 * Starts `node --import tsx ENTRY` (node itself, not the tsx wrapper, so the PID is the relay's
 * for /proc) and resolves once it logs its "listening" line. Its stdout keeps being read so a
 * chatty log never blocks it.
 */
export function startRelayProcess(entry: string, env: Readonly<Record<string, string>>, nodeArgs: readonly string[] = []): Promise<RelayProcess> {
  const child = spawn(process.execPath, [...nodeArgs, '--import', 'tsx', entry], {
    cwd: repoRoot,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr = (stderr + chunk).slice(-4000)));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const stderrTail = (): string => stderr.trim().split('\n').slice(-5).join(' | ');
  const stop = async (): Promise<void> => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    child.kill('SIGTERM');
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([exited, new Promise<void>((resolve) => (timer = setTimeout(resolve, stopTimeoutMs)))]);
    clearTimeout(timer);
    if (child.exitCode === null && child.signalCode === null) {
      child.kill('SIGKILL');
      await exited;
    }
  };
  return new Promise((resolve, reject) => {
    const fail = (message: string): void => {
      clearTimeout(timer);
      void stop().then(() => reject(new Error(`${entry}: ${message}; stderr: ${stderrTail()}`)));
    };
    const timer = setTimeout(() => fail(`no "listening" line within ${startTimeoutMs / 1000} s`), startTimeoutMs);
    let buffered = '';
    let listening = false;
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
      if (listening) return;
      buffered += chunk;
      for (let newline = buffered.indexOf('\n'); newline >= 0 && !listening; newline = buffered.indexOf('\n')) {
        const line = buffered.slice(0, newline);
        buffered = buffered.slice(newline + 1);
        const url = listeningUrl(line);
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
