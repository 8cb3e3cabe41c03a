import fs from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { facePath, referenceFace, requireSharedFaces } from '../../../test/support/faces.js';
import { pixelAt } from '../../../test/support/image-fixtures.js';
import { BugError } from '../errors.js';
import { checkAugmentOp, describeAugment, standardAugmentations, type AugmentOp } from './augment.js';
import type { RawImage } from './raw-image.js';
import { augmentImage, decodeImage, type DecodeLimits } from './sharp-codec.js';

const limits: DecodeLimits = { maxPixels: 64_000_000, minSide: 1, background: [255, 255, 255] };

/** Left half red, right half blue, 40x20. */
const halves = (): RawImage => {
  const width = 40;
  const height = 20;
  const data = new Uint8Array(width * height * 3);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) data.set(x < width / 2 ? [255, 0, 0] : [0, 0, 255], (y * width + x) * 3);
  }
  return { data, width, height, channels: 3 };
};

const decoded = (bytes: Uint8Array): Promise<RawImage> => decodeImage(bytes, limits);

const mean = (image: RawImage): number => image.data.reduce((sum, v) => sum + v, 0) / image.data.length;

/** Mean absolute difference between horizontal neighbours: high for sharp edges and noise. */
const roughness = (image: RawImage): number => {
  let sum = 0;
  let n = 0;
  for (let y = 0; y < image.height; y++) {
    for (let x = 1; x < image.width; x++) {
      const i = (y * image.width + x) * image.channels;
      sum += Math.abs(image.data[i]! - image.data[i - image.channels]!);
      n++;
    }
  }
  return sum / n;
};

describe('augmentImage on a synthetic image', () => {
  it('flip mirrors left and right', async () => {
    const out = await augmentImage(halves(), { kind: 'flip' }, limits);
    expect(out.format).toBe('png');
    const image = await decoded(out.bytes);
    expect(pixelAt(image, 2, 10)).toEqual([0, 0, 255]);
    expect(pixelAt(image, 37, 10)).toEqual([255, 0, 0]);
  });

  it('rotate 90 swaps width and height; an odd angle grows the canvas and fills it with the background', async () => {
    const quarter = await augmentImage(halves(), { kind: 'rotate', degrees: 90 }, limits);
    expect([quarter.width, quarter.height]).toEqual([20, 40]);
    const image = await decoded(quarter.bytes);
    // Clockwise: the left (red) half ends up on top.
    expect(pixelAt(image, 10, 2)).toEqual([255, 0, 0]);
    expect(pixelAt(image, 10, 37)).toEqual([0, 0, 255]);
    const tilted = await augmentImage(halves(), { kind: 'rotate', degrees: 30 }, limits);
    expect(tilted.width).toBeGreaterThan(40);
    expect(pixelAt(await decoded(tilted.bytes), 0, 0)).toEqual([255, 255, 255]);
  });

  it('brightness scales the pixel values', async () => {
    const grey: RawImage = { data: new Uint8Array(30 * 30 * 3).fill(100), width: 30, height: 30, channels: 3 };
    const darker = await decoded((await augmentImage(grey, { kind: 'brightness', factor: 0.5 }, limits)).bytes);
    const brighter = await decoded((await augmentImage(grey, { kind: 'brightness', factor: 1.5 }, limits)).bytes);
    expect(mean(darker)).toBeLessThan(70);
    expect(mean(brighter)).toBeGreaterThan(130);
  });

  it('scale resizes the whole image', async () => {
    const out = await augmentImage(halves(), { kind: 'scale', factor: 0.5 }, limits);
    expect([out.width, out.height]).toEqual([20, 10]);
  });

  it('rejects ops outside their range as bugs', async () => {
    await expect(augmentImage(halves(), { kind: 'blur', sigma: 0 }, limits)).rejects.toBeInstanceOf(BugError);
    expect(() => checkAugmentOp({ kind: 'jpeg', quality: 0 })).toThrow(BugError);
    expect(() => checkAugmentOp({ kind: 'scale', factor: -1 })).toThrow(BugError);
    for (const op of standardAugmentations) expect(() => checkAugmentOp(op)).not.toThrow();
  });

  it('describes every op briefly', () => {
    const ops: AugmentOp[] = [{ kind: 'flip' }, { kind: 'rotate', degrees: 15 }, { kind: 'jpeg', quality: 10 }, { kind: 'scale', factor: 0.25 }];
    expect(ops.map(describeAugment)).toEqual(['flip (mirror)', 'rotate 15°', 'JPEG q10', 'scale x0.25']);
  });
});

describe.runIf(requireSharedFaces())('augmentImage on a real photo (file bytes)', () => {
  it('blur smooths, JPEG at low quality is smaller and lossy, all decode at the expected size', async () => {
    const bytes = new Uint8Array(await fs.readFile(facePath(referenceFace)));
    const original = await decoded(bytes);
    const blurred = await augmentImage(bytes, { kind: 'blur', sigma: 4 }, limits);
    expect(blurred.format).toBe('png');
    expect([blurred.width, blurred.height]).toEqual([original.width, original.height]);
    expect(roughness(await decoded(blurred.bytes))).toBeLessThan(roughness(original) * 0.6);
    const q90 = await augmentImage(bytes, { kind: 'jpeg', quality: 90 }, limits);
    const q5 = await augmentImage(bytes, { kind: 'jpeg', quality: 5 }, limits);
    expect(q5.format).toBe('jpeg');
    expect(q5.bytes.length).toBeLessThan(q90.bytes.length / 3);
    expect([q5.width, q5.height]).toEqual([original.width, original.height]);
  });
});
