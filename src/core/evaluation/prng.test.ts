import { describe, expect, it } from 'vitest';
import { mulberry32, randomBelow } from './prng.js';

describe('mulberry32', () => {
  it('matches the reference implementation', () => {
    // From the canonical JS version (Tommy Ettinger), outputs times 2^32.
    const expected: Record<number, number[]> = {
      0: [1144304738, 1416247, 958946056],
      42: [2581720956, 1925393290, 3661312704],
      123456789: [1107202814, 4169434471, 3372958138],
    };
    for (const [seed, values] of Object.entries(expected)) {
      const random = mulberry32(Number(seed));
      expect(values.map(() => random() * 4294967296)).toEqual(values);
    }
  });

  it('is reproducible and in [0, 1)', () => {
    const a = mulberry32(99);
    const b = mulberry32(99);
    for (let i = 0; i < 1000; i++) {
      const x = a();
      expect(x).toBe(b());
      expect(x).toBeGreaterThanOrEqual(0);
      expect(x).toBeLessThan(1);
    }
  });
});

describe('randomBelow', () => {
  it('stays in range, also above 2^32', () => {
    const random = mulberry32(5);
    for (let i = 0; i < 1000; i++) {
      const small = randomBelow(random, 7);
      expect(Number.isInteger(small) && small >= 0 && small < 7).toBe(true);
      const big = randomBelow(random, 2 ** 40);
      expect(Number.isInteger(big) && big >= 0 && big < 2 ** 40).toBe(true);
    }
  });
});
