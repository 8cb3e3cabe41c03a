/**
 * Turning an exact operating point into a threshold worth storing. With the
 * rule "accept when score >= t", every threshold in (s, t], where s is the
 * highest score below t, makes the same decisions on the measured pairs. The
 * middle of that range keeps a margin on both sides for new photos, and a
 * short decimal inside it is easier to read than a raw score.
 */
import { ratesAt } from './rates.js';
import type { Scores } from './scores.js';
import type { VerificationSummary } from './verification.js';

export interface ThresholdRange {
  /** The highest measured score below `atMost` (exclusive bound); null when there is none. */
  readonly above: number | null;
  /** The exact operating threshold (inclusive bound). */
  readonly atMost: number;
}

/** The thresholds that decide every measured pair exactly as `threshold` does. */
export const sameDecisionRange = (threshold: number, ...scoreSets: readonly Scores[]): ThresholdRange => {
  let above = -Infinity;
  for (const scores of scoreSets) {
    for (let i = 0; i < scores.length; i++) {
      const s = scores[i]!;
      if (s < threshold && s > above) above = s;
    }
  }
  return { above: above === -Infinity ? null : above, atMost: threshold };
};

const roundTo = (x: number, decimals: number, mode: 'nearest' | 'down'): number => {
  const scale = 10 ** decimals;
  const scaled = mode === 'nearest' ? Math.round(x * scale) : Math.floor(x * scale);
  return Number((scaled / scale).toFixed(decimals));
};

/**
 * A value inside (above, atMost]: the middle of the range rounded to the
 * fewest decimals (2 to 6) that stay inside it, or `atMost` itself when the
 * range is narrower than that. Without a lower bound, `atMost` rounded down.
 */
export const readableThreshold = (range: ThresholdRange): number => {
  const { above, atMost } = range;
  for (let decimals = 2; decimals <= 6; decimals++) {
    const value = above === null ? roundTo(atMost, decimals, 'down') : roundTo((above + atMost) / 2, decimals, 'nearest');
    if (value <= atMost && (above === null || value > above)) return value;
  }
  return atMost;
};

export interface RecommendedThreshold {
  /**
   * The value to store in the config: the middle of `range`, rounded to the
   * fewest decimals that stay inside it (see `readableThreshold`).
   */
  readonly threshold: number;
  /** The exact operating point it came from: the EER threshold, or the target FAR's threshold. */
  readonly exact: number;
  /** Every threshold above `range.above` and at most `range.atMost` (= exact) decides the measured pairs alike. */
  readonly range: ThresholdRange;
  readonly basis: 'eer' | 'target-far';
  /** Rates at `threshold` (the same as at `exact`). */
  readonly far: number;
  readonly frr: number;
  readonly note: string;
}

/**
 * The threshold to recommend for the measured scores: from the EER threshold,
 * or from the target FAR's threshold when the summary has one.
 */
export const recommendThreshold = (
  verification: Pick<VerificationSummary, 'eerThreshold' | 'targetFar'>,
  genuineScores: Scores,
  impostorScores: Scores,
): RecommendedThreshold => {
  const target = verification.targetFar;
  const exact = target === null ? verification.eerThreshold : target.threshold;
  const range = sameDecisionRange(exact, genuineScores, impostorScores);
  const readable = readableThreshold(range);
  const atRounded = ratesAt(genuineScores, impostorScores, readable);
  return {
    threshold: readable,
    exact,
    range,
    basis: target === null ? 'eer' : 'target-far',
    far: atRounded.far,
    frr: atRounded.frr,
    note:
      (target === null
        ? 'the equal error rate threshold (FAR = FRR)'
        : `the lowest threshold with FAR <= ${target.targetFar}${target.note === null ? '' : ` (${target.note})`}`) +
      `; every threshold above ${range.above === null ? 'the lowest score' : range.above.toFixed(4)} and up to ${exact.toFixed(4)} decides these pairs alike, ` +
      'this is the middle of that range, rounded; measured on these photos, so expect somewhat worse rates on new ones',
  };
};
