/**
 * An exact ROC or DET curve has one point per distinct score: thousands for a
 * few hundred photos. Most lie on horizontal or vertical runs (only impostor,
 * or only genuine, scores at those thresholds). Dropping the inner points of a
 * straight run loses nothing for drawing or for the area under the curve.
 */

/**
 * Keeps the first and last points and every point where the direction of
 * (x, y) changes; points equal to the previous kept one are dropped. Works on
 * any 2-D polyline, e.g. ROC (far, tar) or DET (far, frr).
 */
export const cornerPoints = <T>(points: readonly T[], x: (p: T) => number, y: (p: T) => number): T[] => {
  if (points.length <= 2) return [...points];
  const kept: T[] = [points[0]!];
  for (let k = 1; k < points.length - 1; k++) {
    const a = kept[kept.length - 1]!;
    const b = points[k]!;
    const c = points[k + 1]!;
    const abx = x(b) - x(a);
    const aby = y(b) - y(a);
    if (abx === 0 && aby === 0) continue;
    const bcx = x(c) - x(b);
    const bcy = y(c) - y(b);
    // b is on the straight segment a-c (same direction) when the cross product is 0 and the dot product >= 0.
    const cross = abx * bcy - aby * bcx;
    const dot = abx * bcx + aby * bcy;
    if (Math.abs(cross) <= 1e-12 * (Math.abs(abx * bcy) + Math.abs(aby * bcx)) && dot >= 0) continue;
    kept.push(b);
  }
  const last = points[points.length - 1]!;
  const before = kept[kept.length - 1]!;
  if (kept.length === 1 || x(last) !== x(before) || y(last) !== y(before)) kept.push(last);
  return kept;
};
