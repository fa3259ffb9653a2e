// Game events for the host (goal, kickoff, match end), in a ring in the render region: outside
// the hashed state, read by the host after each frame. events[0] counts every event ever written.

import { EVENT_RING, EVENT_WORDS, H, header, gEvents } from "../ecs/world";

export const enum GameEvent {
  Kickoff = 1,
  Goal = 2, // a = scoring team, b = points
  MatchEnd = 3, // a = winning team, -1 for a draw
}

export function emitEvent(kind: i32, a: i32, b: i32): void {
  let n = load<i32>(gEvents);
  let p = gEvents + 4 + (<usize>((n % EVENT_RING) * EVENT_WORDS) << 2);
  store<i32>(p, header(H.Tick));
  store<i32>(p, kind, 4);
  store<i32>(p, a, 8);
  store<i32>(p, b, 12);
  store<i32>(gEvents, n + 1);
}
