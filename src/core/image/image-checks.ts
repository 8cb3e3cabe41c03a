import { BugError } from '../errors.js';
import type { DecodeLimits } from './codec-types.js';
import type { CropRect } from './crop-resample.js';
import type { RawImage } from './raw-image.js';
import { checkRgb } from './rgb.js';

/** Argument checks of the image codec: a bad argument is a bug in the caller (BugError). */

export const isPositiveInteger = (value: number): boolean => Number.isInteger(value) && value > 0;

export const checkRaw = (image: RawImage, what: string): void => {
  const { width, height, channels, data } = image;
  if (!isPositiveInteger(width) || !isPositiveInteger(height) || ![1, 3, 4].includes(channels) || data.length !== width * height * channels) {
    throw new BugError(`${what}: invalid RawImage ${width}x${height}x${channels} with ${data.length} bytes`);
  }
};

export const checkOutputSize = (width: number, height: number, what: string): void => {
  if (!isPositiveInteger(width) || !isPositiveInteger(height)) throw new BugError(`${what}: invalid size ${width}x${height}`);
};

export const checkDecodeLimits = (limits: DecodeLimits): void => {
  if (!(limits.maxPixels > 0) || !Number.isFinite(limits.maxPixels) || !(limits.minSide >= 0)) {
    throw new BugError(`decodeImage: invalid limits ${JSON.stringify(limits)}`);
  }
  checkRgb(limits.background, 'limits.background');
};

export const checkCropRect = (rect: CropRect): void => {
  const { left, top, width, height } = rect;
  if (![left, top, width, height].every(Number.isFinite) || !(width > 0) || !(height > 0)) {
    throw new BugError(`cropResize: invalid rect ${JSON.stringify(rect)}`);
  }
};

export const checkQuality = (quality: number): void => {
  if (!Number.isInteger(quality) || quality < 1 || quality > 100) throw new BugError(`encodeImage: invalid quality ${quality}`);
};
