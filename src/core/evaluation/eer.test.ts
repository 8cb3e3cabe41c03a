import { describe, expect, it } from 'vitest';
import { eer } from './eer.js';
import { nextUp } from './scores.js';

describe('eer', () => {
  it('curves that cross exactly', () => {
    // genuine 0.4 0.6 0.7 0.8 0.9, impostor 0.1 0.2 0.3 0.5 0.6 (see roc.test.ts for the full table)
    //   t=0.5: FAR 0.4, FRR 0.2;  t=0.6: FAR 0.2, FRR 0.2 (|FAR - FRR| = 0);  t=0.7: FAR 0, FRR 0.4
    //   => eer = 0.2 at threshold 0.6
    const r = eer([0.4, 0.6, 0.7, 0.8, 0.9], [0.1, 0.2, 0.3, 0.5, 0.6]);
    expect(r.threshold).toBe(0.6);
    expect(r.eer).toBeCloseTo(0.2, 12);
    expect(r.far).toBeCloseTo(0.2, 12);
    expect(r.frr).toBeCloseTo(0.2, 12);
  });

  it('curves that never meet: min |FAR - FRR|, ties to the smaller (FAR + FRR) / 2', () => {
    // genuine 0.5 0.9 (nG = 2), impostor 0.1 0.6 0.7 (nI = 3)
    //   t     FAR   FRR   |FAR-FRR|  (FAR+FRR)/2
    //   0.1   1     0     1
    //   0.5   2/3   0     2/3
    //   0.6   2/3   1/2   1/6        7/12
    //   0.7   1/3   1/2   1/6        5/12   <- tie on the gap, smaller eer wins
    //   0.9   0     1/2   1/2
    //   >0.9  0     1     1
    const r = eer([0.9, 0.5], [0.7, 0.1, 0.6]);
    expect(r.threshold).toBe(0.7);
    expect(r.eer).toBeCloseTo(5 / 12, 12);
    expect(r.far).toBeCloseTo(1 / 3, 12);
    expect(r.frr).toBeCloseTo(1 / 2, 12);
  });

  it('perfect separation gives 0 at the lowest genuine score', () => {
    // genuine 0.7 0.8, impostor 0.1 0.2: at t=0.7 FAR = FRR = 0
    expect(eer([0.8, 0.7], [0.2, 0.1])).toEqual({ eer: 0, threshold: 0.7, far: 0, frr: 0 });
  });

  it('identical scores: FAR 1 / FRR 0 at the score ties with "reject all"; the lower threshold wins', () => {
    const r = eer([0.5], [0.5]);
    expect(r).toEqual({ eer: 0.5, threshold: 0.5, far: 1, frr: 0 });
    expect(r.threshold).toBeLessThan(nextUp(0.5));
  });
});
