import { describe, expect, it } from 'vitest';
import { codeOf } from '../../../test/support/user-errors.js';
import { l2Normalize, validateEmbedding } from './normalize.js';

const v = (...values: number[]): Float32Array => Float32Array.from(values);

describe('l2Normalize', () => {
  it('(3, 4) has norm 5 and becomes (0.6, 0.8), in a new array', () => {
    const input = v(3, 4);
    const { vector, norm } = l2Normalize(input);
    expect(norm).toBeCloseTo(5, 12);
    expect(vector[0]).toBeCloseTo(0.6, 6);
    expect(vector[1]).toBeCloseTo(0.8, 6);
    expect(vector).not.toBe(input);
    expect(Array.from(input)).toEqual([3, 4]);
  });

  it('zero, empty and non-finite vectors -> INVALID_ARGUMENT', () => {
    expect(codeOf(() => l2Normalize(v(0, 0)))).toBe('INVALID_ARGUMENT');
    expect(codeOf(() => l2Normalize(v()))).toBe('INVALID_ARGUMENT');
    expect(codeOf(() => l2Normalize(v(1, NaN)))).toBe('INVALID_ARGUMENT');
    expect(codeOf(() => l2Normalize(v(Infinity, 1)))).toBe('INVALID_ARGUMENT');
  });
});

describe('validateEmbedding', () => {
  it('a good unit vector is ok', () => {
    const report = validateEmbedding(v(0.6, 0.8), 2, { unitNorm: true });
    expect(report).toMatchObject({ dim: 2, finite: true, ok: true, problems: [] });
    expect(report.norm).toBeCloseTo(1, 6);
  });

  it('reports a wrong dimension', () => {
    const report = validateEmbedding(v(3, 4), 512);
    expect(report.ok).toBe(false);
    expect(report.norm).toBeCloseTo(5, 12);
    expect(report.problems).toEqual(['Dimension is 2, expected 512.']);
  });

  it('reports non-finite values', () => {
    const report = validateEmbedding(v(1, NaN, Infinity), 3);
    expect(report).toMatchObject({ finite: false, nonFiniteCount: 2, ok: false });
    expect(report.problems[0]).toMatch(/2 values are not a finite number \(first at index 1: NaN\)/);
  });

  it('reports zero and empty vectors', () => {
    expect(validateEmbedding(v(0, 0), 2).problems).toEqual(['The embedding is all zeros (norm 0).']);
    expect(validateEmbedding(v(), 2).problems).toHaveLength(2);
  });

  it('checks the norm only when asked', () => {
    expect(validateEmbedding(v(3, 4), 2).ok).toBe(true);
    const report = validateEmbedding(v(3, 4), 2, { unitNorm: true });
    expect(report.ok).toBe(false);
    expect(report.problems[0]).toMatch(/Norm is 5\.00000, expected 1/);
    expect(validateEmbedding(v(0.6, 0.8005), 2, { unitNorm: true, normTolerance: 0.01 }).ok).toBe(true);
  });

  it('accepts plain arrays, e.g. parsed JSON', () => {
    expect(validateEmbedding([0.6, 0.8], 2).ok).toBe(true);
    expect(validateEmbedding([0.6, null as unknown as number], 2).finite).toBe(false);
  });
});
