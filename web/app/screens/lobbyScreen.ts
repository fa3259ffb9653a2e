// The online lobby: create a room (its code and a link to share), join one by code or link, or
// quick match; then the room's players with ping and ready state, a ready toggle, and the owner's
// Start. Every request goes through the game's online handle, which connects on first use; the
// room itself is redrawn from the game's 'room' events, so what shows is what the relay said.

import type { OnlineHandle, RoomOptions, RoomView } from '../../runtime/types.ts';
import { normalizeRoomCode, roomLink } from '../online/roomLink.ts';
import { everyoneReady, renderMemberList } from './memberList.ts';

export interface LobbyScreen {
  /** Show what the relay said about the room (null: no room, back to create/join). */
  showRoom(room: RoomView | null): void;
  /** Join a room by code, as from a share link; `spectate` watches instead of taking a seat. */
  join(code: string, spectate?: boolean): Promise<void>;
  /** A sentence in the lobby's status line. */
  say(text: string): void;
}

export interface LobbyOptions {
  /** Overrides the Length choice (seconds after kickoff), e.g. from ?matchSeconds= for short test matches. */
  matchSeconds?: number;
  seed?: number;
}

const $ = <T extends HTMLElement>(root: ParentNode, id: string): T => root.querySelector(`#${id}`) as T;

export function bindLobbyScreen(screen: HTMLElement, online: OnlineHandle, options: LobbyOptions = {}): LobbyScreen {
  const roomForm = $<HTMLFormElement>(screen, 'room-form');
  const joinForm = $<HTMLFormElement>(screen, 'join-form');
  const entry = $(screen, 'lobby-entry');
  const roomPanel = $(screen, 'room');
  const status = $(screen, 'lobby-status');
  const readyButton = $<HTMLButtonElement>(screen, 'ready');
  const startButton = $<HTMLButtonElement>(screen, 'start-online');
  const link = $<HTMLInputElement>(screen, 'room-link');
  const busyButtons = [...screen.querySelectorAll<HTMLButtonElement>('#lobby-entry button')];
  let room: RoomView | null = null;

  const say = (text: string): void => void (status.textContent = text);

  /**
   * One request at a time: the entry buttons wait, and a refusal is said in the relay's words. The
   * room itself is drawn from 'room' events only: an answer travels on another channel than the
   * events and could arrive after a newer one (a member who joined meanwhile).
   */
  const request = async (doing: string, run: () => Promise<unknown>): Promise<void> => {
    for (const b of busyButtons) b.disabled = true;
    say(doing);
    try {
      const name = (new FormData(roomForm).get('name') as string).trim();
      await online.connect(name ? { name } : {});
      await run();
    } catch (error) {
      say(error instanceof Error ? error.message : String(error));
    } finally {
      for (const b of busyButtons) b.disabled = false;
    }
  };

  const roomOptions = (): RoomOptions => {
    const data = new FormData(roomForm);
    return {
      players: Number(data.get('players')),
      matchSeconds: options.matchSeconds ?? Number(data.get('minutes')) * 60,
      ...(options.seed !== undefined ? { seed: options.seed } : {}),
    };
  };

  roomForm.addEventListener('submit', (e) => {
    e.preventDefault();
    void request('Creating a room…', () => online.createRoom(roomOptions()));
  });
  $(screen, 'quick-match').addEventListener('click', () => {
    void request('Looking for players…', () => online.quickMatch(roomOptions().players));
  });
  joinForm.addEventListener('submit', (e) => {
    e.preventDefault();
    void join(String(new FormData(joinForm).get('code')));
  });
  $(screen, 'watch-room').addEventListener('click', () => {
    if (joinForm.reportValidity()) void join(String(new FormData(joinForm).get('code')), true);
  });

  async function join(typed: string, spectate = false): Promise<void> {
    const code = normalizeRoomCode(typed);
    $<HTMLInputElement>(screen, 'join-code').value = code;
    await request(spectate ? `Joining room ${code} to watch…` : `Joining room ${code}…`, () => online.joinRoom(code, { spectate }));
  }

  readyButton.addEventListener('click', () => {
    const ready = readyButton.getAttribute('aria-pressed') !== 'true';
    void online.setReady(ready).catch((e: unknown) => say(String(e instanceof Error ? e.message : e)));
  });
  startButton.addEventListener('click', () => {
    say('Starting…');
    void online.startMatch().catch((e: unknown) => say(String(e instanceof Error ? e.message : e)));
  });
  $(screen, 'copy-link').addEventListener('click', async () => {
    try {
      await navigator.clipboard.writeText(link.value);
      say('Link copied: send it to the players you want in this room.');
    } catch {
      // No clipboard permission (an embedded frame, an old browser): leave it selected to copy by hand.
      link.select();
      say('Copy the selected link by hand.');
    }
  });

  function showRoom(next: RoomView | null): void {
    room = next;
    entry.hidden = next !== null;
    roomPanel.hidden = next === null;
    if (!next) {
      // Nothing of a room left behind may pass for the next one's.
      $(screen, 'room-code').textContent = '';
      $(screen, 'member-list').replaceChildren();
      return;
    }
    $(screen, 'room-code').textContent = next.code;
    link.value = roomLink(next.code);
    renderMemberList($<HTMLUListElement>(screen, 'member-list'), next);
    const me = next.members.find((m) => m.playerId === next.you);
    const owner = next.owner === next.you;
    readyButton.hidden = owner || next.seat === null;
    readyButton.setAttribute('aria-pressed', String(me?.ready ?? false));
    readyButton.textContent = me?.ready ? 'Ready ✓ (tap to undo)' : "I'm ready";
    startButton.hidden = !owner;
    startButton.disabled = !everyoneReady(next);
    const seated = next.members.filter((m) => m.seat !== null).length;
    say(next.running ? 'The match is on: joining it…'
      : owner ? (everyoneReady(next) ? `${seated} of ${next.maxPlayers} seats taken. Start when you like.` : 'Waiting for everyone to be ready…')
        : `${seated} of ${next.maxPlayers} seats taken. Waiting for the owner to start.`);
  }

  return {
    showRoom,
    join,
    say,
  };
}
