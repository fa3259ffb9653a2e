// `ws`'s WebSocket with a listener of its own on the relay's Frames and MatchStarted, for bots whose
// socket belongs to an OnlineSession (bots/simAdapter.ts): the session exposes netcode, not the
// wire, and the bots' relay-level tally (bots/tallyFrames.ts) needs each Frames as it arrives and
// the local time tick 0 is due. Only those two message types are decoded a second time; anything
// that does not decode is left to the session's own client, which closes the socket over it.
import WebSocket from 'ws';
import { decodeFrame } from '../protocol/frame.ts';
import { type Frames, type MatchStarted, MessageType, type RelayMessage, decodeRelayPayload, maxSnapshotBytes } from '../protocol/generated/tessera.ts';
import type { RelaySocketConstructor } from '../net/RelaySocket.ts';

/** Called from the socket's message event, before the session handles the same message. */
export interface RelayTap {
  frames(message: Frames): void;
  matchStarted(message: MatchStarted): void;
}

/** The session's own limit: a Snapshot carries a whole state arena. */
const maxPayload = maxSnapshotBytes + 1024;

export function tappedWebSocket(tap: RelayTap): RelaySocketConstructor {
  return class TappedWebSocket extends WebSocket {
    constructor(url: string) {
      super(url);
      this.addEventListener('message', (event) => {
        let message: RelayMessage;
        try {
          const { header, payload } = decodeFrame(new Uint8Array(event.data as ArrayBuffer), maxPayload);
          if (header.typeId !== MessageType.Frames && header.typeId !== MessageType.MatchStarted) return;
          message = decodeRelayPayload(header.typeId, payload);
        } catch {
          // Not ours to report: the session's RelayClient decodes the same bytes and closes on them.
          return;
        }
        if (message.type === 'Frames') tap.frames(message);
        else if (message.type === 'MatchStarted') tap.matchStarted(message);
      });
    }
  };
}
