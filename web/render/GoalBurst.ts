// The goal effect: a ring of the scoring team's colour that swells and fades from the goal mouth,
// plus a flash of that goal pocket. Runs on render time; the sim only reports that a goal happened.

import * as THREE from 'three';
import { TEAM_COLORS } from './palette.ts';

const DURATION_MS = 900;
/** The goal pockets' resting glow (arenaMeshes.ts). */
export const POCKET_GLOW = 0.25;

export class GoalBurst {
  readonly object: THREE.Mesh;
  private readonly material: THREE.MeshBasicMaterial;
  private startedAt = -Infinity;
  private pocket: THREE.Mesh | null = null;

  constructor() {
    this.material = new THREE.MeshBasicMaterial({ transparent: true, depthWrite: false, side: THREE.DoubleSide });
    this.object = new THREE.Mesh(new THREE.RingGeometry(0.8, 1.2, 48).rotateX(-Math.PI / 2), this.material);
    this.object.visible = false;
  }

  /** Start a burst at (x, z) for the scoring team; `pocket` is the goal mesh that flashes. */
  start(nowMs: number, x: number, z: number, scoringTeam: number, pocket: THREE.Mesh | null): void {
    // A goal during another goal's burst: the earlier pocket goes back to its resting glow.
    if (this.pocket && this.pocket !== pocket) (this.pocket.material as THREE.MeshStandardMaterial).emissiveIntensity = POCKET_GLOW;
    this.startedAt = nowMs;
    this.object.position.set(x, 0.05, z);
    this.material.color.set(TEAM_COLORS[scoringTeam === 1 ? 1 : 0]);
    this.pocket = pocket;
  }

  /** Advance the animation; true while it still needs frames. Idle frames touch nothing. */
  update(nowMs: number): boolean {
    const t = (nowMs - this.startedAt) / DURATION_MS;
    const pocketMaterial = this.pocket?.material as THREE.MeshStandardMaterial | undefined;
    if (t < 0 || t >= 1) {
      if (this.object.visible) {
        this.object.visible = false;
        if (pocketMaterial) pocketMaterial.emissiveIntensity = POCKET_GLOW;
        this.pocket = null;
      }
      return false;
    }
    this.object.visible = true;
    if (pocketMaterial) pocketMaterial.emissiveIntensity = POCKET_GLOW + 1.5 * (1 - t);
    const s = 1 + 9 * t;
    this.object.scale.set(s, 1, s);
    this.material.opacity = 0.9 * (1 - t);
    return true;
  }

  dispose(): void {
    this.object.geometry.dispose();
    this.material.dispose();
  }
}
