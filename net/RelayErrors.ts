import { RoomError } from '../protocol/generated/tessera.ts';
import type { CloseInfo } from './CloseInfo.ts';

const roomErrorNames = new Map<number, string>(Object.entries(RoomError).map(([name, code]): [number, string] => [code, name]));

/** The relay answered a room request with RoomRequestFailed; the connection stays open. */
export class RoomRequestError extends Error {
  override name = 'RoomRequestError';
  constructor(
    /** Type id of the request that failed (MessageType). */
    readonly request: number,
    readonly error: RoomError,
    message: string,
  ) {
    super(`${roomErrorNames.get(error) ?? error}: ${message}`);
  }
}

/** The connection closed before an answer came (or before Welcome, when connecting). */
export class RelayClosedError extends Error {
  override name = 'RelayClosedError';
  constructor(readonly close: CloseInfo) {
    super(`relay connection closed: ${close.code} ${close.name}${close.reason === '' ? '' : ` (${close.reason})`}`);
  }
}
