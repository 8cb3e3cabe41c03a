/** Summary statistics of one score set. */
import { assertScores, sortedAscending, type Scores } from './scores.js';

export interface ScoreStats {
  readonly count: number;
  readonly mean: number;
  /** Population standard deviation (divides by n, not n - 1). */
  readonly std: number;
  readonly min: number;
  readonly max: number;
  /** Middle value; the mean of the two middle values for an even count. */
  readonly median: number;
}

/** Mean and population variance (two passes, for accuracy). Expects validated, non-empty input. */
export const meanAndVariance = (scores: Scores): { mean: number; variance: number } => {
  const n = scores.length;
  let sum = 0;
  for (let i = 0; i < n; i++) sum += scores[i]!;
  const mean = sum / n;
  let squares = 0;
  for (let i = 0; i < n; i++) {
    const d = scores[i]! - mean;
    squares += d * d;
  }
  return { mean, variance: squares / n };
};

/** Throws INVALID_ARGUMENT for an empty set or a non-finite score. */
export const scoreStats = (scores: Scores): ScoreStats => {
  assertScores('input', scores);
  const { mean, variance } = meanAndVariance(scores);
  const sorted = sortedAscending(scores);
  const n = sorted.length;
  const mid = n >> 1;
  const median = n % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
  return { count: n, mean, std: Math.sqrt(variance), min: sorted[0]!, max: sorted[n - 1]!, median };
};
