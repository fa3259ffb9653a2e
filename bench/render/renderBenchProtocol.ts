// What the render suite's pages and workers exchange, and the API each page puts on `window` for
// the Node side (runRenderSuite.ts) to call through Playwright.

/** The two data paths compared. */
export type RenderPath = 'zero-copy' | 'copy';

/**
 * Triangles per body. 'sphere' is BodyMesh's own SphereGeometry(1, 20, 14) (520 triangles);
 * 'octahedron' (8) keeps software GL's rasterisation, which no timed call waits for, from
 * dominating wall time at 10k-50k bodies. CPU-side work per frame is the same for both: one
 * instanced draw, the same instance-matrix upload.
 */
export type BodyGeometry = 'sphere' | 'octahedron';

/**
 * What one call measures. Warm-up and measured frames each stop at their count or their time
 * budget, whichever comes first, but never below their minimum.
 */
export interface FramePlan {
  readonly geometry: BodyGeometry;
  readonly warmupFrames: number;
  readonly minWarmupFrames: number;
  readonly warmupBudgetMs: number;
  readonly frames: number;
  readonly minFrames: number;
  readonly budgetMs: number;
}

/** CPU milliseconds of one measured frame. */
export interface FrameSample {
  /** physicsTick(). */
  readonly simMs: number;
  /** renderWrite(alpha) + BodyMesh.update (zero-copy), or renderWrite + slice + postMessage (copy). */
  readonly writeMs: number;
  /** renderer.render(scene, camera), CPU side only (copy: plus pointing the mesh at the received array). */
  readonly drawMs: number;
  /** Untimed GL drain after the draw (glFinish): software rasterisation, reported, never in the totals. */
  readonly drainMs: number;
  /** Copy path: postMessage on the worker to the message event on the page (wall clock); null for zero-copy. */
  readonly transferMs: number | null;
}

/** What one page call returns. */
export interface RenderBenchResult {
  readonly path: RenderPath;
  readonly n: number;
  readonly warmupFrames: number;
  readonly samples: readonly FrameSample[];
  /** WEBGL_debug_renderer_info's renderer string (SwiftShader here). */
  readonly glRenderer: string;
  /** Whether the measuring thread was cross-origin isolated (performance.now() in 5 µs steps, else 100 µs). */
  readonly crossOriginIsolated: boolean;
  /** Zero-copy: the GPU's instance-matrix array was a view on WASM memory in every frame. */
  readonly matricesOnWasmMemory: boolean;
}

export type RunRenderBench = (n: number, plan: FramePlan) => Promise<RenderBenchResult>;

declare global {
  interface Window {
    runRenderBench?: RunRenderBench;
  }
}

export const CANVAS_WIDTH = 640;
export const CANVAS_HEIGHT = 360;
/** renderWrite's interpolation factor, Q16.16: 1.0, so matrices sit at the current positions. */
export const RENDER_ALPHA_Q16 = 65536;
