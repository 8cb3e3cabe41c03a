import type { RawImage } from '../image/raw-image.js';
import { invertAffine, type Affine } from './similarity-transform.js';

/**
 * Warp an interleaved RGB image by `forward` (source -> output coordinates) with
 * bilinear sampling; outside pixels take `background`. Tight typed-array loop.
 * Callers downscale large sources first (bilinear sampling aliases past 2x).
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
  let o = 0;
  for (let y = 0; y < outHeight; y++) {
    // Pixel centres: sample at (x + 0.5, y + 0.5) in output, map to source centre convention.
    const yc = y + 0.5;
    for (let x = 0; x < outWidth; x++, o += 3) {
      const xc = x + 0.5;
      const sx = a * xc + b * yc + tx - 0.5;
      const sy = c * xc + d * yc + ty - 0.5;
      const x0 = Math.floor(sx);
      const y0 = Math.floor(sy);
      const fx = sx - x0;
      const fy = sy - y0;
      let r = 0, g = 0, bl = 0;
      for (let k = 0; k < 4; k++) {
        const px = x0 + (k & 1);
        const py = y0 + (k >> 1);
        const wgt = ((k & 1) === 1 ? fx : 1 - fx) * ((k >> 1) === 1 ? fy : 1 - fy);
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
      out[o] = r + 0.5;
      out[o + 1] = g + 0.5;
      out[o + 2] = bl + 0.5;
    }
  }
  return { data: out, width: outWidth, height: outHeight, channels: 3 };
};
