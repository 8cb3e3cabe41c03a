import { describe, expect, it } from 'vitest';
import { detPoints } from './det.js';

// genuine 0.4 0.6 0.7 0.8 0.9, impostor 0.1 0.2 0.3 0.5 0.6 (full table in roc.test.ts)
const genuine = [0.4, 0.6, 0.7, 0.8, 0.9];
const impostor = [0.1, 0.2, 0.3, 0.5, 0.6];

describe('detPoints', () => {
  it('drops points with a zero rate by default (they have no place on a log axis)', () => {
    // only t=0.5 (FAR 0.4, FRR 0.2) and t=0.6 (FAR 0.2, FRR 0.2) have both rates > 0
    const points = detPoints(genuine, impostor);
    expect(points.map((p) => p.threshold)).toEqual([0.5, 0.6]);
    expect(points[0]!.far).toBeCloseTo(0.4, 12);
    expect(points[0]!.frr).toBeCloseTo(0.2, 12);
    expect(points[1]!.far).toBeCloseTo(0.2, 12);
  });

  it('with a floor, keeps every point and replaces zeros', () => {
    const points = detPoints(genuine, impostor, { floor: 0.01 });
    expect(points).toHaveLength(10);
    expect(points[0]).toMatchObject({ threshold: 0.1, far: 1, frr: 0.01 });
    expect(points[9]).toMatchObject({ far: 0.01, frr: 1 });
  });
});
