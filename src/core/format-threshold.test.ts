import { describe, expect, it } from 'vitest';
import { formatThreshold } from './format-threshold.js';

describe('formatThreshold', () => {
  it('shows the value itself: at least 2 decimals, up to 4', () => {
    expect(formatThreshold(0.35)).toBe('0.35');
    expect(formatThreshold(0.318)).toBe('0.318');
    expect(formatThreshold(0.3728)).toBe('0.3728');
    expect(formatThreshold(0.31902345)).toBe('0.3190');
    expect(formatThreshold(1)).toBe('1.00');
    expect(formatThreshold(-0.25)).toBe('-0.25');
  });
});
