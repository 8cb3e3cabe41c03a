/**
 * Identification (1:N) with a leave-one-out gallery: every labelled sample is
 * a probe in turn, searched against all the OTHER samples. An identity's
 * score for a probe is its best (highest) score over that identity's samples.
 *
 * Closed set (rank-k): only probes whose identity has at least one other
 * sample can be found; the rest are excluded (and counted).
 * Open set, at a threshold (a match means score >= threshold):
 * - FPIR, non-mated searches: each probe is searched with its whole identity
 *   removed from the gallery; a false positive is a top match >= threshold.
 * - FNIR, mated searches: a false negative is a probe whose correct identity
 *   is not the sole top match, or whose score is below the threshold.
 *
 * Ties are pessimistic: another identity with the same score as the correct
 * one ranks ahead of it.
 *
 * Cost: n * (n - 1) similarity calls; memory O(n + identities).
 */
import { UserError } from '../errors.js';
import type { SimilarityFunction } from '../similarity/metrics.js';
import { assertThreshold } from './scores.js';
import { runToEnd, type Steps } from './sliced.js';

export interface LabelledEmbedding {
  readonly label: string;
  readonly embedding: Float32Array;
}

export interface ProbeOutcome {
  readonly label: string;
  /** Whether the probe's identity has another sample in the gallery. */
  readonly mated: boolean;
  /** 1-based rank of the correct identity (pessimistic ties); 0 when not mated. */
  readonly rank: number;
  /** Best score against the correct identity's other samples; -Infinity when not mated. */
  readonly genuineScore: number;
  /** Best score against any other identity (the top match of the non-mated search); -Infinity when there is none. */
  readonly topImpostorScore: number;
  /** That identity; null when there is none. */
  readonly topImpostorLabel: string | null;
}

export interface SearchOutcomes {
  /** Distinct labels, in first-seen order. */
  readonly identities: readonly string[];
  /** One per sample, in input order. */
  readonly probes: readonly ProbeOutcome[];
}

/** `leaveOneOutSearch` as steps (see sliced.ts): yields after each probe. */
export function* leaveOneOutSteps(samples: readonly LabelledEmbedding[], similarity: SimilarityFunction): Steps<SearchOutcomes> {
  const identities: string[] = [];
  const identityIndex = new Map<string, number>();
  const idOf = new Int32Array(samples.length);
  const sizes: number[] = [];
  samples.forEach((sample, i) => {
    let id = identityIndex.get(sample.label);
    if (id === undefined) {
      id = identities.length;
      identityIndex.set(sample.label, id);
      identities.push(sample.label);
      sizes.push(0);
    }
    idOf[i] = id;
    sizes[id] = sizes[id]! + 1;
  });
  const m = identities.length;
  const best = new Float64Array(m);
  const probes: ProbeOutcome[] = [];
  for (let p = 0; p < samples.length; p++) {
    const probe = samples[p]!;
    best.fill(-Infinity);
    for (let q = 0; q < samples.length; q++) {
      if (q === p) continue;
      const score = similarity(probe.embedding, samples[q]!.embedding);
      if (Number.isNaN(score)) {
        throw new UserError('INVALID_ARGUMENT', `The similarity of samples ${p} and ${q} is NaN.`);
      }
      const id = idOf[q]!;
      if (score > best[id]!) best[id] = score;
    }
    const own = idOf[p]!;
    const genuineScore = best[own]!;
    const mated = sizes[own]! >= 2;
    let topImpostorScore = -Infinity;
    let topImpostor = -1;
    let ahead = 0;
    for (let id = 0; id < m; id++) {
      if (id === own) continue;
      const score = best[id]!;
      if (topImpostor < 0 || score > topImpostorScore) {
        topImpostorScore = score;
        topImpostor = id;
      }
      if (mated && score >= genuineScore) ahead++;
    }
    probes.push({
      label: probe.label,
      mated,
      rank: mated ? ahead + 1 : 0,
      genuineScore: mated ? genuineScore : -Infinity,
      topImpostorScore,
      topImpostorLabel: topImpostor < 0 ? null : identities[topImpostor]!,
    });
    yield;
  }
  return { identities, probes };
}

/** Runs every leave-one-out search once; `rankKFromOutcomes` and `openSetFromOutcomes` reuse the result. */
export const leaveOneOutSearch = (samples: readonly LabelledEmbedding[], similarity: SimilarityFunction): SearchOutcomes =>
  runToEnd(leaveOneOutSteps(samples, similarity));

export interface RankKResult {
  readonly k: number;
  /** Fraction of evaluated probes whose identity is within the top k. */
  readonly accuracy: number;
  readonly hits: number;
  readonly rank1: number;
  readonly rank5: number;
  /** Probes whose identity has another sample. */
  readonly evaluated: number;
  /** Probes whose identity has no other sample (left out of every rate). */
  readonly excluded: number;
  /** Cumulative match characteristic: cmc[r - 1] = accuracy at rank r, for r = 1..number of identities. */
  readonly cmc: readonly number[];
}

const assertK = (k: number): void => {
  if (!Number.isInteger(k) || k < 1) throw new UserError('INVALID_ARGUMENT', `k must be a positive integer, got ${String(k)}.`);
};

export const rankKFromOutcomes = (outcomes: SearchOutcomes, k: number): RankKResult => {
  assertK(k);
  const m = outcomes.identities.length;
  const atRank = new Array<number>(m + 1).fill(0);
  let evaluated = 0;
  for (const probe of outcomes.probes) {
    if (!probe.mated) continue;
    evaluated++;
    atRank[probe.rank] = atRank[probe.rank]! + 1;
  }
  if (evaluated === 0) {
    throw new UserError('INVALID_ARGUMENT', 'No identity has two or more samples, so no probe can be identified.', {
      hint: 'Rank-k accuracy needs at least two samples of some identity.',
    });
  }
  const withinRank: number[] = []; // withinRank[r - 1]: probes found at rank <= r
  let cumulative = 0;
  for (let r = 1; r <= m; r++) {
    cumulative += atRank[r]!;
    withinRank.push(cumulative);
  }
  const hitsAt = (r: number): number => withinRank[Math.min(r, m) - 1]!;
  const at = (r: number): number => hitsAt(r) / evaluated;
  return {
    k,
    accuracy: at(k),
    hits: hitsAt(k),
    rank1: at(1),
    rank5: at(5),
    evaluated,
    excluded: outcomes.probes.length - evaluated,
    cmc: withinRank.map((hits) => hits / evaluated),
  };
};

/** Closed-set rank-k accuracy with a leave-one-out gallery (rank-1 and rank-5 always included). */
export const rankK = (
  samples: readonly LabelledEmbedding[],
  similarity: SimilarityFunction,
  k: number,
): RankKResult => rankKFromOutcomes(leaveOneOutSearch(samples, similarity), k);

export interface OpenSetResult {
  readonly threshold: number;
  /** False positive identification rate: non-mated searches whose top match is >= threshold. */
  readonly fpir: number;
  /** False negative identification rate: mated searches not answered by the correct identity at rank 1 with score >= threshold. */
  readonly fnir: number;
  readonly nonMatedSearches: number;
  readonly falsePositives: number;
  readonly matedSearches: number;
  readonly falseNegatives: number;
}

export const openSetFromOutcomes = (outcomes: SearchOutcomes, threshold: number): OpenSetResult => {
  assertThreshold(threshold);
  let nonMatedSearches = 0;
  let falsePositives = 0;
  let matedSearches = 0;
  let falseNegatives = 0;
  for (const probe of outcomes.probes) {
    if (probe.topImpostorLabel !== null) {
      nonMatedSearches++;
      if (probe.topImpostorScore >= threshold) falsePositives++;
    }
    if (probe.mated) {
      matedSearches++;
      if (probe.rank !== 1 || probe.genuineScore < threshold) falseNegatives++;
    }
  }
  if (nonMatedSearches === 0 || matedSearches === 0) {
    throw new UserError(
      'INVALID_ARGUMENT',
      nonMatedSearches === 0
        ? 'Open-set rates need at least two identities (there is nothing to search a removed identity against).'
        : 'Open-set rates need an identity with two or more samples (there is no mated search).',
    );
  }
  return {
    threshold,
    fpir: falsePositives / nonMatedSearches,
    fnir: falseNegatives / matedSearches,
    nonMatedSearches,
    falsePositives,
    matedSearches,
    falseNegatives,
  };
};

/** Open-set FPIR and FNIR at a threshold, with a leave-one-out gallery. */
export const openSet = (
  samples: readonly LabelledEmbedding[],
  similarity: SimilarityFunction,
  threshold: number,
): OpenSetResult => openSetFromOutcomes(leaveOneOutSearch(samples, similarity), threshold);
