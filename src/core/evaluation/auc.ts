/** Area under the ROC curve, exact. */
import { sortedScorePair, type Scores } from './scores.js';

/**
 * Mann-Whitney form: the probability that a random genuine score is higher
 * than a random impostor score, ties counting one half:
 *   AUC = (#{g > i} + 0.5 * #{g == i}) / (nG * nI)   over all (g, i) pairs.
 * Equal to the trapezoidal area under `rocCurve`. O(n log n).
 */
export const auc = (genuine: Scores, impostor: Scores): number => {
  const { genuine: g, impostor: im } = sortedScorePair(genuine, impostor);
  const nG = g.length;
  const nI = im.length;
  let wins = 0; // counts ties as 0.5
  let pg = 0;
  let pi = 0;
  while (pg < nG) {
    const v = g[pg]!;
    let sameGenuine = 0;
    while (pg < nG && g[pg] === v) {
      pg++;
      sameGenuine++;
    }
    while (pi < nI && im[pi]! < v) pi++;
    const below = pi;
    while (pi < nI && im[pi] === v) pi++;
    wins += sameGenuine * (below + 0.5 * (pi - below));
  }
  return wins / (nG * nI);
};
