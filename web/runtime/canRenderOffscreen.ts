// Feature detection for the worker renderer: a canvas that can be transferred, and an
// OffscreenCanvas that gives a WebGL 2 context (Safari before 17 had the first without the second).

let cached: boolean | undefined;

export function canRenderOffscreen(): boolean {
  if (cached !== undefined) return cached;
  try {
    const gl = typeof OffscreenCanvas === 'function' &&
      typeof HTMLCanvasElement.prototype.transferControlToOffscreen === 'function'
      ? new OffscreenCanvas(1, 1).getContext('webgl2')
      : null;
    cached = gl !== null;
    // Hand the probe's context back at once: pages get only a handful of live contexts.
    gl?.getExtension('WEBGL_lose_context')?.loseContext();
  } catch {
    cached = false;
  }
  return cached;
}
