import type { RawImage } from './raw-image.js';
import type { Rgb } from './rgb.js';

/**
 * The exact, sub-pixel part of cropResize. Pure typed-array code, no sharp.
 *
 * Coordinates are continuous: pixel i covers [i, i + 1). Output pixel u of a
 * crop of rect R to outWidth samples the source at R.left + (u + 0.5) / scaleX.
 * sharp does the heavy, anti-aliased resampling of the part of R inside the
 * image (the "window", whole source pixels) to about the output scale; this
 * module then maps every output pixel exactly with a bilinear sample of that
 * resized window (a residual scale near 1, so it barely blurs), and fills what
 * lies outside the image with the background.
 */

export interface CropRect {
  readonly left: number;
  readonly top: number;
  readonly width: number;
  readonly height: number;
}

export interface CropPlan {
  /** Whole-pixel part of the source inside both the image and the rect; undefined when they do not overlap. */
  readonly window: { readonly left: number; readonly top: number; readonly width: number; readonly height: number } | undefined;
  /** Size sharp resizes the window to (output scale, rounded). */
  readonly resizedWidth: number;
  readonly resizedHeight: number;
}

export const planCrop = (imageWidth: number, imageHeight: number, rect: CropRect, outWidth: number, outHeight: number): CropPlan => {
  const x0 = Math.max(0, Math.floor(rect.left));
  const y0 = Math.max(0, Math.floor(rect.top));
  const x1 = Math.min(imageWidth, Math.ceil(rect.left + rect.width));
  const y1 = Math.min(imageHeight, Math.ceil(rect.top + rect.height));
  if (x1 <= x0 || y1 <= y0) return { window: undefined, resizedWidth: 0, resizedHeight: 0 };
  const scaleX = outWidth / rect.width;
  const scaleY = outHeight / rect.height;
  return {
    window: { left: x0, top: y0, width: x1 - x0, height: y1 - y0 },
    resizedWidth: Math.max(1, Math.round((x1 - x0) * scaleX)),
    resizedHeight: Math.max(1, Math.round((y1 - y0) * scaleY)),
  };
};

/** A solid RGB image (filled by doubling copies, not pixel by pixel). */
export const solidImage = (width: number, height: number, background: Rgb): RawImage => {
  const data = new Uint8Array(width * height * 3);
  const [r, g, b] = background;
  if (r === g && g === b) {
    if (r !== 0) data.fill(r);
  } else if (data.length > 0) {
    data[0] = r;
    data[1] = g;
    data[2] = b;
    for (let filled = 3; filled < data.length; filled *= 2) data.copyWithin(filled, 0, Math.min(filled, data.length - filled));
  }
  return { data, width, height, channels: 3 };
};

/** The whole-pixel rect of a 3-channel image, copied row by row (the rect must lie inside it). */
export const copyRect = (image: RawImage, rect: { left: number; top: number; width: number; height: number }): RawImage => {
  const { left, top, width, height } = rect;
  const data = new Uint8Array(width * height * 3);
  const rowBytes = width * 3;
  for (let y = 0; y < height; y++) {
    const from = ((top + y) * image.width + left) * 3;
    data.set(image.data.subarray(from, from + rowBytes), y * rowBytes);
  }
  return { data, width, height, channels: 3 };
};

/**
 * True when the plan's window is the rect itself at the output's size: a plain copy, no resampling.
 */
export const isPlainCopy = (plan: CropPlan, rect: CropRect, outWidth: number, outHeight: number): boolean => {
  const window = plan.window;
  return (
    window !== undefined &&
    window.left === rect.left &&
    window.top === rect.top &&
    window.width === outWidth &&
    window.height === outHeight &&
    rect.width === outWidth &&
    rect.height === outHeight
  );
};

/**
 * True when the plan's resized window IS the output: the rect lies inside the image on whole
 * pixels and sharp resized it to exactly the output size, so every output pixel samples the
 * resized window at its own centre (the bilinear weights are 0 up to rounding error).
 */
const placementIsIdentity = (resized: Uint8Array, plan: CropPlan, rect: CropRect, outWidth: number, outHeight: number): boolean => {
  const window = plan.window;
  return (
    resized.length === outWidth * outHeight * 3 &&
    window !== undefined &&
    window.left === rect.left &&
    window.top === rect.top &&
    window.width === rect.width &&
    window.height === rect.height &&
    plan.resizedWidth === outWidth &&
    plan.resizedHeight === outHeight
  );
};

/**
 * Places `resized` (the plan's window resized to resizedWidth x resizedHeight, RGB)
 * into the output with the exact crop mapping; outside the source image: background.
 */
export const placeResizedWindow = (
  resized: Uint8Array,
  plan: CropPlan,
  imageWidth: number,
  imageHeight: number,
  rect: CropRect,
  outWidth: number,
  outHeight: number,
  background: Rgb,
): RawImage => {
  if (placementIsIdentity(resized, plan, rect, outWidth, outHeight)) return { data: resized, width: outWidth, height: outHeight, channels: 3 };
  const out = solidImage(outWidth, outHeight, background);
  const window = plan.window;
  if (window === undefined) return out;
  const rw = plan.resizedWidth;
  const rh = plan.resizedHeight;
  const stepX = rect.width / outWidth;
  const stepY = rect.height / outHeight;
  const ratioX = rw / window.width;
  const ratioY = rh / window.height;

  // Per column: source x, inside-image flag, and the two sample columns with their weight.
  const colA = new Int32Array(outWidth);
  const colB = new Int32Array(outWidth);
  const colW = new Float32Array(outWidth);
  const colInside = new Uint8Array(outWidth);
  for (let u = 0; u < outWidth; u++) {
    const x = rect.left + (u + 0.5) * stepX;
    if (x < 0 || x >= imageWidth) continue;
    colInside[u] = 1;
    const p = Math.min(rw - 1, Math.max(0, (x - window.left) * ratioX - 0.5));
    const a = Math.floor(p);
    colA[u] = a * 3;
    colB[u] = Math.min(rw - 1, a + 1) * 3;
    colW[u] = p - a;
  }

  const data = out.data;
  for (let v = 0; v < outHeight; v++) {
    const y = rect.top + (v + 0.5) * stepY;
    if (y < 0 || y >= imageHeight) continue;
    const q = Math.min(rh - 1, Math.max(0, (y - window.top) * ratioY - 0.5));
    const b = Math.floor(q);
    const wy = q - b;
    const row0 = b * rw * 3;
    const row1 = Math.min(rh - 1, b + 1) * rw * 3;
    let o = v * outWidth * 3;
    // Every index below is inside `resized` by construction (colA/colB and the rows are clamped).
    for (let u = 0; u < outWidth; u++, o += 3) {
      if (colInside[u] === 0) continue;
      const wx = colW[u]!;
      const t00 = row0 + colA[u]!;
      const t01 = row0 + colB[u]!;
      const t10 = row1 + colA[u]!;
      const t11 = row1 + colB[u]!;
      data[o] = Math.round((resized[t00]! * (1 - wx) + resized[t01]! * wx) * (1 - wy) + (resized[t10]! * (1 - wx) + resized[t11]! * wx) * wy);
      data[o + 1] = Math.round((resized[t00 + 1]! * (1 - wx) + resized[t01 + 1]! * wx) * (1 - wy) + (resized[t10 + 1]! * (1 - wx) + resized[t11 + 1]! * wx) * wy);
      data[o + 2] = Math.round((resized[t00 + 2]! * (1 - wx) + resized[t01 + 2]! * wx) * (1 - wy) + (resized[t10 + 2]! * (1 - wx) + resized[t11 + 2]! * wx) * wy);
    }
  }
  return out;
};
