import { describe, expect, it } from 'vitest';
import { UserError } from '../errors.js';
import { tarAtFar, thresholdForFar } from './far.js';
import { mulberry32 } from './prng.js';
import { ratesAt } from './rates.js';
import { nextUp } from './scores.js';

// genuine 0.4 0.6 0.7 0.8 0.9, impostor 0.1 0.2 0.3 0.5 0.6 (full table in roc.test.ts)
const genuine = [0.4, 0.6, 0.7, 0.8, 0.9];
const impostor = [0.1, 0.2, 0.3, 0.5, 0.6];

describe('tarAtFar', () => {
  it('target 0.2 with 5 impostors: sufficient', () => {
    // 0.2 * 5 = 1 false accept allowed. Lowest threshold with FA <= 1 is 0.6 (FA = 1: 0.6),
    // TAR there = 4/5 (0.6 0.7 0.8 0.9). 5 >= 1 / 0.2 = 5 -> sufficient.
    expect(tarAtFar(genuine, impostor, 0.2)).toEqual({
      targetFar: 0.2,
      tar: 0.8,
      threshold: 0.6,
      achievedFar: 0.2,
      sufficient: true,
      minImpostors: 5,
    });
  });

  it('target 0.1 with 5 impostors: insufficient', () => {
    // 0.1 * 5 = 0.5 -> 0 false accepts allowed -> t = 0.7 (first with FA = 0), TAR = 3/5.
    // 5 < 1 / 0.1 = 10 -> not sufficient.
    const r = tarAtFar(genuine, impostor, 0.1);
    expect(r).toMatchObject({ threshold: 0.7, achievedFar: 0, sufficient: false, minImpostors: 10 });
    expect(r.tar).toBeCloseTo(0.6, 12);
  });

  it('target 1 accepts everything', () => {
    expect(tarAtFar(genuine, impostor, 1)).toMatchObject({ tar: 1, threshold: 0.1, achievedFar: 1 });
  });

  it('falls back to "reject all" when the top score is an impostor', () => {
    // impostor 0.95 is the highest score: FA = 0 only above it -> TAR 0
    const r = tarAtFar(genuine, [...impostor, 0.95], 0.1);
    expect(r).toMatchObject({ tar: 0, threshold: nextUp(0.95), achievedFar: 0 });
  });

  it('rejects targets outside (0, 1]', () => {
    for (const bad of [0, -0.1, 1.5, NaN]) expect(() => tarAtFar(genuine, impostor, bad)).toThrow(UserError);
  });
});

describe('thresholdForFar', () => {
  it('is just above the (k+1)-th highest impostor score', () => {
    // sorted impostor 0.6 0.5 0.3 0.2 0.1 (descending)
    //   target 0.2 -> k = 1 -> just above the 2nd highest (0.5); FAR there = 1/5
    //   target 0.1 -> k = 0 -> just above the highest (0.6); FAR 0
    //   target 1   -> everything may pass -> the lowest impostor score
    expect(thresholdForFar(impostor, 0.2)).toBe(nextUp(0.5));
    expect(thresholdForFar(impostor, 0.1)).toBe(nextUp(0.6));
    expect(thresholdForFar(impostor, 1)).toBe(0.1);
    expect(ratesAt(genuine, impostor, thresholdForFar(impostor, 0.2)).far).toBeCloseTo(0.2, 12);
  });

  it('ties: the FAR achieved may be below the target', () => {
    // impostor 0.9 0.5 0.5 0.1, target 0.5 -> k = 2 -> 3rd highest is 0.5, tied with the 2nd:
    // the threshold must exceed 0.5, so FAR = 1/4
    const tied = [0.1, 0.5, 0.5, 0.9];
    expect(thresholdForFar(tied, 0.5)).toBe(nextUp(0.5));
    expect(ratesAt([1], tied, thresholdForFar(tied, 0.5)).far).toBe(0.25);
  });

  it('0.29 * 100 counts as 29 false accepts despite floating point', () => {
    const scores = Array.from({ length: 100 }, (_, i) => i / 100); // 0.00 .. 0.99
    // 30th highest is 0.70 -> threshold just above it; 29 scores (0.71..0.99) pass
    expect(thresholdForFar(scores, 0.29)).toBe(nextUp(0.7));
  });

  it('gives the same TAR and FAR as tarAtFar on random data', () => {
    const random = mulberry32(3);
    const g = Array.from({ length: 300 }, () => Math.round((0.4 + 0.5 * random()) * 200) / 200);
    const i = Array.from({ length: 1500 }, () => Math.round(0.6 * random() * 200) / 200); // enough for 0.001, not 0.0005
    for (const target of [0.1, 0.01, 0.001, 0.0005]) {
      const viaImpostors = ratesAt(g, i, thresholdForFar(i, target));
      const best = tarAtFar(g, i, target);
      expect(viaImpostors.far).toBeLessThanOrEqual(target);
      expect(best.achievedFar).toBe(viaImpostors.far);
      expect(best.tar).toBe(viaImpostors.tar);
      expect(best.sufficient).toBe(target >= 0.001);
    }
  });
});
