import { describe, expect, it } from 'vitest';
import { UserError } from '../errors.js';
import { scoreStats } from './stats.js';

describe('scoreStats', () => {
  it('odd count, by hand', () => {
    // [0.4, 0.6, 0.7, 0.8, 0.9]: mean = 3.4 / 5 = 0.68
    // deviations -0.28, -0.08, 0.02, 0.12, 0.22 -> squares 0.0784 + 0.0064 + 0.0004 + 0.0144 + 0.0484 = 0.148
    // population variance 0.148 / 5 = 0.0296, std = sqrt(0.0296) = 0.172047
    const s = scoreStats([0.9, 0.4, 0.8, 0.6, 0.7]);
    expect(s.count).toBe(5);
    expect(s.mean).toBeCloseTo(0.68, 12);
    expect(s.std).toBeCloseTo(Math.sqrt(0.0296), 12);
    expect(s.min).toBe(0.4);
    expect(s.max).toBe(0.9);
    expect(s.median).toBe(0.7);
  });

  it('even count: the median averages the middle two', () => {
    // [1, 2, 3, 4]: mean 2.5, median (2 + 3) / 2 = 2.5, variance (2.25 + 0.25 + 0.25 + 2.25) / 4 = 1.25
    const s = scoreStats(Float32Array.of(3, 1, 4, 2));
    expect(s.median).toBe(2.5);
    expect(s.mean).toBe(2.5);
    expect(s.std).toBeCloseTo(Math.sqrt(1.25), 12);
  });

  it('a single score has std 0', () => {
    expect(scoreStats([0.3])).toEqual({ count: 1, mean: 0.3, std: 0, min: 0.3, max: 0.3, median: 0.3 });
  });

  it('empty or non-finite input -> INVALID_ARGUMENT', () => {
    expect(() => scoreStats([])).toThrow(UserError);
    expect(() => scoreStats([0.1, NaN])).toThrow(/index 1 is NaN/);
  });
});
