import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { BotsReport } from '../../bots/BotsReport.ts';
import type { GeneratorEvent } from './GeneratorEvent.ts';

const generatorPath = fileURLToPath(new URL('./generator.ts', import.meta.url));
/** Connecting thousands of bots plus the 25 s schedule fit well inside this. */
const generatorTimeoutMs = 5 * 60 * 1000;

export interface GeneratorWindowHooks {
  /** Called with the generator's PID as its measuring window opens and closes. */
  readonly onWindowStart: (generatorPid: number) => void;
  readonly onWindowEnd: (generatorPid: number) => void;
}

/** Runs bench/relay/generator.ts as its own process against one relay; resolves with its report. */
export function runLoadGenerator(relayWsUrl: string, adapterModule: string, rooms: number, hooks: GeneratorWindowHooks): Promise<BotsReport> {
  const child = spawn(process.execPath, ['--import', 'tsx', generatorPath, relayWsUrl, adapterModule, String(rooms)], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const pid = child.pid!;
  let stderr = '';
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr = (stderr + chunk).slice(-4000)));
  return new Promise((resolve, reject) => {
    let settled = false;
    const finish = (outcome: { report: BotsReport } | { error: string }): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      if ('report' in outcome) resolve(outcome.report);
      else reject(new Error(outcome.error));
    };
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      finish({ error: `load generator still running after ${generatorTimeoutMs / 1000} s` });
    }, generatorTimeoutMs);
    let buffered = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
      buffered += chunk;
      for (let newline = buffered.indexOf('\n'); newline >= 0; newline = buffered.indexOf('\n')) {
        const event = JSON.parse(buffered.slice(0, newline)) as GeneratorEvent;
        buffered = buffered.slice(newline + 1);
        if (event.event === 'window-start') hooks.onWindowStart(pid);
        else if (event.event === 'window-end') hooks.onWindowEnd(pid);
        else if (event.event === 'result') finish({ report: event.report });
        else if (event.event === 'error') finish({ error: `load generator: ${event.message}` });
      }
    });
    child.once('exit', (code, signal) => {
      const tail = stderr.trim().split('\n').slice(-3).join(' | ');
      finish({ error: `load generator exited (${signal ?? `code ${code}`}) without a result; stderr: ${tail}` });
    });
  });
}
