/** Decidability index d'. */
import { assertScorePair, type Scores } from './scores.js';
import { meanAndVariance } from './stats.js';

/**
 * d' = |mean_g - mean_i| / sqrt((var_g + var_i) / 2), with population
 * variances. Higher means better separated. When both variances are 0 it is
 * Infinity if the means differ and 0 if they are equal.
 */
export const dPrime = (genuine: Scores, impostor: Scores): number => {
  assertScorePair(genuine, impostor);
  const g = meanAndVariance(genuine);
  const i = meanAndVariance(impostor);
  const gap = Math.abs(g.mean - i.mean);
  const spread = Math.sqrt((g.variance + i.variance) / 2);
  if (spread === 0) return gap === 0 ? 0 : Infinity;
  return gap / spread;
};
