/**
 * Writes test_images/: small images the project makes itself (no real faces:
 * those stay in ../shared/faces), one per format, colour model and kind of
 * damage the decoder must handle, with test_images/expected.json saying what
 * `face-auth-tui embed` must answer for each (an error code; for the valid
 * pictures NO_FACE, since they hold no face — proof they decoded that far).
 *
 *   npx tsx scripts/make-test-images.ts [--out test_images]
 *
 * test/cli/test-images.test.ts runs the real CLI over the folder.
 */
import fs from 'node:fs/promises';
import path from 'node:path';
import { encodeBmp } from '../test/support/bmp-encoder.js';
import { encodeBmp16, encodeBmpRle } from '../test/support/bmp-variants.js';
import { sharp } from '../test/support/sharp.js';

export interface ExpectedImage {
  readonly file: string;
  /** What the file is, for a reader of the folder. */
  readonly what: string;
  /** The error code `embed` gives for it. */
  readonly code: string;
}

const W = 128;
const H = 96;

/** A smooth colour gradient: faceless, and small in every format. */
const picture = (width = W, height = H): Uint8Array => {
  const data = new Uint8Array(width * height * 3);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const i = (y * width + x) * 3;
      data[i] = Math.max(0, Math.min(255, (255 * x) / width));
      data[i + 1] = Math.max(0, Math.min(255, (255 * y) / height));
      data[i + 2] = Math.max(0, Math.min(255, 200 - (100 * (x + y)) / (width + height)));
    }
  }
  return data;
};

const raw = (data: Uint8Array, width = W, height = H, channels: 1 | 2 | 3 | 4 = 3) => sharp(data, { raw: { width, height, channels } });

const withAlpha = (rgb: Uint8Array): Uint8Array => {
  const out = new Uint8Array((rgb.length / 3) * 4);
  for (let p = 0; p < rgb.length / 3; p++) {
    out.set(rgb.subarray(p * 3, p * 3 + 3), p * 4);
    out[p * 4 + 3] = p % W < W / 2 ? 255 : 0; // the right half fully transparent
  }
  return out;
};

/** A PNG whose IHDR (with a correct CRC) declares 100000 x 100000 pixels but which holds almost no data. */
const pngBomb = async (): Promise<Uint8Array> => {
  const png = new Uint8Array(await raw(picture(), W, H).png().toBuffer());
  const view = new DataView(png.buffer);
  view.setUint32(16, 100_000);
  view.setUint32(20, 100_000);
  view.setUint32(29, crc32(png.subarray(12, 29)));
  return png.subarray(0, 33 + 64); // the signature, IHDR and a scrap of IDAT
};

const crcTable = Array.from({ length: 256 }, (_v, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
const crc32 = (bytes: Uint8Array): number => {
  let c = 0xffffffff;
  for (const b of bytes) c = (crcTable[(c ^ b) & 0xff] ?? 0) ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
};

const ascii = (s: string): number[] => Array.from(s, (c) => c.charCodeAt(0));

export const makeTestImages = async (out: string): Promise<ExpectedImage[]> => {
  const rgb = picture();
  const grey = new Uint8Array(W * H);
  for (let p = 0; p < W * H; p++) grey[p] = Math.round(((rgb[p * 3] ?? 0) + (rgb[p * 3 + 1] ?? 0) + (rgb[p * 3 + 2] ?? 0)) / 3);
  const jpeg = new Uint8Array(await raw(rgb).jpeg({ quality: 85 }).toBuffer());
  const png = new Uint8Array(await raw(rgb).png().toBuffer());
  const greyAlpha = new Uint8Array(W * H * 2);
  for (let p = 0; p < W * H; p++) {
    greyAlpha[p * 2] = grey[p] ?? 0;
    greyAlpha[p * 2 + 1] = p % W < W / 2 ? 255 : 0;
  }
  const files: [string, string, string, Uint8Array][] = [
    ['plain.jpg', 'baseline JPEG, sRGB', 'NO_FACE', jpeg],
    ['progressive.jpg', 'progressive JPEG', 'NO_FACE', new Uint8Array(await raw(rgb).jpeg({ quality: 85, progressive: true }).toBuffer())],
    ['cmyk.jpg', 'CMYK JPEG', 'NO_FACE', new Uint8Array(await raw(rgb).toColourspace('cmyk').jpeg({ quality: 85 }).toBuffer())],
    ['rotated-6.jpg', 'JPEG with EXIF orientation 6 (shown rotated 90° clockwise)', 'NO_FACE', new Uint8Array(await raw(rgb).jpeg().withMetadata({ orientation: 6 }).toBuffer())],
    ['grey.png', '8-bit greyscale PNG', 'NO_FACE', new Uint8Array(await raw(grey, W, H, 1).png().toBuffer())],
    ['grey16.png', '16-bit greyscale PNG', 'NO_FACE', new Uint8Array(await raw(grey, W, H, 1).toColourspace('grey16').png().toBuffer())],
    ['rgb16.png', '16-bit RGB PNG', 'NO_FACE', new Uint8Array(await raw(rgb).toColourspace('rgb16').png().toBuffer())],
    ['grey-alpha.png', 'greyscale + alpha PNG (right half transparent)', 'NO_FACE', new Uint8Array(await raw(greyAlpha, W, H, 2).png().toBuffer())],
    ['alpha.png', 'RGBA PNG (right half transparent)', 'NO_FACE', new Uint8Array(await raw(withAlpha(rgb), W, H, 4).png().toBuffer())],
    ['palette.png', 'palette PNG with transparency', 'NO_FACE', new Uint8Array(await raw(withAlpha(rgb), W, H, 4).png({ palette: true, colours: 64 }).toBuffer())],
    ['png-named.jpg', 'a PNG file named .jpg (the format is read from the bytes)', 'NO_FACE', png],
    ['picture.webp', 'WebP', 'NO_FACE', new Uint8Array(await raw(rgb).webp({ quality: 85 }).toBuffer())],
    ['picture.tif', 'TIFF (LZW)', 'NO_FACE', new Uint8Array(await raw(rgb).tiff({ compression: 'lzw' }).toBuffer())],
    ['picture.gif', 'GIF', 'NO_FACE', new Uint8Array(await raw(rgb).gif().toBuffer())],
    ['picture.avif', 'AVIF', 'NO_FACE', new Uint8Array(await raw(rgb).avif({ quality: 60 }).toBuffer())],
    ['picture.bmp', '24-bit BMP (sharp reads no BMP: bmpimagejs does)', 'NO_FACE', encodeBmp(rgb, W, H)],
    ['rgb565.bmp', '16-bit BMP with 5-6-5 bit fields', 'NO_FACE', encodeBmp16(rgb, W, H, '565')],
    ['rle8.bmp', 'run-length encoded 8-bit BMP', 'NO_FACE', encodeBmpRle(grey, W, H, 8)],
    ['empty.jpg', 'an empty file', 'EMPTY_FILE', new Uint8Array(0)],
    ['truncated.jpg', 'a JPEG cut in half', 'CORRUPT_IMAGE', jpeg.subarray(0, Math.floor(jpeg.length / 2))],
    ['notes.jpg', 'a text file named .jpg', 'NOT_AN_IMAGE', new TextEncoder().encode('These are notes, not a photo.\n')],
    ['photo.heic', 'the start of a HEIC file (not supported: convert it to JPEG)', 'UNSUPPORTED_FORMAT', Uint8Array.from([0, 0, 0, 24, ...ascii('ftypheic'), 0, 0, 0, 0, ...ascii('mif1heic'), ...rgb.subarray(0, 200)])],
    ['tiny.png', 'a 20x20 image, too small to hold a face', 'IMAGE_TOO_SMALL', new Uint8Array(await raw(picture(20, 20), 20, 20).png().toBuffer())],
    ['bomb.png', 'a PNG header declaring 100000x100000 pixels (a decompression bomb)', 'IMAGE_TOO_LARGE', await pngBomb()],
  ];
  await fs.mkdir(out, { recursive: true });
  for (const [file, , , bytes] of files) await fs.writeFile(path.join(out, file), bytes);
  const expected = files.map(([file, what, code]) => ({ file, what, code }));
  await fs.writeFile(path.join(out, 'expected.json'), `${JSON.stringify(expected, null, 2)}\n`);
  return expected;
};

const main = async (): Promise<void> => {
  const at = process.argv.indexOf('--out');
  const out = path.resolve(at >= 0 ? (process.argv[at + 1] ?? 'test_images') : 'test_images');
  const expected = await makeTestImages(out);
  let bytes = 0;
  for (const e of expected) bytes += (await fs.stat(path.join(out, e.file))).size;
  console.log(`wrote ${expected.length} images (${(bytes / 1024).toFixed(1)} KiB) and expected.json to ${out}`);
};

if (import.meta.url === `file://${process.argv[1]}`) await main();
