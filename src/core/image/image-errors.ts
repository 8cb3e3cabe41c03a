import { UserError } from '../errors.js';

/** The user-facing errors of the image decoder: one line each, with what to do next in the hint. */

const anotherFile = 'use another photo, or re-save this one as JPEG or PNG in an image editor.';

/**
 * A pixel count as people read it: megapixels from one million up ("64 MP", "1.04 MP",
 * "3600 MP"), the count itself below ("48,896 pixels", "10 pixels": never "0.0 MP").
 */
export const formatPixels = (pixels: number): string => {
  if (pixels < 1_000_000) return `${Math.round(pixels).toLocaleString('en-US')} pixels`;
  const mp = pixels / 1_000_000;
  return `${Number(mp.toFixed(mp >= 100 ? 0 : 2))} MP`;
};

/** Both sizes readably, and told apart: when they round alike, as exact pixel counts. */
const pixelPair = (size: number, limit: number): [string, string] => {
  const pair: [string, string] = [formatPixels(size), formatPixels(limit)];
  return pair[0] === pair[1] ? [`${size.toLocaleString('en-US')} pixels`, `${limit.toLocaleString('en-US')} pixels`] : pair;
};

/** Library messages are multi-line and prefixed ("VipsJpeg: ..."): keep one short line for people. */
export const shortReason = (error: unknown): string => {
  const text = error instanceof Error ? error.message : String(error);
  const line = (text.split('\n').find((part) => part.trim() !== '') ?? '')
    .replace(/^Input (buffer|file) has corrupt header:\s*/i, '')
    .replace(/^\w*(vips|jpeg|png|spng|heif|tiff|gif|webp)\w*:\s*/i, '')
    .trim();
  return line.length > 120 ? `${line.slice(0, 117)}...` : line;
};

export const imageErrors = {
  empty: (): UserError =>
    new UserError('EMPTY_FILE', 'the file is empty (0 bytes)', {
      hint: 'Check that the file was copied or downloaded completely, then try again.',
    }),

  notAnImage: (what: string): UserError =>
    new UserError('NOT_AN_IMAGE', `not an image: this looks like ${what}`, {
      hint: 'Pick a photo file (JPEG, PNG, WebP, AVIF, TIFF, GIF or BMP).',
    }),

  unsupported: (name: string, detail?: string): UserError =>
    new UserError('UNSUPPORTED_FORMAT', `${name} images are not supported${detail === undefined ? '' : ` (${detail})`}`, {
      hint: `Convert it to JPEG or PNG first${name.startsWith('HEIC') ? ' (on an iPhone: Settings > Camera > Formats > Most Compatible)' : ''}, or use another photo.`,
    }),

  corrupt: (format: string, cause?: unknown): UserError => {
    const reason = cause === undefined ? '' : shortReason(cause);
    return new UserError(
      'CORRUPT_IMAGE',
      `the ${format.toUpperCase()} data is damaged or truncated${reason === '' ? '' : ` (${reason})`}`,
      { hint: `If the file was downloaded or copied, do that again; otherwise ${anotherFile}`, cause },
    );
  },

  tooLarge: (width: number, height: number, maxPixels: number): UserError => {
    const [size, limit] = pixelPair(width * height, maxPixels);
    return new UserError('IMAGE_TOO_LARGE', `the image is ${width}x${height} (${size}), over the limit of ${limit}`, {
      hint: 'Downscale the photo (a face needs far fewer pixels), or raise image.maxPixels in the config.',
    });
  },

  tooSmall: (width: number, height: number, minSide: number): UserError =>
    new UserError('IMAGE_TOO_SMALL', `the image is ${width}x${height}: its shorter side must be at least ${minSide} pixels`, {
      hint: 'Use a larger photo of the face (upscaling a tiny image does not help), or lower image.minSide in the config.',
    }),
};
