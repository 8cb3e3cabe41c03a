/** The 1:N part of an evaluation: leave-one-out search over the usable images. */
import { similarityFor } from '../similarity/metrics.js';
import { leaveOneOutSteps, openSetFromOutcomes, rankKFromOutcomes, type OpenSetResult } from './identification.js';
import { runToEnd, type Steps } from './sliced.js';

export type IdentificationReport =
  | {
      readonly available: true;
      readonly rank1: number;
      readonly rank5: number;
      /** Probes with another image of the same person in the gallery. */
      readonly evaluated: number;
      /** Probes whose person has a single usable image. */
      readonly excluded: number;
      readonly identities: number;
      /** Accuracy at rank 1..10 (or fewer identities). */
      readonly cmc: readonly number[];
      /** At the operating threshold. */
      readonly openSet: OpenSetResult;
    }
  | { readonly available: false; readonly reason: string };

const CMC_RANKS = 10;

/** The identification report as steps (see sliced.ts). */
export function* identificationSteps(labels: readonly string[], embeddings: readonly Float32Array[], threshold: number): Steps<IdentificationReport> {
  const identities = new Set(labels).size;
  if (identities < 2) return { available: false, reason: 'needs at least two people' };
  const outcomes = yield* leaveOneOutSteps(
    labels.map((label, i) => ({ label, embedding: embeddings[i]! })),
    similarityFor('cosine').score,
  );
  if (!outcomes.probes.some((p) => p.mated)) return { available: false, reason: 'no person has two usable images' };
  const ranks = rankKFromOutcomes(outcomes, 5);
  return {
    available: true,
    rank1: ranks.rank1,
    rank5: ranks.rank5,
    evaluated: ranks.evaluated,
    excluded: ranks.excluded,
    identities,
    cmc: ranks.cmc.slice(0, CMC_RANKS),
    openSet: openSetFromOutcomes(outcomes, threshold),
  };
}

export const identificationOf = (labels: readonly string[], embeddings: readonly Float32Array[], threshold: number): IdentificationReport =>
  runToEnd(identificationSteps(labels, embeddings, threshold));
