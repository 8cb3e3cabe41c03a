import type { RawImage } from '../image/raw-image.js';
import { affineScale, invertAffine, type Affine } from './similarity-transform.js';

/**
 * Warp an interleaved RGB image by `forward` (source -> output coordinates) with
 * bilinear sampling; outside pixels take `background`. Tight typed-array loop.
 * When the warp shrinks by more than 4:3, each output pixel averages an n x n grid
 * of bilinear samples (n = ceil(shrink), at most 4), so a shrink does not alias.
 *
 * A sample whose four taps all lie inside a 3-channel source takes a fast path
 * (no bounds checks, the taps unrolled) that does the same arithmetic in the same
 * order as the general one, so the output is identical either way.
 */
export const warpAffine = (
  src: RawImage,
  forward: Affine,
  outWidth: number,
  outHeight: number,
  background: readonly [number, number, number] = [0, 0, 0],
): RawImage => {
  const inv = invertAffine(forward);
  const [a, b, tx, c, d, ty] = inv;
  const { width: w, height: h, data } = src;
  const ch = src.channels;
  const out = new Uint8Array(outWidth * outHeight * 3);
  const bg0 = background[0], bg1 = background[1], bg2 = background[2];
  const scale = affineScale(forward);
  const n = scale < 0.75 ? Math.min(4, Math.ceil(1 / scale)) : 1;
  const weight = 1 / (n * n);
  const rgb = ch === 3;
  const stride = w * 3;
  let o = 0;
  for (let y = 0; y < outHeight; y++) {
    for (let x = 0; x < outWidth; x++, o += 3) {
      let r = 0, g = 0, bl = 0;
      for (let sy = 0; sy < n; sy++) {
        // Sample points spread evenly inside the output pixel (its centre when n = 1).
        const yc = y + (sy + 0.5) / n;
        for (let sx = 0; sx < n; sx++) {
          const xc = x + (sx + 0.5) / n;
          const px0 = a * xc + b * yc + tx - 0.5;
          const py0 = c * xc + d * yc + ty - 0.5;
          const x0 = Math.floor(px0);
          const y0 = Math.floor(py0);
          const fx = px0 - x0;
          const fy = py0 - y0;
          if (rgb && x0 >= 0 && y0 >= 0 && x0 + 1 < w && y0 + 1 < h) {
            const i00 = y0 * stride + x0 * 3;
            const i10 = i00 + 3;
            const i01 = i00 + stride;
            const i11 = i01 + 3;
            const w00 = (1 - fx) * (1 - fy) * weight;
            const w10 = fx * (1 - fy) * weight;
            const w01 = (1 - fx) * fy * weight;
            const w11 = fx * fy * weight;
            // Taps with weight 0 are skipped by the general path; adding 0 * v changes nothing.
            r += w00 * data[i00]!; g += w00 * data[i00 + 1]!; bl += w00 * data[i00 + 2]!;
            r += w10 * data[i10]!; g += w10 * data[i10 + 1]!; bl += w10 * data[i10 + 2]!;
            r += w01 * data[i01]!; g += w01 * data[i01 + 1]!; bl += w01 * data[i01 + 2]!;
            r += w11 * data[i11]!; g += w11 * data[i11 + 1]!; bl += w11 * data[i11 + 2]!;
            continue;
          }
          if (x0 < -1 || y0 < -1 || x0 >= w || y0 >= h) {
            // All four taps outside: the background, with the general path's products in its order.
            const w00 = (1 - fx) * (1 - fy) * weight;
            const w10 = fx * (1 - fy) * weight;
            const w01 = (1 - fx) * fy * weight;
            const w11 = fx * fy * weight;
            r += w00 * bg0; g += w00 * bg1; bl += w00 * bg2;
            r += w10 * bg0; g += w10 * bg1; bl += w10 * bg2;
            r += w01 * bg0; g += w01 * bg1; bl += w01 * bg2;
            r += w11 * bg0; g += w11 * bg1; bl += w11 * bg2;
            continue;
          }
          for (let k = 0; k < 4; k++) {
            const px = x0 + (k & 1);
            const py = y0 + (k >> 1);
            const wgt = ((k & 1) === 1 ? fx : 1 - fx) * ((k >> 1) === 1 ? fy : 1 - fy) * weight;
            if (wgt === 0) continue;
            if (px < 0 || py < 0 || px >= w || py >= h) {
              r += wgt * bg0; g += wgt * bg1; bl += wgt * bg2;
            } else {
              const i = (py * w + px) * ch;
              if (ch >= 3) {
                r += wgt * (data[i] ?? 0); g += wgt * (data[i + 1] ?? 0); bl += wgt * (data[i + 2] ?? 0);
              } else {
                const v = data[i] ?? 0;
                r += wgt * v; g += wgt * v; bl += wgt * v;
              }
            }
          }
        }
      }
      out[o] = r + 0.5;
      out[o + 1] = g + 0.5;
      out[o + 2] = bl + 0.5;
    }
  }
  return { data: out, width: outWidth, height: outHeight, channels: 3 };
};
