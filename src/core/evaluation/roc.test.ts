import { describe, expect, it } from 'vitest';
import { UserError } from '../errors.js';
import { auc } from './auc.js';
import { mulberry32 } from './prng.js';
import { ratesAt } from './rates.js';
import { rocCurve } from './roc.js';
import { nextUp } from './scores.js';

// Hand-made set (5 genuine, 5 impostor, one tie at 0.6). Accept when score >= t.
//   genuine  = 0.4 0.6 0.7 0.8 0.9
//   impostor = 0.1 0.2 0.3 0.5 0.6
//   t     FA (imp >= t)  FR (gen < t)  FAR  FRR
//   0.1   5              0             1.0  0.0
//   0.2   4              0             0.8  0.0
//   0.3   3              0             0.6  0.0
//   0.4   2              0             0.4  0.0
//   0.5   2              1             0.4  0.2
//   0.6   1              1             0.2  0.2
//   0.7   0              2             0.0  0.4
//   0.8   0              3             0.0  0.6
//   0.9   0              4             0.0  0.8
//   >0.9  0              5             0.0  1.0   ("reject all", nextUp(0.9))
const genuine = [0.9, 0.4, 0.8, 0.6, 0.7];
const impostor = [0.5, 0.1, 0.6, 0.3, 0.2];

describe('rocCurve', () => {
  it('has one exact point per distinct score plus "reject all"', () => {
    const points = rocCurve(genuine, impostor);
    expect(points.map((p) => p.threshold)).toEqual([0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, nextUp(0.9)]);
    const far = [1, 0.8, 0.6, 0.4, 0.4, 0.2, 0, 0, 0, 0];
    const frr = [0, 0, 0, 0, 0.2, 0.2, 0.4, 0.6, 0.8, 1];
    points.forEach((p, k) => {
      expect(p.far).toBeCloseTo(far[k]!, 12);
      expect(p.frr).toBeCloseTo(frr[k]!, 12);
      expect(p.tar).toBeCloseTo(1 - frr[k]!, 12);
    });
  });

  it('agrees with ratesAt at every threshold on random data with ties', () => {
    const random = mulberry32(7);
    const g = Array.from({ length: 200 }, () => Math.round((0.5 + 0.3 * random()) * 100) / 100);
    const i = Array.from({ length: 300 }, () => Math.round(0.6 * random() * 100) / 100);
    const points = rocCurve(g, i);
    expect(points.length).toBe(new Set([...g, ...i]).size + 1);
    for (const p of points) {
      const r = ratesAt(g, i, p.threshold);
      expect(p.far).toBe(r.far);
      expect(p.frr).toBe(r.frr);
    }
    for (let k = 1; k < points.length; k++) {
      expect(points[k]!.threshold).toBeGreaterThan(points[k - 1]!.threshold);
      expect(points[k]!.far).toBeLessThanOrEqual(points[k - 1]!.far);
      expect(points[k]!.frr).toBeGreaterThanOrEqual(points[k - 1]!.frr);
    }
  });

  it('trapezoidal area under it equals the Mann-Whitney AUC', () => {
    const random = mulberry32(11);
    const g = Array.from({ length: 150 }, () => Math.round(random() * 40) / 40 + 0.2);
    const i = Array.from({ length: 250 }, () => Math.round(random() * 40) / 40);
    const points = rocCurve(g, i);
    let area = 0;
    for (let k = 1; k < points.length; k++) {
      const a = points[k - 1]!;
      const b = points[k]!;
      area += ((a.far - b.far) * (a.tar + b.tar)) / 2;
    }
    expect(area).toBeCloseTo(auc(g, i), 12);
  });

  it('needs both score sets', () => {
    expect(() => rocCurve([], impostor)).toThrow(UserError);
    expect(() => rocCurve(genuine, [])).toThrow(/impostor/);
  });
});
