import { describe, expect, it } from 'vitest';
import { bestAccuracyThreshold } from './accuracy.js';

describe('bestAccuracyThreshold', () => {
  it('hand-made set: ties go to the higher threshold', () => {
    // genuine 0.4 0.6 0.7 0.8 0.9, impostor 0.1 0.2 0.3 0.5 0.6 (table in roc.test.ts)
    // correct = (5 - FR) + (5 - FA):
    //   0.1: 5   0.2: 6   0.3: 7   0.4: 8   0.5: 7   0.6: 8   0.7: 8   0.8: 7   0.9: 6   >0.9: 5
    // best 8/10 at 0.4, 0.6 and 0.7 -> 0.7 (fewest false accepts: FAR 0, FRR 0.4)
    const r = bestAccuracyThreshold([0.4, 0.6, 0.7, 0.8, 0.9], [0.1, 0.2, 0.3, 0.5, 0.6]);
    expect(r.threshold).toBe(0.7);
    expect(r.accuracy).toBeCloseTo(0.8, 12);
    expect(r.far).toBe(0);
    expect(r.frr).toBeCloseTo(0.4, 12);
    expect(r.tar).toBeCloseTo(0.6, 12);
  });

  it('balanced accuracy weighs both classes equally', () => {
    // genuine 0.5 0.9; impostor 0.1 0.2 0.3 0.4 0.6 0.7 0.8 0.95
    // plain: reject all = 8/10 correct; t=0.5: 2 + 4 = 6/10 -> "reject all" wins.
    // balanced: t=0.5 -> (TAR 1 + TRR 4/8) / 2 = 0.75; reject all -> (0 + 1) / 2 = 0.5;
    //           t=0.9 -> (1/2 + 7/8) / 2 = 0.6875 -> 0.5 wins.
    const genuine = [0.5, 0.9];
    const impostor = [0.1, 0.2, 0.3, 0.4, 0.6, 0.7, 0.8, 0.95];
    const plain = bestAccuracyThreshold(genuine, impostor);
    expect(plain.accuracy).toBeCloseTo(0.8, 12);
    expect(plain.tar).toBe(0);
    const balanced = bestAccuracyThreshold(genuine, impostor, { balanced: true });
    expect(balanced.threshold).toBe(0.5);
    expect(balanced.accuracy).toBeCloseTo(0.75, 12);
  });

  it('perfect separation', () => {
    expect(bestAccuracyThreshold([0.8, 0.9], [0.1, 0.2])).toMatchObject({ threshold: 0.8, accuracy: 1, far: 0, frr: 0 });
  });
});
