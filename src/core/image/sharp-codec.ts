import sharp from 'sharp';
import type { Metadata, Sharp, SharpOptions } from 'sharp';
import { BugError, isUserError } from '../errors.js';
import { checkAugmentOp, type AugmentOp } from './augment.js';
import { decodeBmp, readBmpHeader, type BmpHeader } from './bmp.js';
import type { AugmentedImage, DecodeLimits, ResampleKernel, ResizeOptions } from './codec-types.js';
import { copyRect, isPlainCopy, placeResizedWindow, planCrop, solidImage, type CropRect } from './crop-resample.js';
import { checkCropRect, checkDecodeLimits, checkOutputSize, checkQuality, checkRaw, isPositiveInteger } from './image-checks.js';
import { imageErrors } from './image-errors.js';
import { decodeChoiceFor, isLikelyChoice, likelyChoice, startsLikely, type DecodeChoice } from './decode-choice.js';
import { bmpMetadata, headerMetadata, type ImageMetadata } from './image-metadata.js';
import type { DecodedImage, RawImage } from './raw-image.js';
import { black, checkRgb, colour, greyToRgb, white, type Rgb } from './rgb.js';
import { sniffFormat, type SupportedFormat } from './sniff-format.js';

export type { AugmentedImage, DecodeLimits, ResampleKernel, ResizeOptions } from './codec-types.js';
export type { CropRect } from './crop-resample.js';
export type { ImageMetadata } from './image-metadata.js';
export type { Rgb } from './rgb.js';
export type { SupportedFormat } from './sniff-format.js';

/**
 * The only module that imports sharp (libvips). Everything else sees RawImage.
 *
 * Safe in worker threads: no module state, no process-wide settings changed.
 * (On glibc Linux the main thread should also load sharp before starting
 * workers, so libvips is not unloaded when a worker exits: lovell/sharp#2263.)
 */

/** 'warning' is libvips' strictest level: truncated or corrupt data fails instead of decoding to grey blocks. */
const failOn = 'warning' as const;

const view = (buffer: Buffer): Uint8Array => new Uint8Array(buffer.buffer, buffer.byteOffset, buffer.byteLength);

/** sharp input for a RawImage; 1-channel images become RGB first so coloured backgrounds stay coloured. */
const rawInput = (image: RawImage, background: Rgb): Sharp => {
  const grey = image.channels === 1;
  const data = grey ? greyToRgb(image.data) : image.data;
  const channels = grey ? 3 : image.channels;
  const pipeline = sharp(data, { raw: { width: image.width, height: image.height, channels } });
  return channels === 4 ? pipeline.flatten({ background: colour(background) }) : pipeline;
};

const toRgb = async (pipeline: Sharp, what: string): Promise<RawImage> => {
  const { data, info } = await pipeline.toColourspace('srgb').raw({ depth: 'uchar' }).toBuffer({ resolveWithObject: true });
  if (info.channels !== 3) throw new BugError(`${what}: expected 3 channels from sharp, got ${info.channels}`);
  return { data: view(data), width: info.width, height: info.height, channels: 3 };
};

interface Inspected {
  readonly meta: ImageMetadata;
  readonly bmp?: BmpHeader;
  readonly sharpMeta?: Metadata;
}

/** The format from the bytes; empty files, non-images and unsupported formats are UserErrors. */
const sniffOrThrow = (bytes: Uint8Array): SupportedFormat => {
  if (bytes.length === 0) throw imageErrors.empty();
  const sniffed = sniffFormat(bytes);
  if (sniffed.kind === 'not-image') throw imageErrors.notAnImage(sniffed.what);
  if (sniffed.kind === 'unsupported') throw imageErrors.unsupported(sniffed.name);
  return sniffed.format;
};

const inspect = async (bytes: Uint8Array, format: SupportedFormat = sniffOrThrow(bytes)): Promise<Inspected> => {

  if (format === 'bmp') {
    const bmp = readBmpHeader(bytes);
    return { meta: bmpMetadata(bmp), bmp };
  }

  let sharpMeta: Metadata;
  try {
    // Header only: no pixel limit here, the caller compares the size with its own limit.
    sharpMeta = await sharp(bytes, { failOn, limitInputPixels: false }).metadata();
  } catch (error) {
    throw imageErrors.corrupt(format, error);
  }
  if (!isPositiveInteger(sharpMeta.width) || !isPositiveInteger(sharpMeta.height)) throw imageErrors.corrupt(format, `no image size in the header`);
  const meta = headerMetadata(format, sharpMeta);
  return { meta, sharpMeta };
};

const rethrowAsUserError = (error: unknown, format: string): never => {
  if (isUserError(error) || error instanceof BugError) throw error;
  throw imageErrors.corrupt(format, error);
};

/** Reads the header: format, sizes, orientation, colour space. Throws the same UserErrors as decodeImage. */
export const readImageMetadata = async (bytes: Uint8Array): Promise<ImageMetadata> => (await inspect(bytes)).meta;

type Settled<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly error: unknown };

/** The promise's outcome as a value: an outcome nobody reads is then never an unhandled rejection. */
const settle = <T>(promise: Promise<T>): Promise<Settled<T>> =>
  promise.then(
    (value) => ({ ok: true as const, value }),
    (error: unknown) => ({ ok: false as const, error }),
  );

/** One sharp decode to 8-bit sRGB RGB with the given choice (see decode-choice.ts), alpha flattened. */
const decodeWith = async (input: Uint8Array, limits: DecodeLimits, choice: DecodeChoice): Promise<RawImage> => {
  const options: SharpOptions = {
    failOn,
    limitInputPixels: Math.max(1, Math.floor(limits.maxPixels)),
    autoOrient: true,
    page: 0,
    pages: 1,
    ignoreIcc: choice.ignoreIcc,
  };
  let pipeline = sharp(input, options);
  // Grey + alpha would be flattened onto a grey version of the background: go to sRGB first.
  if (choice.greyWithAlpha) pipeline = pipeline.pipelineColourspace('srgb');
  return toRgb(pipeline.flatten({ background: colour(limits.background) }), 'decodeImage');
};

const lacksJpegEnd = (bytes: Uint8Array): boolean => !(bytes[bytes.length - 2] === 0xff && bytes[bytes.length - 1] === 0xd9);

const withJpegEnd = (bytes: Uint8Array): Uint8Array => {
  const fixed = new Uint8Array(bytes.length + 2);
  fixed.set(bytes);
  fixed.set([0xff, 0xd9], bytes.length);
  return fixed;
};

/**
 * Decodes any supported image to 8-bit sRGB RGB, EXIF orientation applied,
 * alpha flattened onto limits.background, first frame only. Every bad input
 * becomes a UserError (EMPTY_FILE, NOT_AN_IMAGE, UNSUPPORTED_FORMAT,
 * CORRUPT_IMAGE, IMAGE_TOO_LARGE, IMAGE_TOO_SMALL).
 */
export const decodeImage = async (bytes: Uint8Array, limits: DecodeLimits): Promise<DecodedImage> => {
  checkDecodeLimits(limits);
  // The header read and the decode are two libvips round trips: when the bytes show the decode
  // most photos need is the right one, it starts at once, beside the header read (decode-choice.ts).
  const format = sniffOrThrow(bytes);
  const early = startsLikely(bytes, format) ? settle(decodeWith(bytes, limits, likelyChoice)) : undefined;
  const { meta, bmp, sharpMeta } = await inspect(bytes, format);
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
    const choice = decodeChoiceFor(sharpMeta);
    const decode = (input: Uint8Array): Promise<RawImage> => decodeWith(input, limits, choice);
    let image: RawImage;
    try {
      const first = early !== undefined && isLikelyChoice(choice) ? await early : await settle(decode(bytes));
      if (!first.ok) throw first.error;
      image = first.value;
    } catch (error) {
      // Some cameras and editors leave out the 2-byte end-of-image marker after complete data:
      // with it put back such a file decodes cleanly, while a file cut short still fails. Only a
      // baseline JPEG (one scan): a progressive one cut between two scans would decode, blurred.
      const baseline = sharpMeta?.isProgressive === false;
      if (!(meta.format === 'jpeg' && baseline && lacksJpegEnd(bytes) && error instanceof Error && /premature end of JPEG image/i.test(error.message))) throw error;
      image = await decode(withJpegEnd(bytes));
    }
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
  checkOutputSize(width, height, 'resizeRaw');
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
  checkOutputSize(outWidth, outHeight, 'cropResize');
  checkCropRect(rect);
  checkRgb(background, 'cropResize background');
  const plan = planCrop(image.width, image.height, rect, outWidth, outHeight);
  if (plan.window === undefined) return solidImage(outWidth, outHeight, background);
  // A crop at scale 1 of a 3-channel image needs no libvips round trip (about a millisecond each).
  if (image.channels === 3 && isPlainCopy(plan, rect, outWidth, outHeight)) return copyRect(image, plan.window);
  const pipeline = rawInput(image, background)
    .extract(plan.window)
    .resize(plan.resizedWidth, plan.resizedHeight, { fit: 'fill', kernel });
  const resized = await toRgb(pipeline, 'cropResize');
  return placeResizedWindow(resized.data, plan, image.width, image.height, rect, outWidth, outHeight, background);
};

/** Encodes to PNG, JPEG or WebP (quality 1..100, default 90; PNG ignores it). JPEG flattens alpha onto white. */
export const encodeImage = async (image: RawImage, format: 'png' | 'jpeg' | 'webp', quality = 90): Promise<Uint8Array> => {
  checkRaw(image, 'encodeImage');
  checkQuality(quality);
  const input = sharp(image.data, { raw: { width: image.width, height: image.height, channels: image.channels } });
  const pipeline =
    format === 'png' ? input.png() : format === 'jpeg' ? input.flatten({ background: colour(white) }).jpeg({ quality }) : input.webp({ quality });
  return view(await pipeline.toBuffer());
};

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
