import sharp from 'sharp';
import type { Metadata, Sharp, SharpOptions } from 'sharp';
import { BugError, isUserError } from '../errors.js';
import { checkAugmentOp, type AugmentOp } from './augment.js';
import { decodeBmp, readBmpHeader, type BmpHeader } from './bmp.js';
import { placeResizedWindow, planCrop, solidImage, type CropRect } from './crop-resample.js';
import { imageErrors } from './image-errors.js';
import type { DecodedImage, RawImage } from './raw-image.js';
import { sniffFormat, type SupportedFormat } from './sniff-format.js';

export type { CropRect } from './crop-resample.js';
export type { SupportedFormat } from './sniff-format.js';

/**
 * The only module that imports sharp (libvips). Everything else sees RawImage.
 *
 * Safe in worker threads: no module state, no process-wide settings changed.
 * (On glibc Linux the main thread should also load sharp before starting
 * workers, so libvips is not unloaded when a worker exits: lovell/sharp#2263.)
 */

export type Rgb = readonly [number, number, number];

export interface DecodeLimits {
  readonly maxPixels: number;
  readonly minSide: number;
  readonly background: Rgb;
}

/** What the header says, without decoding pixels. */
export interface ImageMetadata {
  readonly format: SupportedFormat;
  /** Size as displayed (EXIF orientation applied). */
  readonly width: number;
  readonly height: number;
  readonly storedWidth: number;
  readonly storedHeight: number;
  readonly orientation: number;
  readonly sourceSpace: string;
  readonly sourceDepth: string;
  readonly hadAlpha: boolean;
  readonly hasIccProfile: boolean;
  /** Frames or pages in the file; only the first is decoded. */
  readonly pages: number;
}

/** 'lanczos3' (default) is sharpest; 'linear' is cheaper and plenty for model inputs. */
export type ResampleKernel = 'lanczos3' | 'linear';

export interface ResizeOptions {
  readonly fit?: 'fill' | 'contain';
  readonly background?: Rgb;
  readonly kernel?: ResampleKernel;
}

/** 'warning' is libvips' strictest level: truncated or corrupt data fails instead of decoding to grey blocks. */
const failOn = 'warning' as const;
const black: Rgb = [0, 0, 0];
const white: Rgb = [255, 255, 255];

const colour = ([r, g, b]: Rgb): { r: number; g: number; b: number; alpha: number } => ({ r, g, b, alpha: 1 });

const view = (buffer: Buffer): Uint8Array => new Uint8Array(buffer.buffer, buffer.byteOffset, buffer.byteLength);

const isPositiveInteger = (value: number): boolean => Number.isInteger(value) && value > 0;

const checkRgb = (value: Rgb, what: string): void => {
  if (value.length !== 3 || !value.every((c) => Number.isInteger(c) && c >= 0 && c <= 255)) {
    throw new BugError(`${what} must be three integers 0..255, got ${JSON.stringify(value)}`);
  }
};

const checkRaw = (image: RawImage, what: string): void => {
  const { width, height, channels, data } = image;
  if (!isPositiveInteger(width) || !isPositiveInteger(height) || ![1, 3, 4].includes(channels) || data.length !== width * height * channels) {
    throw new BugError(`${what}: invalid RawImage ${width}x${height}x${channels} with ${data.length} bytes`);
  }
};

/** sharp input for a RawImage; 1-channel images become RGB first so coloured backgrounds stay coloured. */
const rawInput = (image: RawImage, background: Rgb): Sharp => {
  let { data, channels } = image;
  if (channels === 1) {
    const rgb = new Uint8Array(data.length * 3);
    for (let i = 0, j = 0; i < data.length; i++, j += 3) {
      const v = data[i] ?? 0;
      rgb[j] = v;
      rgb[j + 1] = v;
      rgb[j + 2] = v;
    }
    data = rgb;
    channels = 3;
  }
  const pipeline = sharp(data, { raw: { width: image.width, height: image.height, channels } });
  return channels === 4 ? pipeline.flatten({ background: colour(background) }) : pipeline;
};

const toRgb = async (pipeline: Sharp, what: string): Promise<RawImage> => {
  const { data, info } = await pipeline.toColourspace('srgb').raw({ depth: 'uchar' }).toBuffer({ resolveWithObject: true });
  if (info.channels !== 3) throw new BugError(`${what}: expected 3 channels from sharp, got ${info.channels}`);
  return { data: view(data), width: info.width, height: info.height, channels: 3 };
};

const validOrientation = (value: number | undefined): number =>
  value !== undefined && Number.isInteger(value) && value >= 1 && value <= 8 ? value : 1;

interface Inspected {
  readonly meta: ImageMetadata;
  readonly bmp?: BmpHeader;
  readonly sharpMeta?: Metadata;
}

const inspect = async (bytes: Uint8Array): Promise<Inspected> => {
  if (bytes.length === 0) throw imageErrors.empty();
  const sniffed = sniffFormat(bytes);
  if (sniffed.kind === 'not-image') throw imageErrors.notAnImage(sniffed.what);
  if (sniffed.kind === 'unsupported') throw imageErrors.unsupported(sniffed.name);
  const format = sniffed.format;

  if (format === 'bmp') {
    const bmp = readBmpHeader(bytes);
    const { width, height, bitsPerPixel } = bmp;
    const meta: ImageMetadata = {
      format, width, height, storedWidth: width, storedHeight: height, orientation: 1,
      sourceSpace: 'srgb', sourceDepth: bitsPerPixel <= 8 ? `${bitsPerPixel}-bit palette` : 'uchar',
      hadAlpha: bmp.alphaDeclared, hasIccProfile: false, pages: 1,
    };
    return { meta, bmp };
  }

  let sharpMeta: Metadata;
  try {
    // Header only: no pixel limit here, the caller compares the size with its own limit.
    sharpMeta = await sharp(bytes, { failOn, limitInputPixels: false }).metadata();
  } catch (error) {
    throw imageErrors.corrupt(format, error);
  }
  const { width, height } = sharpMeta;
  if (!isPositiveInteger(width) || !isPositiveInteger(height)) throw imageErrors.corrupt(format, `no image size in the header`);
  const orientation = validOrientation(sharpMeta.orientation);
  const swap = orientation >= 5;
  const meta: ImageMetadata = {
    format,
    width: swap ? height : width,
    height: swap ? width : height,
    storedWidth: width,
    storedHeight: height,
    orientation,
    sourceSpace: sharpMeta.space,
    sourceDepth: sharpMeta.depth,
    hadAlpha: sharpMeta.hasAlpha,
    hasIccProfile: sharpMeta.hasProfile,
    pages: sharpMeta.pages ?? 1,
  };
  return { meta, sharpMeta };
};

const rethrowAsUserError = (error: unknown, format: string): never => {
  if (isUserError(error) || error instanceof BugError) throw error;
  throw imageErrors.corrupt(format, error);
};

/** Reads the header: format, sizes, orientation, colour space. Throws the same UserErrors as decodeImage. */
export const readImageMetadata = async (bytes: Uint8Array): Promise<ImageMetadata> => (await inspect(bytes)).meta;

/**
 * Decodes any supported image to 8-bit sRGB RGB, EXIF orientation applied,
 * alpha flattened onto limits.background, first frame only. Every bad input
 * becomes a UserError (EMPTY_FILE, NOT_AN_IMAGE, UNSUPPORTED_FORMAT,
 * CORRUPT_IMAGE, IMAGE_TOO_LARGE, IMAGE_TOO_SMALL).
 */
export const decodeImage = async (bytes: Uint8Array, limits: DecodeLimits): Promise<DecodedImage> => {
  if (!(limits.maxPixels > 0) || !Number.isFinite(limits.maxPixels) || !(limits.minSide >= 0)) {
    throw new BugError(`decodeImage: invalid limits ${JSON.stringify(limits)}`);
  }
  checkRgb(limits.background, 'limits.background');
  const { meta, bmp, sharpMeta } = await inspect(bytes);
  const { storedWidth, storedHeight } = meta;
  if (storedWidth * storedHeight > limits.maxPixels) throw imageErrors.tooLarge(meta.width, meta.height, limits.maxPixels);
  if (Math.min(storedWidth, storedHeight) < limits.minSide) throw imageErrors.tooSmall(meta.width, meta.height, limits.minSide);

  const report = {
    format: meta.format, orientation: meta.orientation, storedWidth, storedHeight,
    sourceSpace: meta.sourceSpace, sourceDepth: meta.sourceDepth,
  };
  try {
    if (bmp !== undefined) {
      const pixels = decodeBmp(bytes, bmp);
      const image = pixels.channels === 3 ? pixels : await toRgb(rawInput(pixels, limits.background), 'decodeImage(bmp)');
      return { ...report, data: image.data, width: image.width, height: image.height, channels: 3, hadAlpha: pixels.hadAlpha };
    }
    const options: SharpOptions = { failOn, limitInputPixels: Math.max(1, Math.floor(limits.maxPixels)), autoOrient: true, page: 0, pages: 1 };
    let pipeline = sharp(bytes, options);
    // Grey + alpha would be flattened onto a grey version of the background: go to sRGB first.
    const grey = sharpMeta?.space === 'b-w' || sharpMeta?.space === 'grey16';
    if (grey && meta.hadAlpha) pipeline = pipeline.pipelineColourspace('srgb');
    const image = await toRgb(pipeline.flatten({ background: colour(limits.background) }), 'decodeImage');
    return { ...report, data: image.data, width: image.width, height: image.height, channels: 3, hadAlpha: meta.hadAlpha };
  } catch (error) {
    if (error instanceof Error && /exceeds pixel limit/i.test(error.message)) {
      throw imageErrors.tooLarge(meta.width, meta.height, limits.maxPixels);
    }
    return rethrowAsUserError(error, meta.format);
  }
};

/** Resizes to exactly width x height, RGB out. 'contain' keeps the aspect ratio and letterboxes, centred. */
export const resizeRaw = async (image: RawImage, width: number, height: number, options: ResizeOptions = {}): Promise<RawImage> => {
  checkRaw(image, 'resizeRaw');
  if (!isPositiveInteger(width) || !isPositiveInteger(height)) throw new BugError(`resizeRaw: invalid size ${width}x${height}`);
  const background = options.background ?? black;
  checkRgb(background, 'resizeRaw background');
  const fit = options.fit ?? 'fill';
  const pipeline = rawInput(image, background).resize(width, height, {
    fit,
    background: colour(background),
    kernel: options.kernel ?? 'lanczos3',
  });
  return toRgb(pipeline, 'resizeRaw');
};

/**
 * Crops rect (fractional, may reach outside the image: that part is background)
 * and resizes it to outWidth x outHeight, RGB out. Output pixel u samples the
 * source at rect.left + (u + 0.5) * rect.width / outWidth (pixel i covers [i, i+1)).
 * Downscaling is anti-aliased (lanczos3 in libvips), the sub-pixel placement exact.
 */
export const cropResize = async (
  image: RawImage,
  rect: CropRect,
  outWidth: number,
  outHeight: number,
  background: Rgb = black,
  kernel: ResampleKernel = 'lanczos3',
): Promise<RawImage> => {
  checkRaw(image, 'cropResize');
  if (!isPositiveInteger(outWidth) || !isPositiveInteger(outHeight)) throw new BugError(`cropResize: invalid size ${outWidth}x${outHeight}`);
  const { left, top, width, height } = rect;
  if (![left, top, width, height].every(Number.isFinite) || !(width > 0) || !(height > 0)) {
    throw new BugError(`cropResize: invalid rect ${JSON.stringify(rect)}`);
  }
  checkRgb(background, 'cropResize background');
  const plan = planCrop(image.width, image.height, rect, outWidth, outHeight);
  if (plan.window === undefined) return solidImage(outWidth, outHeight, background);
  const pipeline = rawInput(image, background)
    .extract(plan.window)
    .resize(plan.resizedWidth, plan.resizedHeight, { fit: 'fill', kernel });
  const resized = await toRgb(pipeline, 'cropResize');
  return placeResizedWindow(resized.data, plan, image.width, image.height, rect, outWidth, outHeight, background);
};

/** Encodes to PNG, JPEG or WebP (quality 1..100, default 90; PNG ignores it). JPEG flattens alpha onto white. */
export const encodeImage = async (image: RawImage, format: 'png' | 'jpeg' | 'webp', quality = 90): Promise<Uint8Array> => {
  checkRaw(image, 'encodeImage');
  if (!Number.isInteger(quality) || quality < 1 || quality > 100) throw new BugError(`encodeImage: invalid quality ${quality}`);
  const input = sharp(image.data, { raw: { width: image.width, height: image.height, channels: image.channels } });
  const pipeline =
    format === 'png' ? input.png() : format === 'jpeg' ? input.flatten({ background: colour(white) }).jpeg({ quality }) : input.webp({ quality });
  return view(await pipeline.toBuffer());
};

export interface AugmentedImage {
  /** Encoded: PNG (lossless), or JPEG for the 'jpeg' op. */
  readonly bytes: Uint8Array;
  readonly format: 'png' | 'jpeg';
  readonly width: number;
  readonly height: number;
}

/**
 * Applies one augmentation (see augment.ts) with sharp and encodes the result, ready
 * to embed like any file. Bytes are decoded first exactly as the pipeline decodes
 * them (EXIF orientation, alpha flattened, same limits and UserErrors).
 */
export const augmentImage = async (source: Uint8Array | RawImage, op: AugmentOp, limits: DecodeLimits): Promise<AugmentedImage> => {
  checkAugmentOp(op);
  const image = source instanceof Uint8Array ? await decodeImage(source, limits) : source;
  checkRaw(image, 'augmentImage');
  const background = colour(limits.background);
  let pipeline = rawInput(image, limits.background);
  switch (op.kind) {
    case 'flip':
      pipeline = pipeline.flop();
      break;
    case 'rotate':
      pipeline = pipeline.rotate(op.degrees, { background });
      break;
    case 'brightness':
      pipeline = pipeline.modulate({ brightness: op.factor });
      break;
    case 'blur':
      pipeline = pipeline.blur(op.sigma);
      break;
    case 'scale': {
      const width = Math.max(1, Math.round(image.width * op.factor));
      const height = Math.max(1, Math.round(image.height * op.factor));
      pipeline = pipeline.resize(width, height, { fit: 'fill', kernel: 'lanczos3' });
      break;
    }
    case 'jpeg':
      break;
  }
  const encoded = op.kind === 'jpeg' ? pipeline.jpeg({ quality: op.quality }) : pipeline.png({ compressionLevel: 1 });
  const { data, info } = await encoded.toBuffer({ resolveWithObject: true });
  return { bytes: view(data), format: op.kind === 'jpeg' ? 'jpeg' : 'png', width: info.width, height: info.height };
};

/**
 * Called once by whoever owns image work (the inference worker): libvips' operation
 * cache only costs memory and time here, since every input is a different image.
 */
export const configureImageCodec = (): void => {
  sharp.cache(false);
};
