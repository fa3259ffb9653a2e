import { closeCodeName } from '../protocol/closeCodeName.ts';

/** How a relay connection ended. */
export interface CloseInfo {
  readonly code: number;
  /** The CloseCode name ("tooSlow", "authExpired", …) or the RFC 6455 one ("normal", "abnormal"). */
  readonly name: string;
  readonly reason: string;
  /** This side closed: close() was called, or a frame from the relay did not decode (code says why). */
  readonly byClient: boolean;
}

export function closeInfo(code: number, reason: string, byClient: boolean): CloseInfo {
  return { code, name: closeCodeName(code), reason, byClient };
}
