// The renderer and lit scene every Tessera view starts from: the game's ArenaRenderer and the
// render benchmark's scene share it, so the benchmark measures the lighting the game ships.

import * as THREE from 'three';

export interface StageOptions {
  antialias?: boolean;
  powerPreference?: WebGLPowerPreference;
}

export function createStage(canvas: HTMLCanvasElement | OffscreenCanvas, options: StageOptions = {}): { renderer: THREE.WebGLRenderer; scene: THREE.Scene } {
  const renderer = new THREE.WebGLRenderer({
    canvas,
    antialias: options.antialias ?? true,
    powerPreference: options.powerPreference ?? 'default',
  });
  renderer.setClearColor('#0e1420');
  const scene = new THREE.Scene();
  scene.add(new THREE.HemisphereLight('#dfe9ff', '#20302a', 1.6));
  const sun = new THREE.DirectionalLight('#ffffff', 2.2);
  sun.position.set(-0.4, 1, 0.6);
  scene.add(sun);
  return { renderer, scene };
}
