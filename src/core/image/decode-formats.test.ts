import fs from 'node:fs/promises';
import { sharp, type Sharp } from '../../../test/support/sharp.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { encodeBmp } from '../../../test/support/bmp-encoder.js';
import { encodeBmp16, encodeBmpRle, expand } from '../../../test/support/bmp-variants.js';
import { facePath, referenceFace, requireSharedFaces } from '../../../test/support/faces.js';
import { makeTempDir, meanAbsDiff, type TempDir } from '../../../test/support/image-fixtures.js';
import type { DecodedImage } from './raw-image.js';
import { decodeImage, readImageMetadata, type DecodeLimits } from './sharp-codec.js';

const limits: DecodeLimits = { maxPixels: 64_000_000, minSide: 32, background: [255, 255, 255] };

/** Every decode must give interleaved 8-bit RGB of the right size. */
const expectRgb = (image: DecodedImage, width: number, height: number): void => {
  expect(image.channels).toBe(3);
  expect([image.width, image.height]).toEqual([width, height]);
  expect(image.data).toBeInstanceOf(Uint8Array);
  expect(image.data.length).toBe(width * height * 3);
};

const isGrey = (data: Uint8Array): boolean => {
  for (let i = 0; i < data.length; i += 3) if (data[i] !== data[i + 1] || data[i] !== data[i + 2]) return false;
  return true;
};

describe.runIf(requireSharedFaces())('decodeImage on variants of a real photo', () => {
  let temp: TempDir;
  let source: Sharp; // the reference face, downscaled to keep the tests fast
  let expected: { rgb: Uint8Array; grey: Uint8Array; width: number; height: number };

  const decodeFile = async (name: string, bytes: Uint8Array | Buffer): Promise<DecodedImage> =>
    decodeImage(await temp.roundTrip(name, bytes), limits);

  beforeAll(async () => {
    temp = await makeTempDir();
    const original = await fs.readFile(facePath(referenceFace));
    const { data, info } = await sharp(original).resize(240).raw().toBuffer({ resolveWithObject: true });
    source = sharp(data, { raw: { width: info.width, height: info.height, channels: 3 } });
    const grey = await source.clone().toColourspace('b-w').raw().toBuffer();
    const greyRgb = new Uint8Array(grey.length * 3).map((_, i) => grey[Math.floor(i / 3)] ?? 0);
    expected = { rgb: new Uint8Array(data), grey: greyRgb, width: info.width, height: info.height };
  });

  afterAll(async () => {
    await temp.remove();
  });

  it.each([
    // name, file name, how to make it, format, tolerance (mean abs difference, 0..255)
    ['plain JPEG', 'plain.jpg', () => source.clone().jpeg({ quality: 95 }), 'jpeg', 2.5],
    ['progressive JPEG', 'progressive.jpg', () => source.clone().jpeg({ quality: 95, progressive: true }), 'jpeg', 2.5],
    ['PNG', 'plain.png', () => source.clone().png(), 'png', 0],
    ['PNG named .jpg', 'really-a-png.jpg', () => source.clone().png(), 'png', 0],
    ['RGBA PNG', 'rgba.png', () => source.clone().ensureAlpha(1).png(), 'png', 0],
    ['16-bit PNG', 'deep.png', () => source.clone().toColourspace('rgb16').png(), 'png', 0.6],
    ['CMYK JPEG', 'cmyk.jpg', () => source.clone().toColourspace('cmyk').jpeg({ quality: 95 }), 'jpeg', 8], // round trip through the smaller CMYK gamut
    ['WebP', 'photo.webp', () => source.clone().webp({ quality: 95 }), 'webp', 2.5],
    ['lossless WebP', 'lossless.webp', () => source.clone().webp({ lossless: true }), 'webp', 0],
    ['TIFF', 'photo.tiff', () => source.clone().tiff({ compression: 'lzw' }), 'tiff', 0],
    ['GIF', 'photo.gif', () => source.clone().gif(), 'gif', 3],
    ['AVIF', 'photo.avif', () => source.clone().avif({ quality: 80, effort: 0 }), 'avif', 3],
  ])('%s decodes to RGB close to the original', async (_name, file, make, format, tolerance) => {
    const image = await decodeFile(file, await make().toBuffer());
    expectRgb(image, expected.width, expected.height);
    expect(image.format).toBe(format);
    expect(image.orientation).toBe(1);
    expect([image.storedWidth, image.storedHeight]).toEqual([expected.width, expected.height]);
    expect(meanAbsDiff(image.data, expected.rgb)).toBeLessThanOrEqual(tolerance);
  });

  it('reports the source colour space, bit depth and alpha', async () => {
    const deep = await decodeFile('deep2.png', await source.clone().toColourspace('rgb16').png().toBuffer());
    expect([deep.sourceSpace, deep.sourceDepth, deep.hadAlpha]).toEqual(['rgb16', 'ushort', false]);
    const cmyk = await decodeFile('cmyk2.jpg', await source.clone().toColourspace('cmyk').jpeg().toBuffer());
    expect([cmyk.sourceSpace, cmyk.sourceDepth]).toEqual(['cmyk', 'uchar']);
    const rgba = await decodeFile('rgba2.png', await source.clone().ensureAlpha(1).png().toBuffer());
    expect(rgba.hadAlpha).toBe(true);
  });

  it.each([
    ['greyscale PNG', 'grey.png', () => source.clone().toColourspace('b-w').png(), 'b-w', false],
    ['grey + alpha PNG', 'grey-alpha.png', () => source.clone().ensureAlpha(1).toColourspace('b-w').png(), 'b-w', true],
    ['16-bit greyscale PNG', 'grey16.png', () => source.clone().toColourspace('grey16').png(), 'grey16', false],
  ])('%s decodes to 3 equal channels', async (_name, file, make, space, alpha) => {
    const image = await decodeFile(file, await make().toBuffer());
    expectRgb(image, expected.width, expected.height);
    expect([image.sourceSpace, image.hadAlpha]).toEqual([space, alpha]);
    expect(isGrey(image.data)).toBe(true);
    expect(meanAbsDiff(image.data, expected.grey)).toBeLessThanOrEqual(1);
  });

  it('converts an embedded non-sRGB ICC profile (Display P3) to sRGB', async () => {
    const p3 = await source.clone().withIccProfile('p3').png().toBuffer();
    const ignored = await sharp(p3, { ignoreIcc: true }).raw().toBuffer();
    expect(meanAbsDiff(ignored, expected.rgb)).toBeGreaterThan(2); // the stored numbers really differ
    const image = await decodeFile('p3.png', p3);
    expect(meanAbsDiff(image.data, expected.rgb)).toBeLessThan(1.5);
  });

  it('converts a real ProPhoto RGB photo from the shared set', async () => {
    const bytes = await fs.readFile(facePath('person_32/face_recognition__john2.jpeg'));
    const image = await decodeImage(bytes, limits);
    const ignored = await sharp(bytes, { ignoreIcc: true }).raw().toBuffer();
    expectRgb(image, 630, 374);
    expect(meanAbsDiff(image.data, ignored)).toBeGreaterThan(5);
  });

  it('reads the format from the bytes: a WebP named .jpg in the shared set', async () => {
    const meta = await readImageMetadata(await fs.readFile(facePath('person_03/deepface__img47.jpg')));
    expect(meta).toMatchObject({ format: 'webp', width: 1350, height: 1800, orientation: 1 });
  });

  it('decodes only the first frame of an animated GIF', async () => {
    const { width, height } = expected;
    const red = Buffer.alloc(width * height * 3);
    for (let i = 0; i < red.length; i += 3) red[i] = 255;
    const frames = Buffer.concat([expected.rgb, red]);
    const gif = await sharp(frames, { raw: { width, height: height * 2, channels: 3, pageHeight: height } }).gif({ loop: 0 }).toBuffer();
    expect((await sharp(gif).metadata()).pages).toBe(2);
    const image = await decodeFile('animated.gif', gif);
    expectRgb(image, width, height);
    expect(meanAbsDiff(image.data, expected.rgb)).toBeLessThanOrEqual(6);
  });

  describe('BMP (through bmpimagejs)', () => {
    it.each([
      ['24-bit bottom-up', {}],
      ['24-bit top-down', { topDown: true }],
      ['24-bit with a gap before the pixels', { gap: 10 }],
    ])('%s decodes exactly', async (_name, options) => {
      const bmp = encodeBmp(expected.rgb, expected.width, expected.height, options);
      const image = await decodeFile('photo.bmp', bmp);
      expectRgb(image, expected.width, expected.height);
      expect(image.format).toBe('bmp');
      expect(meanAbsDiff(image.data, expected.rgb)).toBe(0);
    });

    it('8-bit palette decodes to grey', async () => {
      const grey = await source.clone().toColourspace('b-w').raw().toBuffer();
      const image = await decodeFile('grey.bmp', encodeBmp(grey, expected.width, expected.height, { bits: 8 }));
      expect(meanAbsDiff(image.data, expected.grey)).toBe(0);
    });

    it('32-bit with alpha is flattened; a BMP named .png is still a BMP', async () => {
      const { width, height } = expected;
      const rgba = await source.clone().ensureAlpha(1).raw().toBuffer();
      for (let i = 0; i < width * 10 * 4; i += 4) rgba.set([255, 0, 0, 0], i); // top 10 rows: hidden red
      const image = await decodeFile('alpha-bmp.png', encodeBmp(rgba, width, height, { bits: 32 }));
      expect(image).toMatchObject({ format: 'bmp', hadAlpha: true });
      expect(Array.from(image.data.subarray(0, 3))).toEqual([255, 255, 255]);
      const rest = width * 10 * 3;
      expect(meanAbsDiff(image.data.subarray(rest), expected.rgb.subarray(rest))).toBe(0);
    });

    it.each([
      ['5-6-5', '565' as const, [5, 6, 5]],
      ['5-5-5', '555' as const, [5, 5, 5]],
    ])('16-bit %s bit fields decode to the colours the file holds', async (_name, mode, bits) => {
      const { width, height, rgb } = expected;
      const image = await decodeFile(`bmp16-${mode}.bmp`, encodeBmp16(rgb, width, height, mode));
      expectRgb(image, width, height);
      // The file keeps 5 or 6 bits per channel; decoders widen them back to 8 bits (within a few levels).
      const held = Uint8Array.from(rgb, (v, i) => expand(v, bits[i % 3]!));
      expect(meanAbsDiff(image.data, held)).toBeLessThanOrEqual(4);
      expect(meanAbsDiff(image.data, rgb)).toBeLessThanOrEqual(8);
    });

    it.each([8, 4] as const)('RLE%i (run-length encoded palette) decodes exactly', async (bits) => {
      const { width, height } = expected;
      const levels = bits === 8 ? 256 : 16;
      // Palette indices with long runs (flat areas) and stretches of changing values (absolute mode).
      const indices = Uint8Array.from({ length: width * height }, (_v, i) => ((i % width) < width / 3 ? 3 : Math.floor((i * 7) / 5)) % levels);
      const grey = Uint8Array.from({ length: width * height * 3 }, (_v, i) => Math.round((indices[Math.floor(i / 3)]! * 255) / (levels - 1)));
      for (const eolBeforeEnd of [false, true]) {
        // Both ways a stream may end: the end-of-bitmap marker, or an end-of-line and then it.
        const image = await decodeFile(`rle${bits}.bmp`, encodeBmpRle(indices, width, height, bits, { eolBeforeEnd }));
        expectRgb(image, width, height);
        expect(meanAbsDiff(image.data, grey)).toBe(0);
      }
    });

    it('32-bit with an all-zero alpha byte is treated as opaque', async () => {
      const rgba = await source.clone().ensureAlpha(0).raw().toBuffer();
      const image = await decodeFile('zero-alpha.bmp', encodeBmp(rgba, expected.width, expected.height, { bits: 32 }));
      expect(image.hadAlpha).toBe(false);
      expect(meanAbsDiff(image.data, expected.rgb)).toBe(0);
    });
  });
});
