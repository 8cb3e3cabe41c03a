import { describe, expect, it } from 'vitest';
import { auc } from './auc.js';

describe('auc (Mann-Whitney, ties count 0.5)', () => {
  it('hand-made set with one tie', () => {
    // genuine 0.4 0.6 0.7 0.8 0.9, impostor 0.1 0.2 0.3 0.5 0.6 (25 pairs)
    //   g=0.4: beats 0.1 0.2 0.3                 -> 3
    //   g=0.6: beats 0.1 0.2 0.3 0.5, ties 0.6    -> 4 + 0.5 = 4.5
    //   g=0.7, 0.8, 0.9: beat all five            -> 15
    //   AUC = (3 + 4.5 + 15) / 25 = 0.9
    expect(auc([0.4, 0.6, 0.7, 0.8, 0.9], [0.1, 0.2, 0.3, 0.5, 0.6])).toBeCloseTo(0.9, 12);
  });

  it('several ties', () => {
    // genuine 0.3 0.5 0.5 0.9, impostor 0.1 0.5 0.7 (12 pairs)
    //   g=0.3: 1; g=0.5 (twice): 1 + 0.5 each -> 3; g=0.9: 3   => 7 / 12
    expect(auc([0.5, 0.9, 0.3, 0.5], [0.7, 0.1, 0.5])).toBeCloseTo(7 / 12, 12);
    // all equal: every pair is a tie -> 0.5
    expect(auc([0.5, 0.5], [0.5, 0.5, 0.5])).toBe(0.5);
    // genuine 1 2 3, impostor 2 2: 0 + (0.5 + 0.5) + 2 = 3 of 6 -> 0.5
    expect(auc([1, 2, 3], [2, 2])).toBe(0.5);
  });

  it('perfect and reversed separation', () => {
    expect(auc([0.8, 0.9], [0.1, 0.2, 0.3])).toBe(1);
    expect(auc([0.1, 0.2], [0.8, 0.9])).toBe(0);
  });

  it('accepts typed arrays', () => {
    expect(auc(Float32Array.of(0.9), Float64Array.of(0.1))).toBe(1);
  });
});
