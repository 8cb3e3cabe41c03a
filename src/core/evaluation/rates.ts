/** Error rates at one threshold. */
import { assertScorePair, assertThreshold, type Scores } from './scores.js';

export interface Rates {
  readonly threshold: number;
  /** Impostor scores >= threshold, over impostor count. */
  readonly far: number;
  /** Genuine scores < threshold, over genuine count. */
  readonly frr: number;
  /** 1 - FRR. */
  readonly tar: number;
  /** Correct decisions over all comparisons: (genuine accepted + impostors rejected) / (nG + nI). */
  readonly accuracy: number;
  readonly falseAccepts: number;
  readonly falseRejects: number;
  readonly genuineCount: number;
  readonly impostorCount: number;
}

/** Decision rule: score >= threshold is accept. O(n). */
export const ratesAt = (genuine: Scores, impostor: Scores, threshold: number): Rates => {
  assertScorePair(genuine, impostor);
  assertThreshold(threshold);
  const nG = genuine.length;
  const nI = impostor.length;
  let falseRejects = 0;
  for (let i = 0; i < nG; i++) if (genuine[i]! < threshold) falseRejects++;
  let falseAccepts = 0;
  for (let i = 0; i < nI; i++) if (impostor[i]! >= threshold) falseAccepts++;
  return {
    threshold,
    far: falseAccepts / nI,
    frr: falseRejects / nG,
    tar: (nG - falseRejects) / nG,
    accuracy: (nG - falseRejects + nI - falseAccepts) / (nG + nI),
    falseAccepts,
    falseRejects,
    genuineCount: nG,
    impostorCount: nI,
  };
};
