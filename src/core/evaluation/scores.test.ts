import { describe, expect, it } from 'vitest';
import { allowedFalseAccepts, assertScores, nextUp } from './scores.js';

describe('nextUp', () => {
  it('returns the next representable double', () => {
    expect(nextUp(1)).toBe(1 + Number.EPSILON);
    expect(nextUp(0.8)).toBeGreaterThan(0.8);
    expect(nextUp(0.8) - 0.8).toBeLessThan(1e-15);
    expect(nextUp(-1)).toBe(-1 + Number.EPSILON / 2);
    expect(nextUp(0)).toBe(Number.MIN_VALUE);
    expect(nextUp(-0)).toBe(Number.MIN_VALUE);
    expect(Object.is(nextUp(-Number.MIN_VALUE), 0)).toBe(true);
    expect(nextUp(Number.MAX_VALUE)).toBe(Infinity);
  });

  it('nothing lies strictly between x and nextUp(x)', () => {
    for (const x of [0.35, -0.35, 123.456, 1e-300]) {
      const up = nextUp(x);
      expect((x + up) / 2 === x || (x + up) / 2 === up).toBe(true);
    }
  });
});

describe('allowedFalseAccepts', () => {
  it('is floor(targetFar * n), robust to floating point', () => {
    expect(allowedFalseAccepts(0.1, 10)).toBe(1);
    expect(allowedFalseAccepts(0.29, 100)).toBe(29); // 0.29 * 100 = 28.999999999999996
    expect(allowedFalseAccepts(0.001, 999)).toBe(0);
    expect(allowedFalseAccepts(0.001, 1000)).toBe(1);
  });
});

describe('assertScores', () => {
  it('checks count and finiteness', () => {
    expect(() => assertScores('genuine', [])).toThrow(/at least 1 genuine score/);
    expect(() => assertScores('impostor', [1, Infinity])).toThrow(/impostor score at index 1 is Infinity/);
    expect(() => assertScores('genuine', [], 0)).not.toThrow();
  });
});
