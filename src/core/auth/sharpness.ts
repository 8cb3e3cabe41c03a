/**
 * Sharpness of an aligned face: the variance of the Laplacian of its luminance
 * (a standard focus measure: blur removes the high frequencies the Laplacian
 * responds to). Measured on the centre of the aligned crop only (eyes, nose,
 * mouth), and never next to the fill colour that alignment pads around a face
 * cut by the photo's border: the hard edge between padding and face would
 * otherwise make a blurred face look sharp.
 */
import { UserError } from '../errors.js';
import type { RawImage } from '../image/raw-image.js';

/** The part of a 112x112 ArcFace-aligned crop that holds eyes, nose and mouth. */
export const FACE_CENTRE = { left: 16, top: 24, right: 96, bottom: 104 } as const;

const luminance = (image: RawImage): Float32Array => {
  const { data, width, height, channels } = image;
  const grey = new Float32Array(width * height);
  if (channels === 1) {
    for (let i = 0; i < grey.length; i++) grey[i] = data[i]!;
    return grey;
  }
  for (let i = 0, p = 0; i < grey.length; i++, p += channels) {
    grey[i] = 0.299 * data[p]! + 0.587 * data[p + 1]! + 0.114 * data[p + 2]!;
  }
  return grey;
};

/** Pixels exactly of the fill colour, grown by `radius`: the Laplacian is not taken there. */
const paddingMask = (image: RawImage, fill: readonly [number, number, number], radius: number): Uint8Array => {
  const { data, width, height, channels } = image;
  const exact = new Uint8Array(width * height);
  for (let i = 0, p = 0; i < exact.length; i++, p += channels) {
    exact[i] = channels === 1 ? Number(data[p] === fill[0] && fill[0] === fill[1] && fill[1] === fill[2]) : Number(data[p] === fill[0] && data[p + 1] === fill[1] && data[p + 2] === fill[2]);
  }
  const mask = new Uint8Array(width * height);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      if (exact[y * width + x] === 0) continue;
      for (let dy = -radius; dy <= radius; dy++) {
        const yy = y + dy;
        if (yy < 0 || yy >= height) continue;
        for (let dx = -radius; dx <= radius; dx++) {
          const xx = x + dx;
          if (xx >= 0 && xx < width) mask[yy * width + xx] = 1;
        }
      }
    }
  }
  return mask;
};

/** Pixels next to the padding this close are skipped (the warp blends fill into the border pixels). */
const PADDING_MARGIN = 2;

/**
 * Variance of the 4-neighbour Laplacian over the face centre (scaled to the
 * image when it is not 112x112), skipping pixels near the `fill` colour the
 * aligner pads with. Higher = sharper; grey levels 0..255. 0 when no pixel is left.
 */
export const laplacianVariance = (image: RawImage, fill: readonly [number, number, number] = [255, 255, 255]): number => {
  const { width, height } = image;
  if (width < 3 || height < 3) throw new UserError('INVALID_ARGUMENT', `An image of ${width}x${height} is too small to measure sharpness.`);
  const grey = luminance(image);
  const skip = paddingMask(image, fill, PADDING_MARGIN);
  const sx = width / 112;
  const sy = height / 112;
  const x0 = Math.max(1, Math.floor(FACE_CENTRE.left * sx));
  const x1 = Math.min(width - 1, Math.ceil(FACE_CENTRE.right * sx));
  const y0 = Math.max(1, Math.floor(FACE_CENTRE.top * sy));
  const y1 = Math.min(height - 1, Math.ceil(FACE_CENTRE.bottom * sy));
  let sum = 0;
  let sumSq = 0;
  let n = 0;
  for (let y = y0; y < y1; y++) {
    const row = y * width;
    for (let x = x0; x < x1; x++) {
      const i = row + x;
      if (skip[i] === 1) continue;
      const v = grey[i - width]! + grey[i + width]! + grey[i - 1]! + grey[i + 1]! - 4 * grey[i]!;
      sum += v;
      sumSq += v * v;
      n++;
    }
  }
  if (n === 0) return 0;
  const mean = sum / n;
  return Math.max(0, sumSq / n - mean * mean);
};
