// A room's share link is the app's own address with ?room=CODE: opening it starts the app and
// joins that room. Codes are typed by people, so what they type is tidied before it is sent.

const ROOM_PARAM = 'room';

export function roomLink(code: string, page: string = location.href): string {
  const url = new URL(page);
  url.search = '';
  url.hash = '';
  url.searchParams.set(ROOM_PARAM, code);
  return url.href;
}

/** The room code of a share link opened as this page, or null. */
export function roomFromLink(search: string = location.search): string | null {
  const code = normalizeRoomCode(new URLSearchParams(search).get(ROOM_PARAM) ?? '');
  return code === '' ? null : code;
}

/** Upper case, spaces and dashes dropped: "abc-def " and "ABCDEF" are the same room. */
export function normalizeRoomCode(typed: string): string {
  return typed.toUpperCase().replace(/[^A-Z0-9]/g, '');
}

/** Drop ?room= from the address bar once it has been used, so a reload does not join again. */
export function forgetRoomLink(): void {
  const url = new URL(location.href);
  if (!url.searchParams.has(ROOM_PARAM)) return;
  url.searchParams.delete(ROOM_PARAM);
  history.replaceState(history.state, '', url.href);
}
