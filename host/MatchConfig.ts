// Everything that, with the input log, determines a match. Replays and saves carry it.

export interface MatchConfig {
  /** PRNG seed (u32). */
  seed: number;
  /** 1..8 players. */
  players: number;
  /** Bit i set: slot i is driven by the sim's bot. */
  botMask: number;
  /** Ticks of play after kickoff (0 = the default 3 minutes). */
  matchTicks: number;
  /** Loose bodies on the pitch. */
  orbs: number;
}

export const defaultMatchConfig: MatchConfig = { seed: 1, players: 4, botMask: 0b1110, matchTicks: 0, orbs: 40 };

export function validateMatchConfig(c: MatchConfig): void {
  const whole = (v: number, lo: number, hi: number, name: string): void => {
    if (!Number.isInteger(v) || v < lo || v > hi) throw new RangeError(`${name} must be a whole number in ${lo}..${hi}, got ${v}`);
  };
  whole(c.seed, 0, 0xffffffff, 'seed');
  whole(c.players, 1, 8, 'players');
  whole(c.botMask, 0, 0xff, 'botMask');
  whole(c.matchTicks, 0, 0x7fffffff, 'matchTicks');
  whole(c.orbs, 0, 100000, 'orbs');
}

/** What a room's settings carry: everything of a MatchConfig but the seats (protocol MatchSettings). */
export interface RoomMatchSettings {
  seed: number;
  matchTicks: number;
  orbs: number;
}

/**
 * The match a relay room plays: one body per seat (empty seats get input 0), no sim bots, so the
 * relay and every client build the same state from the room's settings alone.
 */
export function matchConfigForRoom(settings: RoomMatchSettings, seats: number): MatchConfig {
  return { seed: settings.seed, players: seats, botMask: 0, matchTicks: settings.matchTicks, orbs: settings.orbs };
}
