/** The threshold with the most correct decisions. */
import type { Scores } from './scores.js';
import { sweep } from './sweep.js';

export interface BestAccuracy {
  readonly threshold: number;
  /** Plain: (genuine accepted + impostors rejected) / (nG + nI). Balanced: (TAR + (1 - FAR)) / 2. */
  readonly accuracy: number;
  readonly far: number;
  readonly frr: number;
  readonly tar: number;
}

export interface BestAccuracyOptions {
  /**
   * Weigh both classes equally, (TAR + 1 - FAR) / 2. Plain accuracy is
   * dominated by impostor comparisons, which usually far outnumber genuine ones.
   */
  readonly balanced?: boolean;
}

/**
 * Searches the exact operating points (see `rocCurve`). Ties go to the higher
 * threshold, i.e. the fewer false accepts.
 */
export const bestAccuracyThreshold = (
  genuine: Scores,
  impostor: Scores,
  options: BestAccuracyOptions = {},
): BestAccuracy => {
  const s = sweep(genuine, impostor);
  const nG = s.genuineCount;
  const nI = s.impostorCount;
  const balanced = options.balanced === true;
  // Compared as exact integers (counts cross-multiplied), so ties are real ties.
  const numerator = (k: number): number => {
    const accepted = nG - s.falseRejects[k]!;
    const rejected = nI - s.falseAccepts[k]!;
    return balanced ? accepted * nI + rejected * nG : accepted + rejected;
  };
  let best = 0;
  let bestNumerator = -Infinity;
  for (let k = 0; k < s.thresholds.length; k++) {
    const value = numerator(k);
    if (value >= bestNumerator) {
      best = k;
      bestNumerator = value;
    }
  }
  return {
    threshold: s.thresholds[best]!,
    accuracy: balanced ? bestNumerator / (2 * nG * nI) : bestNumerator / (nG + nI),
    far: s.falseAccepts[best]! / nI,
    frr: s.falseRejects[best]! / nG,
    tar: (nG - s.falseRejects[best]!) / nG,
  };
};
