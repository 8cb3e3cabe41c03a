import { describe, expect, it } from 'vitest';
import { auc } from './auc.js';
import { cornerPoints } from './curve-corners.js';
import { rocCurve } from './roc.js';

type P = { x: number; y: number };
const xy = (points: readonly (readonly [number, number])[]): P[] => points.map(([x, y]) => ({ x, y }));
const corners = (points: P[]): P[] => cornerPoints(points, (p) => p.x, (p) => p.y);

/** Trapezoidal area under (far, tar) points sorted by descending far. */
const area = (points: readonly { far: number; tar: number }[]): number => {
  let sum = 0;
  for (let k = 1; k < points.length; k++) {
    const a = points[k - 1]!;
    const b = points[k]!;
    sum += ((a.far - b.far) * (a.tar + b.tar)) / 2;
  }
  return sum;
};

describe('cornerPoints', () => {
  it('drops the inner points of straight runs and repeated points', () => {
    expect(corners(xy([[1, 1], [0.5, 1], [0.25, 1], [0, 1], [0, 0.5], [0, 0.5], [0, 0]]))).toEqual(
      xy([[1, 1], [0, 1], [0, 0]]),
    );
    // A diagonal run (tied scores) is one segment too.
    expect(corners(xy([[1, 1], [0.75, 0.75], [0.5, 0.5], [0.5, 0]]))).toEqual(xy([[1, 1], [0.5, 0.5], [0.5, 0]]));
  });

  it('keeps short inputs and turning points', () => {
    expect(corners(xy([[0, 0]]))).toEqual(xy([[0, 0]]));
    expect(corners(xy([[1, 1], [0, 0]]))).toEqual(xy([[1, 1], [0, 0]]));
    expect(corners(xy([[1, 1], [0.5, 1], [0.5, 0.5], [0, 0.5], [0, 0]]))).toEqual(
      xy([[1, 1], [0.5, 1], [0.5, 0.5], [0, 0.5], [0, 0]]),
    );
  });

  it('keeps the area under an exact ROC curve', () => {
    const genuine = [0.9, 0.8, 0.8, 0.7, 0.4, 0.35, 0.6];
    const impostor = [0.1, 0.2, 0.35, 0.5, 0.05, 0.3, 0.2, 0.0, 0.45];
    const roc = rocCurve(genuine, impostor);
    const kept = cornerPoints(roc, (p) => p.far, (p) => p.tar);
    expect(kept.length).toBeLessThan(roc.length);
    expect(area(kept)).toBeCloseTo(auc(genuine, impostor), 12);
    expect(kept[0]).toEqual(roc[0]);
    expect(kept.at(-1)).toEqual(roc.at(-1));
  });
});
