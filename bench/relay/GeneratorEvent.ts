import type { BotsReport } from '../../bots/BotsReport.ts';

/** One JSON line of bench/relay/generator.ts's output. */
export type GeneratorEvent =
  | { readonly event: 'ready'; readonly openRooms: number; readonly failedRooms: number }
  | { readonly event: 'window-start' }
  | { readonly event: 'window-end' }
  | { readonly event: 'result'; readonly report: BotsReport }
  | { readonly event: 'error'; readonly message: string };
