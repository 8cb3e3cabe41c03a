import { describe, expect, it } from 'vitest';
import type { RawImage } from '../image/raw-image.js';
import { laplacianVariance } from './sharpness.js';

const image = (pixel: (x: number, y: number) => [number, number, number], size = 112): RawImage => {
  const data = new Uint8Array(size * size * 3);
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) data.set(pixel(x, y), (y * size + x) * 3);
  }
  return { data, width: size, height: size, channels: 3 };
};

const grey = (v: number): [number, number, number] => [v, v, v];

describe('laplacianVariance', () => {
  it('is 0 on a flat or linear ramp image and large on fine detail', () => {
    expect(laplacianVariance(image(() => grey(120)))).toBe(0);
    expect(laplacianVariance(image((x) => grey(x * 2)))).toBeCloseTo(0, 6);
    const checker = laplacianVariance(image((x, y) => grey((x + y) % 2 === 0 ? 100 : 140)));
    // Laplacian of a +-20 checkerboard is +-160 everywhere: variance 160^2.
    expect(checker).toBeCloseTo(160 * 160, 0);
  });

  it('drops as the detail gets coarser (blur)', () => {
    const fine = laplacianVariance(image((x, y) => grey(128 + 60 * Math.sin(x * 1.3) * Math.sin(y * 1.1))));
    const coarse = laplacianVariance(image((x, y) => grey(128 + 60 * Math.sin(x * 0.2) * Math.sin(y * 0.2))));
    expect(coarse).toBeLessThan(fine / 50);
  });

  it('ignores the padding colour and the pixels next to it (a face cut by the border)', () => {
    const smooth = (x: number, y: number): [number, number, number] => grey(100 + Math.round(10 * Math.sin(x * 0.2) * Math.sin(y * 0.2)));
    const base = laplacianVariance(image(smooth));
    // The right third is padded white: a hard vertical edge at x = 75, inside the measured centre.
    const padded = image((x, y) => (x >= 75 ? grey(255) : smooth(x, y)));
    expect(laplacianVariance(padded)).toBeCloseTo(base, -1);
    // With another fill colour declared, the white edge counts and dominates.
    expect(laplacianVariance(padded, [0, 0, 0])).toBeGreaterThan(base * 20);
  });

  it('works on greyscale data and on other sizes', () => {
    const data = new Uint8Array(56 * 56).map((_, i) => ((i % 56) + Math.floor(i / 56)) % 2 === 0 ? 100 : 140);
    expect(laplacianVariance({ data, width: 56, height: 56, channels: 1 })).toBeCloseTo(160 * 160, 0);
  });
});
