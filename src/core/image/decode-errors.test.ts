import { sharp, type Sharp } from '../../../test/support/sharp.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { encodeBmp } from '../../../test/support/bmp-encoder.js';
import { encodeBmpRle } from '../../../test/support/bmp-variants.js';
import { makeTempDir, seededBytes, type TempDir } from '../../../test/support/image-fixtures.js';
import { UserError, type ErrorCode } from '../errors.js';
import { formatPixels, imageErrors } from './image-errors.js';
import { decodeImage, readImageMetadata, type DecodeLimits } from './sharp-codec.js';

const limits: DecodeLimits = { maxPixels: 64_000_000, minSide: 32, background: [255, 255, 255] };

/** A noisy 256x192 photo-like image: compresses to a file big enough to cut in the middle. */
const noisy = (): Sharp => {
  const data = seededBytes(256 * 192 * 3, 7);
  return sharp(data, { raw: { width: 256, height: 192, channels: 3 } }).blur(1.5);
};

const text = (s: string): Uint8Array => new TextEncoder().encode(s);

/** Runs the decoder and returns the UserError it must throw. */
const failure = async (bytes: Uint8Array, options: DecodeLimits = limits): Promise<UserError> => {
  const error: unknown = await decodeImage(bytes, options).then(
    () => new Error('decodeImage succeeded on bad input'),
    (thrown: unknown) => thrown,
  );
  expect(error).toBeInstanceOf(UserError);
  const userError = error as UserError;
  // One line, with what to do next; no library stack or multi-line dump reaches the user.
  expect(userError.message).not.toMatch(/\n|\s+at\s+\S+\s+\(/);
  expect(userError.hint ?? '').not.toBe('');
  return userError;
};

const expectCode = async (bytes: Uint8Array, code: ErrorCode, options?: DecodeLimits): Promise<UserError> => {
  const error = await failure(bytes, options);
  expect(error.code, error.message).toBe(code);
  return error;
};

/** An ISO-BMFF file with an ftyp box, as an iPhone HEIC starts. */
const fakeHeic = (): Uint8Array => {
  const ascii = (s: string): number[] => Array.from(s, (c) => c.charCodeAt(0));
  return Uint8Array.from([0, 0, 0, 24, ...ascii('ftypheic'), 0, 0, 0, 0, ...ascii('mif1heic'), ...seededBytes(200, 3)]);
};

describe('decodeImage turns every bad input into a specific UserError', () => {
  let temp: TempDir;
  let jpeg: Uint8Array;
  let png: Uint8Array;

  beforeAll(async () => {
    temp = await makeTempDir();
    jpeg = new Uint8Array(await noisy().jpeg({ quality: 90 }).toBuffer());
    png = new Uint8Array(await noisy().png().toBuffer());
  });
  afterAll(async () => {
    await temp.remove();
  });

  const onDisk = (name: string, bytes: Uint8Array): Promise<Uint8Array> => temp.roundTrip(name, bytes);

  it('EMPTY_FILE for 0 bytes', async () => {
    await expectCode(await onDisk('empty.jpg', new Uint8Array(0)), 'EMPTY_FILE');
  });

  it.each([0.2, 0.6, 0.95])('CORRUPT_IMAGE for a JPEG cut at %f of its length', async (fraction) => {
    const cut = jpeg.subarray(0, Math.floor(jpeg.length * fraction));
    const error = await expectCode(await onDisk('truncated.jpg', cut), 'CORRUPT_IMAGE');
    expect(error.message).toContain('JPEG');
  });

  it('a JPEG whose data is complete but lacks only the end-of-image marker decodes as the whole photo', async () => {
    expect(Array.from(jpeg.subarray(-2))).toEqual([0xff, 0xd9]);
    const whole = await decodeImage(jpeg, limits);
    const noEnd = await decodeImage(await onDisk('no-eoi.jpg', jpeg.subarray(0, jpeg.length - 2)), limits);
    expect(noEnd).toMatchObject({ width: whole.width, height: whole.height, format: 'jpeg' });
    expect(Buffer.compare(Buffer.from(noEnd.data), Buffer.from(whole.data))).toBe(0);
    // Cut a little earlier, the data is incomplete: still CORRUPT_IMAGE, even with the marker put back.
    await expectCode(await onDisk('cut.jpg', jpeg.subarray(0, jpeg.length - 40)), 'CORRUPT_IMAGE');
    await expectCode(await onDisk('cut-eoi.jpg', Uint8Array.from([...jpeg.subarray(0, jpeg.length - 40), 0xff, 0xd9])), 'CORRUPT_IMAGE');
  });

  it('a progressive JPEG cut at the end of any scan is CORRUPT_IMAGE (it would decode, blurred)', async () => {
    const progressive = new Uint8Array(await noisy().jpeg({ quality: 90, progressive: true }).toBuffer());
    // Every scan starts with a start-of-scan marker (FF DA): cut the file just before each one.
    const scans = [...progressive.keys()].filter((i) => progressive[i] === 0xff && progressive[i + 1] === 0xda);
    expect(scans.length).toBeGreaterThan(3);
    for (const at of scans.slice(1)) await expectCode(await onDisk('cut-scan.jpg', progressive.subarray(0, at)), 'CORRUPT_IMAGE');
  });

  it.each([0.3, 0.9])('CORRUPT_IMAGE for a PNG cut at %f of its length', async (fraction) => {
    const cut = png.subarray(0, Math.floor(png.length * fraction));
    const error = await expectCode(await onDisk('truncated.png', cut), 'CORRUPT_IMAGE');
    expect(error.message).toContain('PNG');
  });

  it('CORRUPT_IMAGE for a file cut inside the header', async () => {
    await expectCode(await onDisk('header.jpg', jpeg.subarray(0, 20)), 'CORRUPT_IMAGE');
    await expectCode(await onDisk('header.png', png.subarray(0, 30)), 'CORRUPT_IMAGE');
  });

  it('CORRUPT_IMAGE for garbage in the middle of the JPEG data', async () => {
    const damaged = Uint8Array.from(jpeg);
    damaged.set(seededBytes(400, 9), Math.floor(damaged.length / 2));
    await expectCode(await onDisk('damaged.jpg', damaged), 'CORRUPT_IMAGE');
  });

  it('NOT_AN_IMAGE for a text file, even when it is named .jpg', async () => {
    const error = await expectCode(await onDisk('notes.jpg', text('Shopping list:\n- milk\n- eggs\n')), 'NOT_AN_IMAGE');
    expect(error.message).toContain('text');
  });

  it('NOT_AN_IMAGE for random bytes', async () => {
    await expectCode(await onDisk('random.png', seededBytes(10_000, 42)), 'NOT_AN_IMAGE');
  });

  it.each([
    ['HEIC', 'photo.heic', fakeHeic],
    ['SVG', 'drawing.svg', () => text('<svg xmlns="http://www.w3.org/2000/svg" width="64" height="64"><rect width="64" height="64"/></svg>')],
    ['PDF', 'scan.pdf', () => text('%PDF-1.4\n1 0 obj\n<<>>\nendobj\n')],
    ['PSD', 'layers.psd', () => Uint8Array.from([...text('8BPS'), 0, 1, ...seededBytes(60, 4)])],
    ['ICO', 'favicon.ico', () => Uint8Array.from([0, 0, 1, 0, 1, 0, 16, 16, ...seededBytes(60, 5)])],
    ['JPEG XL', 'photo.jxl', () => Uint8Array.from([0xff, 0x0a, ...seededBytes(60, 6)])],
  ])('UNSUPPORTED_FORMAT naming %s', async (name, file, make) => {
    const error = await expectCode(await onDisk(file, make()), 'UNSUPPORTED_FORMAT');
    expect(error.message).toContain(name);
  });

  it('UNSUPPORTED_FORMAT for a BMP that wraps a PNG; CORRUPT_IMAGE for RLE data that breaks off', async () => {
    const wrapped = encodeBmp(new Uint8Array(64 * 64 * 3), 64, 64, { compression: 5 });
    expect((await expectCode(wrapped, 'UNSUPPORTED_FORMAT')).message).toContain('BMP-wrapped');
    const rle = encodeBmpRle(Uint8Array.from({ length: 64 * 64 }, (_v, i) => (i * 7) % 256), 64, 64, 8);
    await expectCode(rle.subarray(0, rle.length - 600), 'CORRUPT_IMAGE');
    // Cut anywhere in its pixel data, a run-length BMP is damaged (never decoded with black rows).
    const runs = encodeBmpRle(Uint8Array.from({ length: 64 * 64 }, (_v, i) => ((i % 64) < 20 ? 5 : (i * 3) % 256)), 64, 64, 8);
    for (const fraction of [0.3, 0.5, 0.7, 0.9, 0.99]) {
      const error = await expectCode(runs.subarray(0, Math.floor(runs.length * fraction)), 'CORRUPT_IMAGE');
      expect(error.message).toMatch(/end-of-bitmap/);
    }
  });

  it('CORRUPT_IMAGE for a truncated BMP', async () => {
    const bmp = encodeBmp(new Uint8Array(64 * 64 * 3), 64, 64);
    await expectCode(await onDisk('cut.bmp', bmp.subarray(0, 2000)), 'CORRUPT_IMAGE');
  });

  it('IMAGE_TOO_LARGE over maxPixels, for sharp formats and BMP', async () => {
    const error = await expectCode(jpeg, 'IMAGE_TOO_LARGE', { ...limits, maxPixels: 256 * 191 });
    expect(error.message).toBe('the image is 256x192 (49,152 pixels), over the limit of 48,896 pixels');
    // A small limit reads as what it is, not "0.0 MP".
    expect((await expectCode(jpeg, 'IMAGE_TOO_LARGE', { ...limits, maxPixels: 10 })).message).toBe('the image is 256x192 (49,152 pixels), over the limit of 10 pixels');
    await expectCode(encodeBmp(new Uint8Array(64 * 64 * 3), 64, 64), 'IMAGE_TOO_LARGE', { ...limits, maxPixels: 4000 });
  });

  it('IMAGE_TOO_LARGE from the header alone: a 60000x60000 JPEG header with no pixel data', async () => {
    const tiny = Uint8Array.from(await sharp({ create: { width: 8, height: 8, channels: 3, background: 'grey' } }).jpeg().toBuffer());
    // Patch the frame header (SOF0: FF C0, length, precision, height, width).
    const sof = tiny.findIndex((byte, i) => byte === 0xff && tiny[i + 1] === 0xc0);
    expect(sof).toBeGreaterThan(0);
    tiny.set([0xea, 0x60, 0xea, 0x60], sof + 5);
    // The file holds no pixel data: only a header check can answer IMAGE_TOO_LARGE
    // (decoding would have failed as CORRUPT_IMAGE).
    const error = await expectCode(tiny, 'IMAGE_TOO_LARGE');
    expect(error.message).toBe('the image is 60000x60000 (3600 MP), over the limit of 64 MP');
  });

  it('pixel counts read as megapixels from one million up, as pixels below, and two sizes never read alike', () => {
    expect(formatPixels(10)).toBe('10 pixels');
    expect(formatPixels(999_999)).toBe('999,999 pixels');
    expect(formatPixels(1_040_000)).toBe('1.04 MP');
    expect(formatPixels(64_000_000)).toBe('64 MP');
    expect(imageErrors.tooLarge(1001, 1000, 1_000_000).message).toBe('the image is 1001x1000 (1,001,000 pixels), over the limit of 1,000,000 pixels');
  });

  it('IMAGE_TOO_SMALL when the shorter side is under minSide', async () => {
    const small = new Uint8Array(await sharp({ create: { width: 100, height: 20, channels: 3, background: 'grey' } }).png().toBuffer());
    const error = await expectCode(small, 'IMAGE_TOO_SMALL');
    expect(error.message).toContain('100x20');
    await expect(decodeImage(small, { ...limits, minSide: 20 })).resolves.toMatchObject({ width: 100, height: 20 });
  });

  it('readImageMetadata throws the same errors', async () => {
    await expect(readImageMetadata(new Uint8Array(0))).rejects.toMatchObject({ code: 'EMPTY_FILE' });
    await expect(readImageMetadata(fakeHeic())).rejects.toMatchObject({ code: 'UNSUPPORTED_FORMAT' });
    await expect(readImageMetadata(jpeg.subarray(0, 20))).rejects.toMatchObject({ code: 'CORRUPT_IMAGE' });
  });

  it('many random corruptions of a valid file never escape as anything but a UserError', async () => {
    for (let seed = 0; seed < 24; seed++) {
      const damaged = Uint8Array.from(seed % 2 === 0 ? jpeg : png);
      const noise = seededBytes(64, 100 + seed);
      damaged.set(noise, 8 + ((seed * 997) % (damaged.length - 80)));
      const outcome: unknown = await decodeImage(damaged, limits).catch((thrown: unknown) => thrown);
      if (outcome instanceof Error) expect(outcome).toBeInstanceOf(UserError);
    }
  });
});
