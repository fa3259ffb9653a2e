// Every body in the sim as one InstancedMesh whose instance matrices ARE the sim's render region:
// the attribute's array is a Float32Array view on WASM memory, so the sim's renderWrite is the
// only writer and the GPU upload the only copy. Colours come the same way, from an Int32Array
// view on the Look field, turned into a palette colour in the vertex shader.

import * as THREE from 'three';
import { LOOK_COLORS } from './palette.ts';

export interface BodyViews {
  /** 16 floats per entity slot (the sim's render region). */
  matrices: Float32Array;
  /** One Look id per entity slot. */
  looks: Int32Array;
}

export class BodyMesh {
  readonly mesh: THREE.InstancedMesh;
  private readonly looks: THREE.InstancedBufferAttribute;

  /** `geometry` is a unit shape scaled by each body's radius (the game draws spheres). */
  constructor(views: BodyViews, geometry: THREE.BufferGeometry = new THREE.SphereGeometry(1, 20, 14)) {
    const capacity = views.looks.length;
    const material = new THREE.MeshStandardMaterial({ roughness: 0.45, metalness: 0.05 });
    const palette = LOOK_COLORS.map((c) => new THREE.Color(c));
    material.onBeforeCompile = (shader) => {
      shader.uniforms['lookPalette'] = { value: palette };
      shader.vertexShader = shader.vertexShader
        .replace('#include <common>', `#include <common>\nin int look;\nuniform vec3 lookPalette[${palette.length}];\nout vec3 vLookColor;`)
        .replace('#include <begin_vertex>', `#include <begin_vertex>\nvLookColor = lookPalette[clamp(look, 0, ${palette.length - 1})];`);
      shader.fragmentShader = shader.fragmentShader
        .replace('#include <common>', '#include <common>\nin vec3 vLookColor;')
        .replace('vec4 diffuseColor = vec4( diffuse, opacity );', 'vec4 diffuseColor = vec4( diffuse * vLookColor, opacity );');
    };
    this.mesh = new THREE.InstancedMesh(geometry, material, capacity);
    // The sim moves bodies anywhere every tick; a bounding sphere would cost a pass over all of them.
    this.mesh.frustumCulled = false;
    this.mesh.instanceMatrix = new THREE.InstancedBufferAttribute(views.matrices, 16);
    this.mesh.instanceMatrix.setUsage(THREE.DynamicDrawUsage);
    this.looks = new THREE.InstancedBufferAttribute(views.looks, 1);
    this.looks.gpuType = THREE.IntType;
    this.looks.setUsage(THREE.DynamicDrawUsage);
    geometry.setAttribute('look', this.looks);
  }

  /** The matrix array the GPU reads: the caller asserts it is a view on WASM memory. */
  get matrixArray(): Float32Array {
    return this.mesh.instanceMatrix.array as Float32Array;
  }

  /**
   * Point the attributes at fresh views (after memory.grow detached the old ones, or a new match)
   * and mark them for upload. `count` slots are drawn: the sim's high-water mark.
   */
  update(views: BodyViews, count: number): void {
    if (this.mesh.instanceMatrix.array !== views.matrices) this.mesh.instanceMatrix.array = views.matrices;
    if (this.looks.array !== views.looks) this.looks.array = views.looks;
    this.mesh.count = count;
    this.mesh.instanceMatrix.clearUpdateRanges();
    this.mesh.instanceMatrix.addUpdateRange(0, count * 16);
    this.mesh.instanceMatrix.needsUpdate = true;
    this.looks.clearUpdateRanges();
    this.looks.addUpdateRange(0, count);
    this.looks.needsUpdate = true;
  }

  dispose(): void {
    this.mesh.geometry.dispose();
    (this.mesh.material as THREE.Material).dispose();
  }
}
