// Frame + generated payload codecs in one place, so the relay and every client turn bytes into
// messages (and decode failures into close codes) the same way.

import { FrameError, type FrameOptions, decodeFrame, encodeFrame } from './frame.ts';
import {
  type ClientMessage,
  CloseCode,
  MessageType,
  type RelayMessage,
  decodeClientPayload,
  decodeRelayPayload,
  encodePayload,
} from './generated/tessera.ts';
import { MessageDecodeError, UnknownMessageTypeError } from './wire.ts';

export function encodeMessage(message: ClientMessage | RelayMessage, seq: number, options?: FrameOptions): Uint8Array {
  return encodeFrame(MessageType[message.type], seq, encodePayload(message), options);
}

/** What a relay receives. Throws FrameError only. */
export function decodeClientFrame(bytes: Uint8Array, maxPayload: number): { seq: number; message: ClientMessage } {
  const { header, payload } = decodeFrame(bytes, maxPayload);
  try {
    return { seq: header.seq, message: decodeClientPayload(header.typeId, payload) };
  } catch (error) {
    throw asFrameError(error);
  }
}

/** What a client receives. Throws FrameError only. */
export function decodeRelayFrame(bytes: Uint8Array, maxPayload: number): { seq: number; message: RelayMessage } {
  const { header, payload } = decodeFrame(bytes, maxPayload);
  try {
    return { seq: header.seq, message: decodeRelayPayload(header.typeId, payload) };
  } catch (error) {
    throw asFrameError(error);
  }
}

function asFrameError(error: unknown): unknown {
  if (error instanceof UnknownMessageTypeError) return new FrameError(CloseCode.unknownType, error.message);
  if (error instanceof MessageDecodeError) return new FrameError(CloseCode.malformedMessage, `malformed payload: ${error.message}`);
  return error;
}
