// Close codes by name, for logs, metric labels and clients' errors: "badMagic" tells a reader what
// happened where 4001 sends them to a table.

import { CloseCode } from './generated/tessera.ts';

/** RFC 6455 codes the relay and its clients send or see (the rest keep their number). */
const STANDARD: ReadonlyArray<[number, string]> = [
  [1000, 'normal'],
  [1001, 'goingAway'],
  [1002, 'protocolError'],
  [1003, 'unsupportedData'],
  [1005, 'noStatus'],
  [1006, 'abnormal'],
  [1007, 'invalidPayload'],
  [1008, 'policyViolation'],
  [1009, 'messageTooBig'],
  [1011, 'internalError'],
  [1013, 'tryAgainLater'],
];

const NAMES = new Map<number, string>([...STANDARD, ...Object.entries(CloseCode).map(([name, code]): [number, string] => [code, name])]);

export function closeCodeName(code: number): string {
  return NAMES.get(code) ?? String(code);
}
