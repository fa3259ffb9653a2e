// The lobby's player list: one row per member with its team, ping, ready and connected state, in
// words as well as colour so a screen reader (and a colour-blind player) gets the same list.

import type { RoomView } from '../../runtime/types.ts';

const TEAMS = ['Blue', 'Orange'] as const;

export function renderMemberList(list: HTMLUListElement, room: RoomView): void {
  const members = [...room.members].sort((a, b) => (a.seat ?? 255) - (b.seat ?? 255));
  list.replaceChildren(...members.map((m) => {
    const li = document.createElement('li');
    li.dataset['playerId'] = m.playerId;
    li.dataset['ready'] = String(m.ready);
    li.dataset['connected'] = String(m.connected);
    const name = document.createElement('strong');
    name.textContent = m.name;
    const tags = [m.playerId === room.you ? 'you' : '', m.playerId === room.owner ? 'owner' : ''].filter(Boolean);
    const team = document.createElement('span');
    team.className = m.seat === null ? 'team' : `team team${m.seat & 1}`;
    team.textContent = m.seat === null ? 'Spectator' : `${TEAMS[m.seat & 1]} team`;
    const state = document.createElement('span');
    state.className = 'member-state';
    state.textContent = [
      // The owner's readiness is pressing Start, so only the others show one.
      !m.connected ? 'reconnecting…' : m.seat === null || m.playerId === room.owner ? '' : m.ready ? 'ready' : 'not ready',
      m.pingMs > 0 ? `${m.pingMs} ms` : '',
    ].filter(Boolean).join(' · ');
    li.append(name, tags.length ? ` (${tags.join(', ')}) ` : ' ', team, state);
    return li;
  }));
}

/** Whether the owner may start: every seated player other than the owner has said ready. */
export function everyoneReady(room: RoomView): boolean {
  return room.members.every((m) => m.seat === null || m.playerId === room.owner || m.ready);
}
