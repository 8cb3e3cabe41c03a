import { describe, expect, it } from 'vitest';
import { codeOf } from '../../../test/support/user-errors.js';
import { cosine, dot, euclidean, isMetric, manhattan, metricNames, similarityFor, type Metric } from './metrics.js';

const v = (...values: number[]): Float32Array => Float32Array.from(values);

const messageOf = (fn: () => unknown): string => {
  try {
    fn();
  } catch (error) {
    if (error instanceof Error) return error.message;
  }
  throw new Error('expected an error');
};

// a = (1, 2, 2), b = (2, 0, 1), worked by hand:
//   dot       = 1*2 + 2*0 + 2*1                 = 4
//   |a|       = sqrt(1 + 4 + 4) = 3, |b| = sqrt(4 + 0 + 1) = sqrt(5)
//   cosine    = 4 / (3 * sqrt(5))                = 0.596285...
//   a - b     = (-1, 2, 1)
//   euclidean = sqrt(1 + 4 + 1) = sqrt(6)        = 2.449490...
//   manhattan = 1 + 2 + 1                        = 4
const a = v(1, 2, 2);
const b = v(2, 0, 1);

describe('metrics, hand-computed', () => {
  it('dot', () => expect(dot(a, b)).toBeCloseTo(4, 10));
  it('cosine', () => expect(cosine(a, b)).toBeCloseTo(4 / (3 * Math.sqrt(5)), 6));
  it('euclidean', () => expect(euclidean(a, b)).toBeCloseTo(Math.sqrt(6), 6));
  it('manhattan', () => expect(manhattan(a, b)).toBeCloseTo(4, 10));

  it('are symmetric and zero/one on identical vectors', () => {
    expect(cosine(b, a)).toBeCloseTo(cosine(a, b), 12);
    expect(euclidean(a, a)).toBe(0);
    expect(manhattan(a, a)).toBe(0);
    expect(cosine(a, a)).toBeCloseTo(1, 12);
  });

  it('cosine of opposite and orthogonal vectors', () => {
    expect(cosine(v(1, 0), v(-3, 0))).toBeCloseTo(-1, 12);
    expect(cosine(v(1, 0), v(0, 5))).toBeCloseTo(0, 12);
  });

  it('cosine stays within [-1, 1] despite rounding', () => {
    const x = v(0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7);
    const scaled = x.map((value) => value * 3);
    expect(cosine(x, scaled)).toBeLessThanOrEqual(1);
    expect(cosine(x, scaled.map((value) => -value))).toBeGreaterThanOrEqual(-1);
  });
});

describe('metric edge cases', () => {
  const all = [cosine, dot, euclidean, manhattan];

  it('dimension mismatch -> DIMENSION_MISMATCH, naming both dimensions', () => {
    for (const fn of all) expect(codeOf(() => fn(v(1, 2), v(1, 2, 3)))).toBe('DIMENSION_MISMATCH');
    expect(messageOf(() => cosine(v(1, 2), v(1, 2, 3)))).toMatch(/2 and 3/);
  });

  it('empty vectors -> INVALID_ARGUMENT', () => {
    for (const fn of all) expect(codeOf(() => fn(v(), v()))).toBe('INVALID_ARGUMENT');
  });

  it('zero vector for cosine -> INVALID_ARGUMENT with a clear message', () => {
    expect(codeOf(() => cosine(v(0, 0, 0), a))).toBe('INVALID_ARGUMENT');
    expect(messageOf(() => cosine(a, v(0, 0, 0)))).toMatch(/second vector is all zeros/);
    // The other metrics are defined for zero vectors.
    expect(dot(v(0, 0, 0), a)).toBe(0);
    expect(euclidean(v(0, 0, 0), a)).toBeCloseTo(3, 6);
  });

  it('NaN and Infinity -> INVALID_ARGUMENT naming the index', () => {
    for (const bad of [NaN, Infinity, -Infinity]) {
      for (const fn of all) {
        expect(codeOf(() => fn(v(1, bad, 3), a))).toBe('INVALID_ARGUMENT');
        expect(codeOf(() => fn(a, v(1, 2, bad)))).toBe('INVALID_ARGUMENT');
      }
    }
    expect(messageOf(() => euclidean(a, v(1, 2, NaN)))).toMatch(/second vector .*NaN.* index 2/);
    // Infinity - Infinity and Infinity * 0 must not slip through either.
    expect(codeOf(() => euclidean(v(Infinity), v(Infinity)))).toBe('INVALID_ARGUMENT');
    expect(codeOf(() => dot(v(Infinity), v(0)))).toBe('INVALID_ARGUMENT');
  });
});

describe('similarityFor', () => {
  it('similarities pass through, distances are negated', () => {
    expect(similarityFor('cosine').score(a, b)).toBeCloseTo(4 / (3 * Math.sqrt(5)), 6);
    expect(similarityFor('dot').score(a, b)).toBeCloseTo(4, 10);
    expect(similarityFor('euclidean').score(a, b)).toBeCloseTo(-Math.sqrt(6), 6);
    expect(similarityFor('manhattan').score(a, b)).toBeCloseTo(-4, 10);
    expect(similarityFor('euclidean').raw(a, b)).toBeCloseTo(Math.sqrt(6), 6);
  });

  it('higher score = more similar for every metric', () => {
    const near = v(1, 2, 2.1);
    const far = v(-1, 0, 5);
    for (const metric of metricNames) {
      const { score } = similarityFor(metric);
      expect(score(a, near), metric).toBeGreaterThan(score(a, far));
    }
  });

  it('metadata', () => {
    const euclid = similarityFor('euclidean');
    expect(euclid).toMatchObject({ name: 'euclidean', kind: 'distance', higherIsBetter: false, rawRange: [0, Infinity] });
    expect(euclid.scoreRange).toEqual([-Infinity, 0]);
    expect(euclid.normalizedScoreRange).toEqual([-2, 0]);
    expect(similarityFor('cosine')).toMatchObject({ kind: 'similarity', higherIsBetter: true, scoreRange: [-1, 1] });
    expect(similarityFor('manhattan').normalizedScoreRange).toBeNull();
  });

  it('an identical pair scores +0, not -0, and scores convert back to raw values', () => {
    expect(Object.is(similarityFor('euclidean').score(a, a), 0)).toBe(true);
    for (const metric of metricNames) {
      const s = similarityFor(metric);
      expect(s.fromScore(s.toScore(0.25))).toBe(0.25);
    }
    expect(similarityFor('manhattan').fromScore(-1.5)).toBe(1.5);
  });

  it('rejects unknown metrics', () => {
    expect(isMetric('cosine')).toBe(true);
    expect(isMetric('hamming')).toBe(false);
    expect(codeOf(() => similarityFor('hamming' as Metric))).toBe('INVALID_ARGUMENT');
  });
});
