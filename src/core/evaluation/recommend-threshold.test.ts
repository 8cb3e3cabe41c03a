import { describe, expect, it } from 'vitest';
import { ratesAt } from './rates.js';
import { readableThreshold, sameDecisionRange } from './recommend-threshold.js';

describe('sameDecisionRange', () => {
  it('is (highest score below the threshold, threshold]', () => {
    expect(sameDecisionRange(0.63, [0.8, 0.63], [0.29, 0.1, 0.7])).toEqual({ above: 0.29, atMost: 0.63 });
    expect(sameDecisionRange(0.1, [0.8], [0.1, 0.2])).toEqual({ above: null, atMost: 0.1 });
  });
});

describe('readableThreshold', () => {
  it('takes the middle of the range with the fewest decimals that stay inside', () => {
    expect(readableThreshold({ above: 0.29, atMost: 0.6323 })).toBe(0.46);
    expect(readableThreshold({ above: 0.3201, atMost: 0.3202 })).toBe(0.3202); // the middle, 0.32015, rounds to the top end
    expect(readableThreshold({ above: 0.32015, atMost: 0.320152 })).toBe(0.320151);
  });

  it('falls back to the exact threshold when the range is too narrow, and rounds down without a lower bound', () => {
    expect(readableThreshold({ above: 0.3200001, atMost: 0.3200002 })).toBe(0.3200002);
    expect(readableThreshold({ above: null, atMost: 0.1234 })).toBe(0.12);
  });

  it('makes the same decisions as the exact threshold', () => {
    const genuine = [0.9, 0.7, 0.6323, 0.5];
    const impostor = [0.29, 0.55, 0.1];
    const range = sameDecisionRange(0.6323, genuine, impostor);
    const value = readableThreshold(range);
    expect(value).toBe(0.59);
    expect(ratesAt(genuine, impostor, value)).toEqual({ ...ratesAt(genuine, impostor, 0.6323), threshold: value });
  });
});
