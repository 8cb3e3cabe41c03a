import type { CropRect } from '../image/crop-resample.js';
import type { RawImage } from '../image/raw-image.js';
import { cropResize } from '../image/sharp-codec.js';
import { boxHeight, boxWidth } from './box.js';
import { composeAffine, invertAffine, type Affine } from './similarity-transform.js';
import type { Box } from './types.js';
import { warpAffine } from './warp.js';

/**
 * The neighbourhood of one face, cut and downscaled ONCE by sharp (anti-aliased),
 * from which the per-face crops (landmarks, alignment, and liveness unless the
 * detector's overview has the resolution for it) are then sampled with a cheap
 * bilinear warp. `toRegion` maps source pixels to it.
 */
export interface FaceRegion {
  readonly image: RawImage;
  readonly toRegion: Affine;
}

/** Face boxes are brought to at most this many pixels wide: no crop then shrinks by much more than 2x. */
const targetBoxSize = 128;

/** A rectangle in source pixels. */
export type Rect = CropRect;

/**
 * The region covers the face box with a margin for alignment (1.8x its larger side held the
 * aligned 112x112 crop of every shared photo, and of a photo rolled by up to 60 degrees) and
 * every extra rect.
 */
export const cutFaceRegion = async (
  image: RawImage,
  box: Box,
  extra: readonly Rect[],
  background: readonly [number, number, number],
): Promise<FaceRegion> => {
  const bw = boxWidth(box);
  const bh = boxHeight(box);
  const side = Math.max(bw, bh) * 1.8;
  const cx = box.x1 + bw / 2;
  const cy = box.y1 + bh / 2;
  let x1 = cx - side / 2;
  let y1 = cy - side / 2;
  let x2 = cx + side / 2;
  let y2 = cy + side / 2;
  for (const r of extra) {
    x1 = Math.min(x1, r.left);
    y1 = Math.min(y1, r.top);
    x2 = Math.max(x2, r.left + r.width);
    y2 = Math.max(y2, r.top + r.height);
  }
  // Only the part inside the image, on whole pixels: sharp then resizes exactly the rect asked
  // for (no sub-pixel placement pass), and what lies outside stays background, as the warps that
  // sample the region treat everything beyond its edge.
  const left = Math.min(image.width - 1, Math.max(0, Math.floor(x1)));
  const top = Math.min(image.height - 1, Math.max(0, Math.floor(y1)));
  const width = Math.max(1, Math.min(image.width, Math.ceil(x2)) - left);
  const height = Math.max(1, Math.min(image.height, Math.ceil(y2)) - top);
  const k = Math.min(1, targetBoxSize / Math.max(bw, bh));
  const outW = Math.max(1, Math.round(width * k));
  const outH = Math.max(1, Math.round(height * k));
  const region = await cropResize(image, { left, top, width, height }, outW, outH, background, 'linear');
  const sx = outW / width;
  const sy = outH / height;
  return { image: region, toRegion: [sx, 0, -left * sx, 0, sy, -top * sy] };
};

/** Sample `forward` (source -> output coordinates) from the region. */
export const warpFromRegion = (
  region: FaceRegion,
  forward: Affine,
  outWidth: number,
  outHeight: number,
  background: readonly [number, number, number],
): RawImage => warpAffine(region.image, composeAffine(forward, invertAffine(region.toRegion)), outWidth, outHeight, background);

/** The affine that maps a source rectangle onto an output of the given size. */
export const rectToOutput = (
  rect: { left: number; top: number; width: number; height: number },
  outWidth: number,
  outHeight: number,
): Affine => {
  const sx = outWidth / rect.width;
  const sy = outHeight / rect.height;
  return [sx, 0, -rect.left * sx, 0, sy, -rect.top * sy];
};
