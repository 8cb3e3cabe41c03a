import fs from 'node:fs/promises';
import { sharp } from '../../../test/support/sharp.js';
import { beforeAll, describe, expect, it } from 'vitest';
import { facePath, referenceFace, requireSharedFaces } from '../../../test/support/faces.js';
import { meanAbsDiff, pixelAt } from '../../../test/support/image-fixtures.js';
import type { RawImage } from './raw-image.js';
import { cropResize, decodeImage, encodeImage, resizeRaw } from './sharp-codec.js';
import { sniffFormat } from './sniff-format.js';

const solid = (width: number, height: number, rgb: readonly number[], channels: 1 | 3 | 4 = 3): RawImage => {
  const data = new Uint8Array(width * height * channels);
  for (let i = 0; i < data.length; i += channels) data.set(rgb.slice(0, channels), i);
  return { data, width, height, channels };
};

/** value = 4 * x at every pixel (pixel x covers [x, x + 1)), a horizontal ramp. */
const rampX = (width: number, height: number): RawImage => {
  const data = new Uint8Array(width * height * 3);
  for (let y = 0; y < height; y++) for (let x = 0; x < width; x++) data.fill(4 * x, (y * width + x) * 3, (y * width + x) * 3 + 3);
  return { data, width, height, channels: 3 };
};

describe('resizeRaw', () => {
  it('fill: exact size, RGB out, a flat colour stays flat', async () => {
    const out = await resizeRaw(solid(50, 30, [10, 120, 240]), 17, 41);
    expect([out.width, out.height, out.channels, out.data.length]).toEqual([17, 41, 3, 17 * 41 * 3]);
    expect(pixelAt(out, 8, 20)).toEqual([10, 120, 240]);
  });

  it('greyscale in, RGB out; RGBA in is flattened onto the background', async () => {
    const grey = await resizeRaw(solid(10, 10, [77], 1), 5, 5);
    expect([grey.channels, ...pixelAt(grey, 2, 2)]).toEqual([3, 77, 77, 77]);
    const clear = await resizeRaw(solid(10, 10, [255, 0, 0, 0], 4), 5, 5, { background: [0, 0, 255] });
    expect(pixelAt(clear, 2, 2)).toEqual([0, 0, 255]);
  });

  it('contain: letterboxes centred with the background colour', async () => {
    const out = await resizeRaw(solid(100, 50, [0, 255, 0]), 60, 60, { fit: 'contain', background: [255, 0, 0] });
    expect([out.width, out.height]).toEqual([60, 60]);
    expect(pixelAt(out, 30, 30)).toEqual([0, 255, 0]);
    expect(pixelAt(out, 30, 0)).toEqual([255, 0, 0]);
    expect(pixelAt(out, 30, 59)).toEqual([255, 0, 0]);
    expect(pixelAt(out, 30, 15)).toEqual([0, 255, 0]); // image rows 15..44
    expect(pixelAt(out, 30, 14)).toEqual([255, 0, 0]);
    expect(pixelAt(out, 30, 45)).toEqual([255, 0, 0]);
  });

  it('contain on a greyscale image keeps a coloured background coloured', async () => {
    const out = await resizeRaw(solid(40, 20, [128], 1), 20, 20, { fit: 'contain', background: [255, 0, 0] });
    expect(pixelAt(out, 10, 0)).toEqual([255, 0, 0]);
  });
});

describe('cropResize', () => {
  it('an integer rect at scale 1 copies the pixels exactly', async () => {
    const image = rampX(64, 8);
    const out = await cropResize(image, { left: 10, top: 2, width: 20, height: 4 }, 20, 4);
    for (let u = 0; u < 20; u++) expect(pixelAt(out, u, 1)).toEqual([4 * (10 + u), 4 * (10 + u), 4 * (10 + u)]);
  });

  it('a fractional rect is placed to the sub-pixel', async () => {
    const out = await cropResize(rampX(64, 8), { left: 10.5, top: 0, width: 20, height: 8 }, 20, 8);
    // Output u samples x = 11 + u, halfway between pixel centres 10.5 + u and 11.5 + u.
    for (let u = 0; u < 20; u++) expect(Math.abs((pixelAt(out, u, 4)[0] ?? 0) - 4 * (10.5 + u))).toBeLessThanOrEqual(1);
  });

  it('downscales a ramp keeping the exact mapping (anti-aliased, no shift)', async () => {
    const out = await cropResize(rampX(60, 8), { left: 0, top: 0, width: 60, height: 8 }, 20, 4);
    // Output u covers source [3u, 3u + 3): the mean of pixels 3u..3u+2 is 4 * (3u + 1).
    for (let u = 2; u < 18; u++) expect(Math.abs((pixelAt(out, u, 2)[0] ?? 0) - 4 * (3 * u + 1))).toBeLessThanOrEqual(1);
  });

  it('pads what lies outside the image with the background', async () => {
    const out = await cropResize(solid(20, 20, [0, 0, 255]), { left: -10, top: -10, width: 20, height: 20 }, 40, 40, [9, 9, 9]);
    expect(pixelAt(out, 5, 5)).toEqual([9, 9, 9]);
    expect(pixelAt(out, 5, 35)).toEqual([9, 9, 9]);
    expect(pixelAt(out, 35, 5)).toEqual([9, 9, 9]);
    expect(pixelAt(out, 35, 35)).toEqual([0, 0, 255]);
    expect(pixelAt(out, 20, 20)).toEqual([0, 0, 255]); // the first pixel inside: no blend with the background
  });

  it('a rect entirely outside gives the background; greyscale and RGBA inputs give RGB', async () => {
    const away = await cropResize(solid(20, 20, [1, 2, 3]), { left: 100, top: 0, width: 10, height: 10 }, 8, 8, [200, 100, 50]);
    expect([away.channels, ...pixelAt(away, 4, 4)]).toEqual([3, 200, 100, 50]);
    const grey = await cropResize(solid(20, 20, [90], 1), { left: 2, top: 2, width: 10, height: 10 }, 5, 5);
    expect(pixelAt(grey, 2, 2)).toEqual([90, 90, 90]);
    const clear = await cropResize(solid(20, 20, [255, 0, 0, 0], 4), { left: 2, top: 2, width: 10, height: 10 }, 5, 5, [0, 255, 0]);
    expect(pixelAt(clear, 2, 2)).toEqual([0, 255, 0]);
  });

  it('rejects nonsense arguments as bugs, not user errors', async () => {
    const image = solid(10, 10, [0, 0, 0]);
    await expect(cropResize(image, { left: 0, top: 0, width: 0, height: 5 }, 4, 4)).rejects.toMatchObject({ name: 'BugError' });
    await expect(cropResize(image, { left: 0, top: 0, width: 5, height: 5 }, 4.5, 4)).rejects.toMatchObject({ name: 'BugError' });
    await expect(resizeRaw({ ...image, data: new Uint8Array(3) }, 4, 4)).rejects.toMatchObject({ name: 'BugError' });
  });

  describe.runIf(requireSharedFaces())('on a real photo', () => {
    let photo: RawImage;
    beforeAll(async () => {
      photo = await decodeImage(await fs.readFile(facePath(referenceFace)), { maxPixels: 64e6, minSide: 32, background: [0, 0, 0] });
    });

    it('a large downscale matches libvips extract + resize (good quality, same geometry)', async () => {
      const rect = { left: 300, top: 400, width: 800, height: 800 };
      const out = await cropResize(photo, rect, 112, 112);
      const reference = await sharp(photo.data, { raw: { width: photo.width, height: photo.height, channels: 3 } })
        .extract(rect).resize(112, 112, { kernel: 'lanczos3' }).raw().toBuffer();
      expect(meanAbsDiff(out.data, reference)).toBeLessThan(1);
    });

    it('a rect reaching past the edge keeps the image part where it belongs', async () => {
      const rect = { left: photo.width - 200, top: 100, width: 400, height: 400 };
      const out = await cropResize(photo, rect, 100, 100, [255, 0, 255]);
      expect(pixelAt(out, 75, 50)).toEqual([255, 0, 255]);
      const inside = await cropResize(photo, { left: photo.width - 200, top: 100, width: 200, height: 400 }, 50, 100);
      const left = new Uint8Array(50 * 100 * 3);
      for (let y = 0; y < 100; y++) left.set(out.data.subarray(y * 300, y * 300 + 150), y * 150);
      expect(meanAbsDiff(left, inside.data)).toBeLessThan(1.5);
    });
  });
});

describe('encodeImage', () => {
  const image = rampX(32, 16);

  it('PNG round-trips exactly', async () => {
    const png = await encodeImage(image, 'png');
    expect(sniffFormat(png)).toEqual({ kind: 'image', format: 'png' });
    const back = await decodeImage(png, { maxPixels: 1e6, minSide: 1, background: [0, 0, 0] });
    expect(Array.from(back.data)).toEqual(Array.from(image.data));
  });

  it.each(['jpeg', 'webp'] as const)('%s encodes close to the original, quality applies', async (format) => {
    const good = await encodeImage(image, format, 95);
    const poor = await encodeImage(image, format, 5);
    expect(sniffFormat(good)).toEqual({ kind: 'image', format });
    expect(poor.length).toBeLessThan(good.length);
    const back = await decodeImage(good, { maxPixels: 1e6, minSide: 1, background: [0, 0, 0] });
    expect(meanAbsDiff(back.data, image.data)).toBeLessThan(3);
  });

  it('JPEG flattens alpha onto white instead of exposing hidden pixels', async () => {
    const jpeg = await encodeImage(solid(16, 16, [255, 0, 0, 0], 4), 'jpeg');
    const back = await decodeImage(jpeg, { maxPixels: 1e6, minSide: 1, background: [0, 0, 0] });
    expect(pixelAt(back, 8, 8).every((v) => v >= 250)).toBe(true);
  });
});
