import { UserError } from '../errors.js';

/** The user-facing errors of the image decoder: one line each, with what to do next in the hint. */

const anotherFile = 'use another photo, or re-save this one as JPEG or PNG in an image editor.';

const megapixels = (pixels: number): string => `${(pixels / 1_000_000).toFixed(1)} MP`;

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

  tooLarge: (width: number, height: number, maxPixels: number): UserError =>
    new UserError(
      'IMAGE_TOO_LARGE',
      `the image is ${width}x${height} (${megapixels(width * height)}), over the limit of ${megapixels(maxPixels)}`,
      { hint: 'Downscale the photo (a face needs far fewer pixels), or raise image.maxPixels in the config.' },
    ),

  tooSmall: (width: number, height: number, minSide: number): UserError =>
    new UserError('IMAGE_TOO_SMALL', `the image is ${width}x${height}: its shorter side must be at least ${minSide} pixels`, {
      hint: 'Use a larger photo of the face (upscaling a tiny image does not help), or lower image.minSide in the config.',
    }),
};
