import { describe, expect, it } from 'vitest';
import { resizeBilinear } from './bilinear-resize.js';
import type { RawImage } from './raw-image.js';

/** An RGB image whose channels are linear ramps: r = 10 + 4x, g = 20 + 3y, b constant. */
const ramps = (width: number, height: number): RawImage => {
  const data = new Uint8Array(width * height * 3);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const o = (y * width + x) * 3;
      data[o] = 10 + 4 * x;
      data[o + 1] = 20 + 3 * y;
      data[o + 2] = 77;
    }
  }
  return { data, width, height, channels: 3 };
};

const at = (image: RawImage, x: number, y: number, c: number): number => image.data[(y * image.width + x) * 3 + c]!;

describe('resizeBilinear', () => {
  it('at the same size it is a copy', () => {
    const image = ramps(7, 5);
    expect(resizeBilinear(image, 7, 5).data).toEqual(image.data);
  });

  it('enlarging a ramp samples it at the output pixel centres (no shift), clamped at the edges', () => {
    const image = ramps(10, 8);
    const out = resizeBilinear(image, 16, 12);
    expect([out.width, out.height, out.channels]).toEqual([16, 12, 3]);
    for (let y = 0; y < out.height; y++) {
      for (let x = 0; x < out.width; x++) {
        // Output centre (x + 0.5) in source pixels, minus 0.5 for the source centres; clamped to the image.
        const sx = Math.min(9, Math.max(0, ((x + 0.5) * 10) / 16 - 0.5));
        const sy = Math.min(7, Math.max(0, ((y + 0.5) * 8) / 12 - 0.5));
        expect(Math.abs(at(out, x, y, 0) - (10 + 4 * sx))).toBeLessThanOrEqual(0.5 + 1e-9);
        expect(Math.abs(at(out, x, y, 1) - (20 + 3 * sy))).toBeLessThanOrEqual(0.5 + 1e-9);
        expect(at(out, x, y, 2)).toBe(77);
      }
    }
  });

  it('a mild shrink keeps the mapping too, and a flat image flat', () => {
    const out = resizeBilinear(ramps(40, 30), 32, 24);
    for (let x = 0; x < 32; x++) expect(Math.abs(at(out, x, 0, 0) - (10 + 4 * (((x + 0.5) * 40) / 32 - 0.5)))).toBeLessThanOrEqual(0.5 + 1e-9);
    const flat: RawImage = { data: new Uint8Array(9 * 9 * 3).fill(200), width: 9, height: 9, channels: 3 };
    expect(resizeBilinear(flat, 13, 6).data.every((v) => v === 200)).toBe(true);
  });

  it('refuses a non-RGB image', () => {
    expect(() => resizeBilinear({ data: new Uint8Array(4), width: 2, height: 2, channels: 1 }, 4, 4)).toThrow(/3 channels/);
  });
});
