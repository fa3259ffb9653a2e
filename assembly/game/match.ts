// A match: kickoff countdown, play against the clock, then the result. One call = one tick.

import { H, header, setHeader, createWorld, gameWord, setGameWord, MAX_PLAYERS } from "../ecs/world";
import { seedRandom } from "../math/random";
import { physicsStep } from "../physics/step";
import { emitEvent, GameEvent } from "../render/events";
import { rememberPositions } from "../render/matrices";
import { fieldSizeFor, buildField } from "./field";
import { spawnPlayer, drivePlayers } from "./players";
import { spawnOrbInMiddle, scoreGoals, respawnDueOrbs } from "./orbs";
import {
  G, Phase, DEFAULT_MATCH_TICKS, KICKOFF_TICKS, GOAL_DEPTH, MAX_SPEED, CELL_SIZE, WALL_RESTITUTION,
  BIG_ORB_EVERY,
} from "./gameBlock";

/** Entity slots a match needs: a body per player and per orb. */
export function matchCapacity(players: i32, orbs: i32): i32 {
  return players + orbs;
}

/**
 * Start a new match: `players` (1..8) bodies, those whose bit is set in `botMask` driven by the
 * sim's bots, `orbs` loose bodies, `matchTicks` of play (0 = 3 minutes) and a ring of
 * `ringSlots` snapshots. Everything that follows is a function of these arguments and the inputs.
 */
export function createMatch(seed: u32, players: i32, botMask: i32, matchTicks: i32, orbs: i32, ringSlots: i32): void {
  assert(players >= 1 && players <= MAX_PLAYERS, "a match has 1 to 8 players");
  assert(orbs >= 0 && orbs <= 100000, "orb count must be 0..100000");
  assert(matchTicks >= 0, "match length must not be negative");
  let f = fieldSizeFor(orbs);
  createWorld(matchCapacity(players, orbs), ringSlots, CELL_SIZE, -GOAL_DEPTH, 0, f.w + GOAL_DEPTH, f.h, MAX_SPEED);
  setHeader(H.WallRestitution, WALL_RESTITUTION);
  seedRandom(seed);
  buildField(f);
  setGameWord(G.Players, players);
  setGameWord(G.BotMask, botMask & ((1 << players) - 1));
  setGameWord(G.TicksLeft, matchTicks > 0 ? matchTicks : DEFAULT_MATCH_TICKS);
  setGameWord(G.Countdown, KICKOFF_TICKS);
  setGameWord(G.Phase, Phase.Countdown);

  // Teams alternate by slot; each team lines up on its own half.
  let perTeam0 = (players + 1) >> 1, perTeam1 = players >> 1;
  for (let slot = 0; slot < players; slot++) {
    let team = slot & 1;
    let k = slot >> 1;
    let n = team == 0 ? perTeam0 : perTeam1;
    let x = team == 0 ? f.w / 6 : f.w - f.w / 6;
    let y = <i32>((<i64>f.h * (k + 1)) / (n + 1));
    spawnPlayer(slot, x, y);
  }
  for (let k = 0; k < orbs; k++) spawnOrbInMiddle(k % BIG_ORB_EVERY == BIG_ORB_EVERY - 1 ? 3 : 1);
}

/** Advance the match by one tick using the inputs set for this tick. */
export function stepMatch(): void {
  rememberPositions();
  let phase = gameWord(G.Phase);
  if (phase == Phase.Countdown) {
    let left = gameWord(G.Countdown) - 1;
    setGameWord(G.Countdown, left);
    if (left <= 0) {
      setGameWord(G.Phase, Phase.Playing);
      emitEvent(GameEvent.Kickoff, 0, 0);
    }
  } else if (phase == Phase.Playing) {
    drivePlayers();
  }
  physicsStep();
  if (phase == Phase.Playing) {
    scoreGoals();
    respawnDueOrbs();
    let left = gameWord(G.TicksLeft) - 1;
    setGameWord(G.TicksLeft, left);
    if (left <= 0) {
      setGameWord(G.Phase, Phase.Ended);
      let s0 = gameWord(G.Score0), s1 = gameWord(G.Score1);
      emitEvent(GameEvent.MatchEnd, s0 > s1 ? 0 : s1 > s0 ? 1 : -1, 0);
    }
  }
  setHeader(H.Tick, header(H.Tick) + 1);
}
