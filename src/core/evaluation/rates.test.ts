import { describe, expect, it } from 'vitest';
import { UserError } from '../errors.js';
import { ratesAt } from './rates.js';

const genuine = [0.4, 0.6, 0.7, 0.8, 0.9];
const impostor = [0.1, 0.2, 0.3, 0.5, 0.6];

describe('ratesAt (score >= threshold accepts)', () => {
  it('between scores', () => {
    // t = 0.55: impostors >= t: 0.6 -> FAR 1/5; genuine < t: 0.4 -> FRR 1/5
    // accuracy = (4 genuine accepted + 4 impostors rejected) / 10 = 0.8
    expect(ratesAt(genuine, impostor, 0.55)).toEqual({
      threshold: 0.55,
      far: 0.2,
      frr: 0.2,
      tar: 0.8,
      accuracy: 0.8,
      falseAccepts: 1,
      falseRejects: 1,
      genuineCount: 5,
      impostorCount: 5,
    });
  });

  it('a score equal to the threshold is accepted', () => {
    // t = 0.5: impostors 0.5 and 0.6 accepted -> FAR 0.4; genuine 0.4 rejected -> FRR 0.2
    // accuracy = (4 + 3) / 10 = 0.7
    const r = ratesAt(genuine, impostor, 0.5);
    expect(r.far).toBeCloseTo(0.4, 12);
    expect(r.frr).toBeCloseTo(0.2, 12);
    expect(r.accuracy).toBeCloseTo(0.7, 12);
  });

  it('extreme thresholds', () => {
    expect(ratesAt(genuine, impostor, -Infinity)).toMatchObject({ far: 1, frr: 0, tar: 1 });
    expect(ratesAt(genuine, impostor, 2)).toMatchObject({ far: 0, frr: 1, tar: 0 });
  });

  it('rejects a NaN threshold and bad scores', () => {
    expect(() => ratesAt(genuine, impostor, NaN)).toThrow(UserError);
    expect(() => ratesAt([NaN], impostor, 0.5)).toThrow(/genuine score at index 0/);
  });
});
