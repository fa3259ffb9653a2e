// One run of one (path, n): a fresh page (own browser context, own worker, own GL context), the
// frame loop, the page closed again. Never rejects; a failure comes back as a RenderRunFailure.

import type { ConsoleMessage, Page } from '@playwright/test';
import type { RenderHarness } from './openRenderHarness.ts';
import type { FramePlan, RenderBenchResult, RenderPath } from './renderBenchProtocol.ts';
import { CANVAS_HEIGHT, CANVAS_WIDTH } from './renderBenchProtocol.ts';

export interface RenderRunFailure {
  readonly error: string;
  readonly code: string;
}

export type RenderRunResult = RenderBenchResult | RenderRunFailure;

export function isRenderRunFailure(result: RenderRunResult): result is RenderRunFailure {
  return 'error' in result;
}

const pagePaths: Readonly<Record<RenderPath, string>> = {
  'zero-copy': '/bench/render/zeroCopy.html',
  copy: '/bench/render/copy.html',
};

/** Longest one page may take from navigation to result. */
const RUN_TIMEOUT_MS = 3 * 60 * 1000;

function timeout(ms: number): Promise<never> {
  return new Promise((_, reject) => setTimeout(() => reject(new Error(`no result after ${ms / 1000} s`)), ms).unref());
}

export async function runRenderPage(harness: RenderHarness, path: RenderPath, n: number, plan: FramePlan): Promise<RenderRunResult> {
  let page: Page | null = null;
  const pageErrors: string[] = [];
  try {
    page = await harness.browser.newPage({ viewport: { width: CANVAS_WIDTH, height: CANVAS_HEIGHT + 40 } });
    page.on('pageerror', (err) => pageErrors.push(err.message));
    page.on('console', (message: ConsoleMessage) => {
      if (message.type() === 'error') pageErrors.push(message.text());
    });
    const opened = page;
    const measure = async (): Promise<RenderBenchResult> => {
      await opened.goto(harness.origin + pagePaths[path]);
      await opened.waitForFunction(() => typeof window.runRenderBench === 'function', undefined, { timeout: 60_000 });
      return opened.evaluate(([count, framePlan]) => window.runRenderBench!(count, framePlan), [n, plan] as const);
    };
    return await Promise.race([measure(), timeout(RUN_TIMEOUT_MS)]);
  } catch (err) {
    const message = (err instanceof Error ? err.message : String(err)).split('\n')[0]!;
    const extra = pageErrors.length > 0 ? `; page errors: ${pageErrors.slice(0, 3).join(' | ')}` : '';
    return { error: `[render-failed] ${message}${extra}`, code: 'render-failed' };
  } finally {
    await page?.context().close().catch(() => {});
  }
}
