/** Equal error rate. */
import type { Scores } from './scores.js';
import { sweep } from './sweep.js';

export interface EerResult {
  /** (FAR + FRR) / 2 at the chosen threshold. */
  readonly eer: number;
  readonly threshold: number;
  readonly far: number;
  readonly frr: number;
}

/**
 * The point where FAR and FRR cross, without interpolation: among the exact
 * operating points (every distinct score, plus "reject all"; see `rocCurve`)
 * take the threshold minimising |FAR - FRR| and report
 * eer = (FAR + FRR) / 2 there. Ties go to the smaller eer, then to the lower
 * threshold. When the curves cross exactly, eer = FAR = FRR.
 */
export const eer = (genuine: Scores, impostor: Scores): EerResult => {
  const s = sweep(genuine, impostor);
  const nG = s.genuineCount;
  const nI = s.impostorCount;
  let best = 0;
  let bestGap = Infinity;
  let bestEer = Infinity;
  for (let k = 0; k < s.thresholds.length; k++) {
    // FAR and FRR scaled by nG * nI: exact integers, so ties are real ties.
    const farScaled = s.falseAccepts[k]! * nG;
    const frrScaled = s.falseRejects[k]! * nI;
    const gap = Math.abs(farScaled - frrScaled);
    const value = farScaled + frrScaled;
    if (gap < bestGap || (gap === bestGap && value < bestEer)) {
      best = k;
      bestGap = gap;
      bestEer = value;
    }
  }
  const far = s.falseAccepts[best]! / nI;
  const frr = s.falseRejects[best]! / nG;
  return { eer: (far + frr) / 2, threshold: s.thresholds[best]!, far, frr };
};
