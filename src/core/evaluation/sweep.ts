/**
 * The exact error counts at every candidate threshold, shared by the ROC, DET,
 * EER, TAR@FAR and best-accuracy functions. Decision rule: score >= threshold
 * is accept.
 *
 * Candidate thresholds are every distinct score (genuine or impostor), in
 * ascending order, followed by one "reject all" threshold just above the
 * highest score (`nextUp(max)`: finite, so results survive JSON). Between two
 * adjacent candidates no count changes, so this is the whole curve.
 * Cost: two sorts plus one merge, O(n log n).
 */
import { nextUp, sortedScorePair, type Scores } from './scores.js';

export interface Sweep {
  readonly genuineCount: number;
  readonly impostorCount: number;
  /** Ascending; the last one rejects everything. */
  readonly thresholds: Float64Array;
  /** falseAccepts[k]: impostor scores >= thresholds[k] (non-increasing). */
  readonly falseAccepts: Float64Array;
  /** falseRejects[k]: genuine scores < thresholds[k] (non-decreasing). */
  readonly falseRejects: Float64Array;
}

export const sweep = (genuine: Scores, impostor: Scores): Sweep => {
  const { genuine: g, impostor: im } = sortedScorePair(genuine, impostor);
  const nG = g.length;
  const nI = im.length;
  const capacity = nG + nI + 1;
  const thresholds = new Float64Array(capacity);
  const falseAccepts = new Float64Array(capacity);
  const falseRejects = new Float64Array(capacity);
  let pg = 0;
  let pi = 0;
  let m = 0;
  while (pg < nG || pi < nI) {
    const v = Math.min(pg < nG ? g[pg]! : Infinity, pi < nI ? im[pi]! : Infinity);
    thresholds[m] = v;
    falseRejects[m] = pg; // genuine scores < v
    falseAccepts[m] = nI - pi; // impostor scores >= v
    m++;
    while (pg < nG && g[pg] === v) pg++;
    while (pi < nI && im[pi] === v) pi++;
  }
  thresholds[m] = nextUp(Math.max(g[nG - 1]!, im[nI - 1]!));
  falseRejects[m] = nG;
  falseAccepts[m] = 0;
  m++;
  return {
    genuineCount: nG,
    impostorCount: nI,
    thresholds: thresholds.subarray(0, m),
    falseAccepts: falseAccepts.subarray(0, m),
    falseRejects: falseRejects.subarray(0, m),
  };
};
