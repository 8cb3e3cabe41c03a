/**
 * Turning an exact operating point into a threshold worth storing. With the
 * rule "accept when score >= t", every threshold in (s, t], where s is the
 * highest score below t, makes the same decisions on the measured pairs. The
 * middle of that range keeps a margin on both sides for new photos, and a
 * short decimal inside it is easier to read than a raw score.
 */
import type { Scores } from './scores.js';

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
