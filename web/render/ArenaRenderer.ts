// The Three.js side of a game: renderer, scene, camera and lights; the pitch built from the sim's
// layout; the bodies drawn straight from WASM memory. It runs wherever the canvas is, a worker's
// OffscreenCanvas or the page's own canvas, with the same code.

import * as THREE from 'three';
import type { ArenaLayout, Rect } from '../engine/readArenaLayout.ts';
import { buildArenaMeshes, disposeGroup } from './arenaMeshes.ts';
import { BodyMesh, type BodyViews } from './bodyMesh.ts';
import { frameArena } from './frameArena.ts';
import { GoalBurst } from './GoalBurst.ts';
import { createStage, type StageOptions } from './createStage.ts';

export class ArenaRenderer {
  readonly renderer: THREE.WebGLRenderer;
  private readonly scene: THREE.Scene;
  private readonly camera = new THREE.PerspectiveCamera(45, 16 / 9, 0.5, 500);
  private readonly burst = new GoalBurst();
  private arena: THREE.Group | null = null;
  private floorTexture: THREE.Texture | null = null;
  private bounds: Rect = { minX: 0, minY: 0, maxX: 48, maxY: 27 };
  private bodies: BodyMesh | null = null;
  private goalLine = { left: 0, right: 48, mid: 13.5 };
  private aspect = 16 / 9;
  /** Screen right and screen up as unit directions on the pitch (sim x, y); set with the camera. */
  private screenRight: [number, number] = [1, 0];
  private screenUp: [number, number] = [0, -1];
  private readonly ray = new THREE.Raycaster();
  private readonly ground = new THREE.Plane(new THREE.Vector3(0, 1, 0), 0);
  private readonly ndc = new THREE.Vector2();
  private readonly hit = new THREE.Vector3();

  constructor(canvas: HTMLCanvasElement | OffscreenCanvas, options: StageOptions = {}) {
    ({ renderer: this.renderer, scene: this.scene } = createStage(canvas, options));
    this.scene.add(this.burst.object);
  }

  /** The pitch's tile texture (the renderer owns it from here); used from the next setArena. */
  setFloorTexture(image: ImageBitmap): void {
    this.floorTexture?.dispose();
    const texture = new THREE.Texture(image);
    texture.colorSpace = THREE.SRGBColorSpace;
    texture.wrapS = texture.wrapT = THREE.RepeatWrapping;
    // An ImageBitmap is uploaded as decoded; a repeating pattern needs no flip.
    texture.flipY = false;
    texture.needsUpdate = true;
    this.floorTexture = texture;
  }

  /** Build the static pitch for a new match. */
  setArena(layout: ArenaLayout): void {
    if (this.arena) {
      this.scene.remove(this.arena);
      disposeGroup(this.arena);
    }
    this.arena = buildArenaMeshes(layout, this.floorTexture);
    this.scene.add(this.arena);
    this.bounds = layout.bounds;
    this.goalLine = { left: 0, right: layout.field.width, mid: (layout.field.goalLow + layout.field.goalHigh) / 2 };
    this.frame();
  }

  /** Point the body mesh at the sim's views (cheap when they are unchanged) and draw `count` slots. */
  setBodies(views: BodyViews, count: number): void {
    if (!this.bodies || this.bodies.matrixArray.length !== views.matrices.length) {
      if (this.bodies) {
        this.scene.remove(this.bodies.mesh);
        this.bodies.dispose();
      }
      this.bodies = new BodyMesh(views);
      this.scene.add(this.bodies.mesh);
    }
    this.bodies.update(views, count);
  }

  /** The array the GPU reads instance matrices from (for the zero-copy check). */
  get matrixArray(): Float32Array | null {
    return this.bodies?.matrixArray ?? null;
  }

  resize(width: number, height: number, pixelRatio: number): void {
    this.renderer.setPixelRatio(pixelRatio);
    this.renderer.setSize(Math.max(1, width), Math.max(1, height), false);
    this.aspect = Math.max(1, width) / Math.max(1, height);
    this.frame();
  }

  /** Frame the pitch, and remember the screen's axes on it for turning sticks into sim directions. */
  private frame(): void {
    frameArena(this.camera, this.bounds, this.aspect);
    const axis = (column: number): [number, number] => {
      const v = new THREE.Vector3().setFromMatrixColumn(this.camera.matrixWorld, column).setY(0).normalize();
      return [v.x, v.z];
    };
    this.screenRight = axis(0);
    this.screenUp = axis(1);
  }

  /** A goal for `team`: the burst starts at the goal mouth it went into. */
  goal(team: number, nowMs: number): void {
    const x = team === 0 ? this.goalLine.right : this.goalLine.left;
    const pocket = this.arena?.getObjectByName(`goal${team === 0 ? 1 : 0}`);
    this.burst.start(nowMs, x, this.goalLine.mid, team, pocket instanceof THREE.Mesh ? pocket : null);
  }

  render(nowMs: number): void {
    this.burst.update(nowMs);
    this.renderer.render(this.scene, this.camera);
  }

  /** A screen-space stick (+y up) as a direction in sim axes (x, y), keeping its length. */
  stickToSim(sx: number, sy: number): [number, number] {
    const [rx, ry] = this.screenRight, [ux, uy] = this.screenUp;
    return [sx * rx + sy * ux, sx * ry + sy * uy];
  }

  /** Where a point of the canvas (NDC, +y up) meets the pitch, in sim units; null above the horizon. */
  pointerToSim(ndcX: number, ndcY: number): [number, number] | null {
    this.ray.setFromCamera(this.ndc.set(ndcX, ndcY), this.camera);
    const hit = this.ray.ray.intersectPlane(this.ground, this.hit);
    return hit ? [hit.x, hit.z] : null;
  }

  dispose(): void {
    if (this.arena) disposeGroup(this.arena);
    this.floorTexture?.dispose();
    this.bodies?.dispose();
    this.burst.dispose();
    this.renderer.dispose();
    // Give the context back now rather than when the GC finds it: browsers cap live contexts.
    this.renderer.forceContextLoss();
  }
}
