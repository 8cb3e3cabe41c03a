/** Operating at a target false accept rate. */
import {
  allowedFalseAccepts,
  assertScores,
  assertTargetFar,
  nextUp,
  sortedAscending,
  type Scores,
} from './scores.js';
import { sweep } from './sweep.js';

/**
 * The lowest threshold whose FAR on `impostor` is <= targetFar (accept when
 * score >= threshold). With k = floor(targetFar * n) false accepts allowed, it
 * is the smallest double above the (k+1)-th highest impostor score, so any
 * genuine score above that impostor score is accepted. When k >= n (target 1)
 * it is the lowest impostor score.
 */
export const thresholdForFar = (impostor: Scores, targetFar: number): number => {
  assertScores('impostor', impostor);
  assertTargetFar(targetFar);
  const sorted = sortedAscending(impostor);
  const n = sorted.length;
  const k = allowedFalseAccepts(targetFar, n);
  if (k >= n) return sorted[0]!;
  return nextUp(sorted[n - 1 - k]!);
};

export interface TarAtFar {
  readonly targetFar: number;
  /** The highest TAR among thresholds with FAR <= targetFar. */
  readonly tar: number;
  /** The lowest such threshold: a score value, or just above the highest score when only "reject all" qualifies. */
  readonly threshold: number;
  /** FAR at that threshold (<= targetFar). */
  readonly achievedFar: number;
  /** impostor count >= 1 / targetFar: otherwise a single false accept already exceeds the target, and the estimate means little. */
  readonly sufficient: boolean;
  /** ceil(1 / targetFar): the impostor count needed for `sufficient`. */
  readonly minImpostors: number;
}

/**
 * TAR at a FAR target. The threshold is chosen among the exact operating
 * points (see `rocCurve`): the lowest one whose FAR is <= targetFar. It gives
 * the same TAR and FAR as `thresholdForFar(impostor, targetFar)` but is a
 * readable score value whenever possible.
 */
export const tarAtFar = (genuine: Scores, impostor: Scores, targetFar: number): TarAtFar => {
  assertTargetFar(targetFar);
  const s = sweep(genuine, impostor);
  const k = allowedFalseAccepts(targetFar, s.impostorCount);
  // falseAccepts is non-increasing and ends at 0, so a binary search finds the first index with <= k.
  let lo = 0;
  let hi = s.thresholds.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (s.falseAccepts[mid]! <= k) hi = mid;
    else lo = mid + 1;
  }
  const minImpostors = Math.ceil(1 / targetFar - 1e-9);
  return {
    targetFar,
    tar: (s.genuineCount - s.falseRejects[lo]!) / s.genuineCount,
    threshold: s.thresholds[lo]!,
    achievedFar: s.falseAccepts[lo]! / s.impostorCount,
    sufficient: s.impostorCount * targetFar >= 1 - 1e-9,
    minImpostors,
  };
};
