import { describe, expect, it } from 'vitest';
import { areaResample } from './area-resample.js';
import type { RawImage } from './raw-image.js';

const rgbImage = (width: number, height: number, at: (x: number, y: number) => [number, number, number]): RawImage => {
  const data = new Uint8Array(width * height * 3);
  for (let y = 0; y < height; y++) for (let x = 0; x < width; x++) data.set(at(x, y), (y * width + x) * 3);
  return { data, width, height, channels: 3 };
};

const px = (image: RawImage, x: number, y: number): number[] => Array.from(image.data.subarray((y * image.width + x) * 3, (y * image.width + x) * 3 + 3));

describe('areaResample', () => {
  it('a 2x shrink is the mean of each 2x2 block', () => {
    // Red channel = 10 * x + y, so the block (0..1, 0..1) averages (0 + 10 + 1 + 11) / 4 = 5.5 -> 6.
    const src = rgbImage(4, 4, (x, y) => [10 * x + y, 100, 200]);
    const out = areaResample(src, { left: 0, top: 0, width: 4, height: 4 }, 2, 2, [0, 0, 0]);
    expect(px(out, 0, 0)).toEqual([6, 100, 200]);
    expect(px(out, 1, 0)).toEqual([26, 100, 200]);
    expect(px(out, 0, 1)).toEqual([8, 100, 200]); // (2 + 12 + 3 + 13) / 4 = 7.5 -> 8
    expect(px(out, 1, 1)).toEqual([28, 100, 200]);
  });

  it('weights partly covered pixels by their coverage (a 3 -> 2 shrink)', () => {
    // One row 0, 90, 180: output pixel 0 covers [0, 1.5): (0 * 1 + 90 * 0.5) / 1.5 = 30; pixel 1 (90 * 0.5 + 180) / 1.5 = 150.
    const src = rgbImage(3, 1, (x) => [x * 90, 0, 0]);
    const out = areaResample(src, { left: 0, top: 0, width: 3, height: 1 }, 2, 1, [0, 0, 0]);
    expect(px(out, 0, 0)[0]).toBe(30);
    expect(px(out, 1, 0)[0]).toBe(150);
  });

  it('what lies outside the image is the background, in proportion', () => {
    const src = rgbImage(2, 2, () => [200, 200, 200]);
    // The rect's left half is outside: each output pixel of the left column is all background.
    const out = areaResample(src, { left: -2, top: 0, width: 4, height: 2 }, 2, 1, [0, 0, 100]);
    expect(px(out, 0, 0)).toEqual([0, 0, 100]);
    expect(px(out, 1, 0)).toEqual([200, 200, 200]);
    const half = areaResample(src, { left: -1, top: 0, width: 2, height: 2 }, 1, 1, [0, 0, 0]);
    expect(px(half, 0, 0)).toEqual([100, 100, 100]);
  });

  it('keeps a constant image constant at any shrink and offset', () => {
    const src = rgbImage(37, 29, () => [17, 133, 250]);
    const out = areaResample(src, { left: 1.3, top: 2.7, width: 30.1, height: 20.4 }, 7, 5, [0, 0, 0]);
    for (let i = 0; i < out.data.length; i += 3) expect(Array.from(out.data.subarray(i, i + 3))).toEqual([17, 133, 250]);
  });
});
