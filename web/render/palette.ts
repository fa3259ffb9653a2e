// Colours by the sim's Look field (players use their slot 0..7, orbs 16 and 17) and by team.
// One table serves the body shader, the field's goal tints and the DOM scoreboard.

export const TEAM_COLORS = ['#3d8bff', '#ff7a2f'] as const;

/** Look id → colour. Slots alternate teams (slot & 1), so players get shades of their team. */
export const LOOK_COLORS: readonly string[] = [
  '#4f9bff', '#ff8a3d', '#7fc0ff', '#ffb066', '#2f6fe0', '#e0601c', '#a8d4ff', '#ffd09c',
  '#cccccc', '#cccccc', '#cccccc', '#cccccc', '#cccccc', '#cccccc', '#cccccc', '#cccccc',
  '#eef2f7', // 16: small orb, 1 point
  '#ffd84a', // 17: big orb, 3 points
];
