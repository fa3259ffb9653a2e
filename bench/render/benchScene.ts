// The scene both paths draw: the shipped BodyMesh (same geometry, material and shader) under the
// lights ArenaRenderer uses, on a 640×360 canvas at pixel ratio 1, the camera framing the world.
// Only where the instance matrices come from differs between the paths.

import * as THREE from 'three';
import { BodyMesh, type BodyViews } from '../../web/render/bodyMesh.ts';
import { frameArena } from '../../web/render/frameArena.ts';
import { createStage } from '../../web/render/createStage.ts';
import { CANVAS_HEIGHT, CANVAS_WIDTH, type BodyGeometry } from './renderBenchProtocol.ts';

export class BenchScene {
  readonly renderer: THREE.WebGLRenderer;
  private readonly scene: THREE.Scene;
  private readonly camera = new THREE.PerspectiveCamera(45, CANVAS_WIDTH / CANVAS_HEIGHT, 0.5, 5000);
  private bodies: BodyMesh | null = null;
  private readonly pixel = new Uint8Array(4);

  constructor(canvas: HTMLCanvasElement | OffscreenCanvas) {
    // The game's renderer settings and lights (ArenaRenderer starts from the same stage).
    ({ renderer: this.renderer, scene: this.scene } = createStage(canvas));
    this.renderer.setPixelRatio(1);
    this.renderer.setSize(CANVAS_WIDTH, CANVAS_HEIGHT, false);
  }

  /**
   * A fresh BodyMesh over `views` (the previous one is disposed), camera framed on [0, L]². With
   * 'octahedron' the mesh keeps BodyMesh's material, shader and attributes (instance matrices,
   * looks) but draws an octahedron instead of the sphere.
   */
  setBodies(views: BodyViews, length: number, geometry: BodyGeometry): BodyMesh {
    if (this.bodies) {
      this.scene.remove(this.bodies.mesh);
      this.bodies.dispose();
    }
    this.bodies = new BodyMesh(views, geometry === 'octahedron' ? new THREE.OctahedronGeometry(1, 0) : undefined);
    this.scene.add(this.bodies.mesh);
    frameArena(this.camera, { minX: 0, minY: 0, maxX: length, maxY: length }, CANVAS_WIDTH / CANVAS_HEIGHT);
    return this.bodies;
  }

  /** The timed call: three.js's CPU work and the GL calls it issues (uploads included). */
  render(): void {
    this.renderer.render(this.scene, this.camera);
  }

  /**
   * Waits, untimed, until the GL has executed everything issued so far, so software rasterisation
   * of one frame neither overlaps the next frame's timed CPU work on this 2-core machine nor
   * stalls a later call through back-pressure. A 1-pixel readPixels, because Chromium's
   * gl.finish() returns without waiting for the GPU process.
   */
  drain(): void {
    const gl = this.renderer.getContext();
    gl.readPixels(0, 0, 1, 1, gl.RGBA, gl.UNSIGNED_BYTE, this.pixel);
  }

  get glRenderer(): string {
    const gl = this.renderer.getContext();
    const info = gl.getExtension('WEBGL_debug_renderer_info');
    return String(gl.getParameter(info ? info.UNMASKED_RENDERER_WEBGL : gl.RENDERER));
  }
}
