/** Detection error tradeoff points, for plotting FRR against FAR on log axes. */
import type { Scores } from './scores.js';
import { sweep } from './sweep.js';

export interface DetPoint {
  readonly threshold: number;
  readonly far: number;
  readonly frr: number;
}

export interface DetOptions {
  /**
   * A rate of 0 cannot be drawn on a log axis. Without `floor` such points are
   * left out; with it, zero rates are replaced by `floor` (e.g. 0.5 / n).
   */
  readonly floor?: number;
}

/** The exact operating points (see `rocCurve`) as (FAR, FRR), by ascending threshold. */
export const detPoints = (genuine: Scores, impostor: Scores, options: DetOptions = {}): DetPoint[] => {
  const s = sweep(genuine, impostor);
  const { floor } = options;
  const points: DetPoint[] = [];
  for (let k = 0; k < s.thresholds.length; k++) {
    let far = s.falseAccepts[k]! / s.impostorCount;
    let frr = s.falseRejects[k]! / s.genuineCount;
    if (far === 0 || frr === 0) {
      if (floor === undefined) continue;
      if (far === 0) far = floor;
      if (frr === 0) frr = floor;
    }
    points.push({ threshold: s.thresholds[k]!, far, frr });
  }
  return points;
};
