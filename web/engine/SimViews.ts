// Typed-array views on the sim's memory for the renderer and the event reader. They are built
// once and rebuilt only when `memory.buffer` changes (memory.grow detaches the old buffer), so a
// frame costs one identity check instead of allocating views.

import type { SimExports } from '../../host/SimExports.ts';
import { Field } from '../../host/SimExports.ts';
import type { BodyViews } from '../render/bodyMesh.ts';

export class SimViews implements BodyViews {
  matrices!: Float32Array;
  looks!: Int32Array;
  events!: Int32Array;
  private buffer: ArrayBuffer | null = null;

  constructor(private readonly e: SimExports) {
    this.refresh();
  }

  /** Rebuild the views if the memory buffer moved; returns whether it did. */
  refresh(): boolean {
    const buffer = this.e.memory.buffer;
    if (buffer === this.buffer) return false;
    const cap = this.e.entityCapacity();
    this.matrices = new Float32Array(buffer, this.e.renderMatricesPtr(), cap * 16);
    this.looks = new Int32Array(buffer, this.e.fieldPointer(Field.Look), cap);
    this.events = new Int32Array(buffer, this.e.eventsPtr(), 1 + this.e.eventRingSize() * 4);
    this.buffer = buffer;
    return true;
  }
}
