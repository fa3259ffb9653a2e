// Structured JSON logs, one object per line on stdout (pino). The relay logs what an operator
// needs to explain a disconnect — connection open/close with code and reason, auth rejections,
// rejected frames, room lifecycle — and never one line per message at info: at thousands of
// messages a second that would cost more than relaying them.

import { pino, type Logger } from 'pino';

export type RelayLog = Logger;

export function createRelayLog(level: string): RelayLog {
  return pino(
    {
      level,
      base: { service: 'tessera-relay', pid: process.pid },
      timestamp: pino.stdTimeFunctions.isoTime,
      // Level names, not numbers: the lines are read by people as often as by log pipelines.
      formatters: { level: (label) => ({ level: label }) },
    },
    // Synchronous: the lines stay in order and none is lost when the process exits right after
    // one ("stopped", a fatal configuration error). At a few lines per connection this costs nothing.
    pino.destination({ dest: 1, sync: true }),
  );
}
