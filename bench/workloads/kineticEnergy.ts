/** Sum of vx^2 + vy^2 (unit mass; the 1/2 cancels in every ratio we take). */
export function kineticEnergy(vx: ArrayLike<number>, vy: ArrayLike<number>, count: number = vx.length): number {
  let sum = 0;
  for (let i = 0; i < count; i++) sum += vx[i]! * vx[i]! + vy[i]! * vy[i]!;
  return sum;
}
