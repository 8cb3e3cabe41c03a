import { BugError } from '../errors.js';
import type { RawImage } from '../image/raw-image.js';

/** How a model wants its pixels: read from the manifest, never hard-coded. */
export interface InputNormalisation {
  readonly colorOrder: 'RGB' | 'BGR' | 'GRAY';
  readonly mean: readonly number[];
  readonly std: readonly number[];
}

/**
 * Interleaved 8-bit RGB -> planar float32 (NCHW, batch 1), applying (x - mean) / std per channel.
 * GRAY uses ITU-R BT.601 luma.
 */
export const toTensor = (image: RawImage, norm: InputNormalisation, out?: Float32Array): Float32Array => {
  if (image.channels !== 3) throw new BugError(`toTensor expects RGB, got ${image.channels} channels`);
  const plane = image.width * image.height;
  const src = image.data;
  if (src.length < plane * 3) throw new BugError(`toTensor: ${src.length} bytes for a ${image.width}x${image.height} RGB image`);
  if (norm.colorOrder === 'GRAY') {
    const mean = norm.mean[0] ?? 0;
    const inv = 1 / (norm.std[0] ?? 1);
    const dst = out ?? new Float32Array(plane);
    for (let i = 0, p = 0; i < plane; i++, p += 3) {
      const luma = 0.299 * (src[p] ?? 0) + 0.587 * (src[p + 1] ?? 0) + 0.114 * (src[p + 2] ?? 0);
      dst[i] = (luma - mean) * inv;
    }
    return dst;
  }
  const dst = out ?? new Float32Array(plane * 3);
  // One lookup table per output plane: the same float32 values as computing (x - mean) * inv per pixel.
  const order = norm.colorOrder === 'RGB' ? [0, 1, 2] : [2, 1, 0];
  const luts = [0, 1, 2].map((c) => {
    const mean = norm.mean[c] ?? 0;
    const inv = 1 / (norm.std[c] ?? 1);
    const lut = new Float32Array(256);
    for (let v = 0; v < 256; v++) lut[v] = (v - mean) * inv;
    return lut;
  });
  const [l0, l1, l2] = luts as [Float32Array, Float32Array, Float32Array];
  const [o0, o1, o2] = order as [number, number, number];
  for (let i = 0, p = 0; i < plane; i++, p += 3) {
    dst[i] = l0[src[p + o0]!]!;
    dst[plane + i] = l1[src[p + o1]!]!;
    dst[2 * plane + i] = l2[src[p + o2]!]!;
  }
  return dst;
};
