import type { RawImage } from './raw-image.js';

/**
 * Bilinear resize of a 3-channel image to outWidth x outHeight: output pixel u samples
 * the source at (u + 0.5) * width / outWidth - 0.5 (pixel centres), clamped to the edge.
 * Pure typed-array code, separable (one pass per axis). Without anti-aliasing it is only
 * right for enlarging or a mild shrink (to 3/4 or more): that is where it replaces a
 * libvips round trip, whose fixed cost (about a millisecond) is the whole cost on small images.
 */
export const resizeBilinear = (src: RawImage, outWidth: number, outHeight: number): RawImage => {
  if (src.channels !== 3) throw new Error(`resizeBilinear: expected 3 channels, got ${src.channels}`);
  const { width: w, height: h, data } = src;
  const taps = (size: number, outSize: number): { a: Int32Array; b: Int32Array; t: Float64Array } => {
    const a = new Int32Array(outSize);
    const b = new Int32Array(outSize);
    const t = new Float64Array(outSize);
    const step = size / outSize;
    for (let u = 0; u < outSize; u++) {
      const p = Math.min(size - 1, Math.max(0, (u + 0.5) * step - 0.5));
      const i = Math.floor(p);
      a[u] = i;
      b[u] = Math.min(size - 1, i + 1);
      t[u] = p - i;
    }
    return { a, b, t };
  };
  const cols = taps(w, outWidth);
  const rows = taps(h, outHeight);
  // Pass 1: every source row the output needs, resampled horizontally (kept as floats).
  const needed = new Int32Array(h).fill(-1);
  let count = 0;
  for (let v = 0; v < outHeight; v++) {
    for (const y of [rows.a[v]!, rows.b[v]!]) if (needed[y] === -1) needed[y] = count++;
  }
  const horizontal = new Float32Array(count * outWidth * 3);
  for (let y = 0; y < h; y++) {
    const slot = needed[y]!;
    if (slot === -1) continue;
    const row = y * w * 3;
    let o = slot * outWidth * 3;
    for (let u = 0; u < outWidth; u++, o += 3) {
      const pa = row + cols.a[u]! * 3;
      const pb = row + cols.b[u]! * 3;
      const t = cols.t[u]!;
      horizontal[o] = data[pa]! + (data[pb]! - data[pa]!) * t;
      horizontal[o + 1] = data[pa + 1]! + (data[pb + 1]! - data[pa + 1]!) * t;
      horizontal[o + 2] = data[pa + 2]! + (data[pb + 2]! - data[pa + 2]!) * t;
    }
  }
  // Pass 2: vertically between the two rows of each output row, rounded.
  const out = new Uint8Array(outWidth * outHeight * 3);
  const rowFloats = outWidth * 3;
  for (let v = 0; v < outHeight; v++) {
    const ra = needed[rows.a[v]!]! * rowFloats;
    const rb = needed[rows.b[v]!]! * rowFloats;
    const t = rows.t[v]!;
    const o = v * rowFloats;
    for (let k = 0; k < rowFloats; k++) {
      const top = horizontal[ra + k]!;
      out[o + k] = top + (horizontal[rb + k]! - top) * t + 0.5;
    }
  }
  return { data: out, width: outWidth, height: outHeight, channels: 3 };
};
