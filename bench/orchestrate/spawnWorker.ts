import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { MeasurementSpec } from '../MeasurementSpec.ts';
import type { WorkerFailure, WorkerResult } from '../WorkerResult.ts';
import { workerArgs } from '../workerArgs.ts';

const workerPath = fileURLToPath(new URL('../worker.ts', import.meta.url));
const repoRoot = fileURLToPath(new URL('../../', import.meta.url));
/** Longest a single measurement may take (Rapier at N = 20000 needs well under a minute). */
const WORKER_TIMEOUT_MS = 10 * 60 * 1000;

function failure(code: string, error: string): WorkerFailure {
  return { error: `[${code}] ${error}`, code };
}

function lastLines(text: string, count: number): string {
  return text.trim().split('\n').slice(-count).join(' | ');
}

/**
 * Runs one measurement in a fresh `node --no-liftoff --import tsx bench/worker.ts` process and
 * returns the JSON line it prints. Never rejects: a crash, a timeout or unreadable output comes
 * back as a WorkerFailure so the rest of the bench still runs.
 */
export function spawnWorker(spec: MeasurementSpec): Promise<WorkerResult> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--no-liftoff', '--import', 'tsx', workerPath, ...workerArgs(spec)], {
      cwd: repoRoot,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    let timedOut = false;
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    const timer = setTimeout(() => {
      timedOut = true;
      child.kill('SIGKILL');
    }, WORKER_TIMEOUT_MS);

    child.on('error', (err) => {
      clearTimeout(timer);
      resolve(failure('worker-crashed', `could not start the worker: ${err.message}`));
    });
    child.on('close', (exitCode, signal) => {
      clearTimeout(timer);
      if (timedOut) {
        resolve(failure('worker-timeout', `no result after ${WORKER_TIMEOUT_MS / 1000} s`));
        return;
      }
      const line = stdout.trim().split('\n').pop() ?? '';
      try {
        resolve(JSON.parse(line) as WorkerResult);
      } catch {
        const how = signal === null ? `exit code ${exitCode}` : `signal ${signal}`;
        resolve(failure('worker-crashed', `worker ended with ${how} and no result line; stderr: ${lastLines(stderr, 3)}`));
      }
    });
  });
}
