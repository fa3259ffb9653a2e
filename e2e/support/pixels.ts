// Pixel checks on screenshots: is something drawn, and did it change. Decodes PNGs with pngjs.

import { PNG } from 'pngjs';

export interface PixelStats {
  width: number;
  height: number;
  /** Distinct colours, quantised to 4 bits per channel (a blank or single-colour canvas has 1–2). */
  colours: number;
}

export function pixelStats(png: Buffer): PixelStats {
  const { width, height, data } = PNG.sync.read(png);
  const seen = new Set<number>();
  for (let i = 0; i < data.length; i += 4) seen.add(((data[i]! >> 4) << 8) | ((data[i + 1]! >> 4) << 4) | (data[i + 2]! >> 4));
  return { width, height, colours: seen.size };
}

/** Fraction of pixels whose colour differs by more than `threshold` (0..255) in any channel. */
export function changedFraction(a: Buffer, b: Buffer, threshold = 24): number {
  const pa = PNG.sync.read(a), pb = PNG.sync.read(b);
  if (pa.width !== pb.width || pa.height !== pb.height) return 1;
  let changed = 0;
  for (let i = 0; i < pa.data.length; i += 4) {
    if (Math.abs(pa.data[i]! - pb.data[i]!) > threshold || Math.abs(pa.data[i + 1]! - pb.data[i + 1]!) > threshold ||
      Math.abs(pa.data[i + 2]! - pb.data[i + 2]!) > threshold) changed++;
  }
  return changed / (pa.width * pa.height);
}
