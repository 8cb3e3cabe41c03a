import { describe, expect, it } from 'vitest';
import { iou, nonMaxSuppression } from './box.js';
import { applyAffine, estimateSimilarity, invertAffine } from './similarity-transform.js';
import { warpAffine } from './warp.js';

describe('estimateSimilarity', () => {
  it('recovers a known rotation, scale and translation exactly', () => {
    const angle = 0.3;
    const scale = 0.42;
    const truth = (p: { x: number; y: number }) => ({
      x: scale * (Math.cos(angle) * p.x - Math.sin(angle) * p.y) + 17,
      y: scale * (Math.sin(angle) * p.x + Math.cos(angle) * p.y) - 5,
    });
    const from = [{ x: 10, y: 20 }, { x: 80, y: 25 }, { x: 45, y: 60 }, { x: 20, y: 90 }, { x: 75, y: 88 }];
    const m = estimateSimilarity(from, from.map(truth));
    for (const p of from) {
      const got = applyAffine(m, p);
      const want = truth(p);
      expect(got.x).toBeCloseTo(want.x, 9);
      expect(got.y).toBeCloseTo(want.y, 9);
    }
  });

  it('inverts', () => {
    const m = estimateSimilarity([{ x: 0, y: 0 }, { x: 10, y: 0 }], [{ x: 5, y: 5 }, { x: 5, y: 25 }]);
    const back = applyAffine(invertAffine(m), applyAffine(m, { x: 3, y: 4 }));
    expect(back.x).toBeCloseTo(3, 9);
    expect(back.y).toBeCloseTo(4, 9);
  });
});

describe('nonMaxSuppression', () => {
  it('keeps the best of overlapping boxes and drops boxes inside a better one', () => {
    const face = { box: { x1: 0, y1: 0, x2: 100, y2: 100 }, score: 0.99 };
    const shifted = { box: { x1: 5, y1: 5, x2: 105, y2: 105 }, score: 0.95 };
    const eye = { box: { x1: 20, y1: 30, x2: 40, y2: 45 }, score: 0.92 };
    const other = { box: { x1: 200, y1: 0, x2: 300, y2: 100 }, score: 0.97 };
    expect(iou(face.box, shifted.box)).toBeGreaterThan(0.8);
    expect(nonMaxSuppression([eye, shifted, other, face], 0.4)).toEqual([face, other]);
  });
});

describe('warpAffine', () => {
  it('reproduces the image under the identity and pads outside with the background', () => {
    const data = new Uint8Array(4 * 3 * 3).map((_, i) => (i * 37) % 256);
    const src = { data, width: 4, height: 3, channels: 3 as const };
    expect(Array.from(warpAffine(src, [1, 0, 0, 0, 1, 0], 4, 3).data)).toEqual(Array.from(data));
    const shifted = warpAffine(src, [1, 0, 10, 0, 1, 0], 4, 3, [1, 2, 3]);
    expect(Array.from(shifted.data.subarray(0, 3))).toEqual([1, 2, 3]);
  });

  it('averages when it shrinks, so a fine pattern does not alias', () => {
    // 1-pixel black/white stripes shrunk 4x must come out mid-grey, not black or white.
    const width = 64;
    const data = new Uint8Array(width * width * 3);
    for (let y = 0; y < width; y++) for (let x = 0; x < width; x++) data.fill(x % 2 === 0 ? 0 : 255, (y * width + x) * 3, (y * width + x) * 3 + 3);
    const out = warpAffine({ data, width, height: width, channels: 3 }, [0.25, 0, 0, 0, 0.25, 0], 16, 16);
    for (const v of out.data.subarray(3 * 16 * 4, 3 * 16 * 12)) expect(Math.abs(v - 128)).toBeLessThan(20);
  });

  it('interpolates bilinearly between pixels', () => {
    const src = { data: new Uint8Array([0, 0, 0, 200, 200, 200]), width: 2, height: 1, channels: 3 as const };
    // Scale x by 2: output pixel 1 samples source x = 0.75 - 0.5 = 0.25 -> 50.
    const out = warpAffine(src, [2, 0, 0, 0, 1, 0], 4, 1, [0, 0, 0]);
    expect(out.data[3]).toBe(50);
  });
});
