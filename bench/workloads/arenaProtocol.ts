/** Fixed parameters shared by the "arena" and "move" workloads (ARENA.md). */
export const arenaProtocol = {
  seed: 42,
  radius: 1.0,
  /** Ticks per second; dt = 1 / tickRate. Fixed-point peers take velocities per tick (v / tickRate). */
  tickRate: 60,
  dt: 1 / 60,
  restitution: 1.0,
  warmupSteps: 60,
  timedSteps: 600,
} as const;

/** Box side for N bodies: circles cover 25% of the area, L = sqrt(N pi r^2 / 0.25). */
export function arenaBoxLength(n: number, radius: number = arenaProtocol.radius): number {
  return Math.sqrt((n * Math.PI * radius * radius) / 0.25);
}
