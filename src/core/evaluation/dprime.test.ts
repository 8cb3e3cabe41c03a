import { describe, expect, it } from 'vitest';
import { dPrime } from './dprime.js';

describe("dPrime = |mu_g - mu_i| / sqrt((var_g + var_i) / 2)", () => {
  it('simple case', () => {
    // genuine 1 3: mean 2, var 1; impostor 0 2: mean 1, var 1 -> 1 / sqrt(1) = 1
    expect(dPrime([1, 3], [0, 2])).toBeCloseTo(1, 12);
  });

  it('hand-made set', () => {
    // genuine 0.4 0.6 0.7 0.8 0.9: mean 0.68, var 0.148 / 5 = 0.0296
    // impostor 0.1 0.2 0.3 0.5 0.6: mean 0.34, deviations -0.24 -0.14 -0.04 0.16 0.26,
    //   squares 0.0576 + 0.0196 + 0.0016 + 0.0256 + 0.0676 = 0.172, var 0.0344
    // d' = 0.34 / sqrt((0.0296 + 0.0344) / 2) = 0.34 / sqrt(0.032) = 1.900658
    expect(dPrime([0.4, 0.6, 0.7, 0.8, 0.9], [0.1, 0.2, 0.3, 0.5, 0.6])).toBeCloseTo(1.900658, 5);
  });

  it('is symmetric and handles zero spread', () => {
    expect(dPrime([0, 2], [1, 3])).toBeCloseTo(1, 12);
    expect(dPrime([1, 1], [0, 0])).toBe(Infinity);
    expect(dPrime([1], [1])).toBe(0);
  });
});
