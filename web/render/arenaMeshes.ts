// The static pitch: floor, markings, goal pockets tinted by the team that defends them, the
// world-bound walls and the sim's static boxes (end walls, pillars), built once per match from
// the layout the sim reports, so what you see is exactly what bodies collide with.

import * as THREE from 'three';
import type { ArenaLayout, Rect } from '../engine/readArenaLayout.ts';
import { TEAM_COLORS } from './palette.ts';
import { POCKET_GLOW } from './GoalBurst.ts';

const WALL_HEIGHT = 1.2;
const WALL_THICKNESS = 0.6;
/** Sim units covered by one repeat of the floor texture (4×4 mosaic tiles). */
const FLOOR_TEXTURE_SPAN = 4;

export function buildArenaMeshes(layout: ArenaLayout, floorTexture: THREE.Texture | null): THREE.Group {
  const group = new THREE.Group();
  const { bounds, field } = layout;
  const wallMaterial = new THREE.MeshStandardMaterial({ color: '#5b6478', roughness: 0.7 });

  // The floor is the texture's only user, so the repeat is set on it directly (no per-match copy).
  floorTexture?.repeat.set(field.width / FLOOR_TEXTURE_SPAN, field.height / FLOOR_TEXTURE_SPAN);
  const floor = new THREE.Mesh(
    new THREE.PlaneGeometry(field.width, field.height).rotateX(-Math.PI / 2),
    new THREE.MeshStandardMaterial({ color: '#1f6b4a', roughness: 0.95, map: floorTexture }),
  );
  floor.position.set(field.width / 2, 0, field.height / 2);
  group.add(floor);

  // Goal pockets: team 0 defends the left one, team 1 the right (the sim lines teams up so).
  const mouth = field.goalHigh - field.goalLow;
  for (const [team, minX, maxX] of [[0, bounds.minX, 0], [1, field.width, bounds.maxX]] as const) {
    const pocket = new THREE.Mesh(
      new THREE.PlaneGeometry(maxX - minX, mouth).rotateX(-Math.PI / 2),
      new THREE.MeshStandardMaterial({ color: TEAM_COLORS[team], roughness: 0.8, emissive: TEAM_COLORS[team], emissiveIntensity: POCKET_GLOW }),
    );
    pocket.position.set((minX + maxX) / 2, 0.005, (field.goalLow + field.goalHigh) / 2);
    pocket.name = `goal${team}`;
    group.add(pocket);
  }

  // Markings: halfway line and centre circle.
  const lineMaterial = new THREE.MeshBasicMaterial({ color: '#cfe8da', transparent: true, opacity: 0.55 });
  const halfway = new THREE.Mesh(new THREE.PlaneGeometry(0.15, field.height).rotateX(-Math.PI / 2), lineMaterial);
  halfway.position.set(field.width / 2, 0.01, field.height / 2);
  group.add(halfway);
  const circle = new THREE.Mesh(new THREE.RingGeometry(3.9, 4.05, 64).rotateX(-Math.PI / 2), lineMaterial);
  circle.position.set(field.width / 2, 0.01, field.height / 2);
  group.add(circle);

  const walls: Rect[] = [
    // Side walls along the world bounds, and the backs of the goal pockets.
    { minX: bounds.minX - WALL_THICKNESS, minY: bounds.minY - WALL_THICKNESS, maxX: bounds.maxX + WALL_THICKNESS, maxY: bounds.minY },
    { minX: bounds.minX - WALL_THICKNESS, minY: bounds.maxY, maxX: bounds.maxX + WALL_THICKNESS, maxY: bounds.maxY + WALL_THICKNESS },
    { minX: bounds.minX - WALL_THICKNESS, minY: bounds.minY, maxX: bounds.minX, maxY: bounds.maxY },
    { minX: bounds.maxX, minY: bounds.minY, maxX: bounds.maxX + WALL_THICKNESS, maxY: bounds.maxY },
    ...layout.boxes,
  ];
  for (const r of walls) group.add(boxMesh(r, wallMaterial));
  return group;
}

function boxMesh(r: Rect, material: THREE.Material): THREE.Mesh {
  const mesh = new THREE.Mesh(new THREE.BoxGeometry(r.maxX - r.minX, WALL_HEIGHT, r.maxY - r.minY), material);
  mesh.position.set((r.minX + r.maxX) / 2, WALL_HEIGHT / 2, (r.minY + r.maxY) / 2);
  return mesh;
}

/** Free every geometry and material under `group` (each mesh owns its geometry; materials may be shared). */
export function disposeGroup(group: THREE.Object3D): void {
  const materials = new Set<THREE.Material>();
  group.traverse((o) => {
    if (o instanceof THREE.Mesh) {
      o.geometry.dispose();
      for (const m of [o.material].flat() as THREE.Material[]) materials.add(m);
    }
  });
  for (const m of materials) m.dispose();
}
