// Places the camera so the whole arena fills the view, tilted for depth. In a portrait view the
// camera stands at the arena's end instead of its side, so the pitch's long axis runs up the
// screen rather than shrinking to fit the narrow width.

import * as THREE from 'three';
import type { Rect } from '../engine/readArenaLayout.ts';

const TILT = THREE.MathUtils.degToRad(30); // away from straight down
const MARGIN = 1.1;
const WALL_ALLOWANCE = 2; // world units around the bounds for the walls

export function frameArena(camera: THREE.PerspectiveCamera, bounds: Rect, aspect: number): void {
  const portrait = aspect < 1;
  const cx = (bounds.minX + bounds.maxX) / 2, cz = (bounds.minY + bounds.maxY) / 2;
  const width = bounds.maxX - bounds.minX + WALL_ALLOWANCE, depth = bounds.maxY - bounds.minY + WALL_ALLOWANCE;
  const across = portrait ? depth : width;
  const up = portrait ? width : depth;
  camera.aspect = aspect;
  const vHalf = Math.tan(THREE.MathUtils.degToRad(camera.fov) / 2);
  const hHalf = vHalf * aspect;
  // The ground seen at an angle is foreshortened by cos(tilt) up the screen.
  const dist = MARGIN * Math.max(across / 2 / hHalf, (up * Math.cos(TILT)) / 2 / vHalf + 1);
  // World up is the lookAt hint, so screen up is the horizontal direction away from the camera.
  const away = portrait ? new THREE.Vector3(1, 0, 0) : new THREE.Vector3(0, 0, -1);
  camera.up.set(0, 1, 0);
  camera.position.set(cx, Math.cos(TILT) * dist, cz).addScaledVector(away, -Math.sin(TILT) * dist);
  camera.lookAt(cx, 0, cz);
  camera.updateProjectionMatrix();
  camera.updateMatrixWorld();
}
