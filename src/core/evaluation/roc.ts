/** The ROC curve, exact (no binning). */
import type { Scores } from './scores.js';
import { sweep } from './sweep.js';

export interface RocPoint {
  /** Accept when score >= threshold. */
  readonly threshold: number;
  /** False accept rate: impostor scores >= threshold / impostor count. */
  readonly far: number;
  /** False reject rate: genuine scores < threshold / genuine count. */
  readonly frr: number;
  /** True accept rate, 1 - FRR. */
  readonly tar: number;
}

/**
 * One point per distinct score, by ascending threshold (so FAR falls and FRR
 * rises along the array), plus a final "reject all" point just above the
 * highest score (FAR 0, TAR 0). The first point accepts everything (FAR 1,
 * TAR 1). O(n log n).
 */
export const rocCurve = (genuine: Scores, impostor: Scores): RocPoint[] => {
  const s = sweep(genuine, impostor);
  const points: RocPoint[] = new Array<RocPoint>(s.thresholds.length);
  for (let k = 0; k < s.thresholds.length; k++) {
    const fr = s.falseRejects[k]!;
    points[k] = {
      threshold: s.thresholds[k]!,
      far: s.falseAccepts[k]! / s.impostorCount,
      frr: fr / s.genuineCount,
      tar: (s.genuineCount - fr) / s.genuineCount,
    };
  }
  return points;
};
