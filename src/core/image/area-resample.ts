import type { CropRect } from './crop-resample.js';
import type { RawImage } from './raw-image.js';
import type { Rgb } from './rgb.js';

/**
 * Crops `rect` (fractional source pixels, may reach outside the image: that part is
 * `background`) and resamples it to outWidth x outHeight by area averaging: each
 * output pixel is the mean of the source area it covers, partial pixels weighted
 * by how much of them it covers. Separable (one pass per axis), so the cost is
 * O(source area + output area) whatever the shrink: the right tool for an
 * axis-aligned crop that shrinks a lot. Pure typed-array code, RGB in and out.
 */
export const areaResample = (src: RawImage, rect: CropRect, outWidth: number, outHeight: number, background: Rgb): RawImage => {
  if (src.channels !== 3) throw new Error(`areaResample: expected 3 channels, got ${src.channels}`);
  const { width: w, height: h, data } = src;
  const stepX = rect.width / outWidth;
  const stepY = rect.height / outHeight;
  // Source rows the output needs (those outside the image are background rows).
  const rowStart = Math.floor(rect.top);
  const rowEnd = Math.ceil(rect.top + rect.height);
  const rows = rowEnd - rowStart;
  // Pass 1: every needed row shrunk horizontally to outWidth (sums of coverage-weighted values).
  const horizontal = new Float64Array(rows * outWidth * 3);
  const bg0 = background[0], bg1 = background[1], bg2 = background[2];
  for (let u = 0; u < outWidth; u++) {
    const x0 = rect.left + u * stepX;
    const x1 = x0 + stepX;
    const i0 = Math.floor(x0);
    const i1 = Math.ceil(x1);
    for (let r = 0; r < rows; r++) {
      const y = rowStart + r;
      const inside = y >= 0 && y < h;
      let s0 = 0, s1 = 0, s2 = 0;
      for (let i = i0; i < i1; i++) {
        const cover = Math.min(x1, i + 1) - Math.max(x0, i);
        if (!inside || i < 0 || i >= w) {
          s0 += cover * bg0; s1 += cover * bg1; s2 += cover * bg2;
        } else {
          const p = (y * w + i) * 3;
          s0 += cover * data[p]!; s1 += cover * data[p + 1]!; s2 += cover * data[p + 2]!;
        }
      }
      const q = (r * outWidth + u) * 3;
      horizontal[q] = s0; horizontal[q + 1] = s1; horizontal[q + 2] = s2;
    }
  }
  // Pass 2: vertically, then divide by the area covered.
  const out = new Uint8Array(outWidth * outHeight * 3);
  const area = stepX * stepY;
  for (let v = 0; v < outHeight; v++) {
    const y0 = rect.top + v * stepY;
    const y1 = y0 + stepY;
    const j0 = Math.floor(y0);
    const j1 = Math.ceil(y1);
    for (let u = 0; u < outWidth; u++) {
      let s0 = 0, s1 = 0, s2 = 0;
      for (let j = j0; j < j1; j++) {
        const cover = Math.min(y1, j + 1) - Math.max(y0, j);
        const q = ((j - rowStart) * outWidth + u) * 3;
        s0 += cover * horizontal[q]!; s1 += cover * horizontal[q + 1]!; s2 += cover * horizontal[q + 2]!;
      }
      const o = (v * outWidth + u) * 3;
      out[o] = Math.min(255, s0 / area + 0.5);
      out[o + 1] = Math.min(255, s1 / area + 0.5);
      out[o + 2] = Math.min(255, s2 / area + 0.5);
    }
  }
  return { data: out, width: outWidth, height: outHeight, channels: 3 };
};
