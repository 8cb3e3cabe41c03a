/** Genuine and impostor comparison pairs from labels. */
import { UserError } from '../errors.js';
import type { SimilarityFunction } from '../similarity/metrics.js';
import { mulberry32, randomBelow } from './prng.js';
import { runToEnd, type Steps } from './sliced.js';

/** Indices into the labels array, first < second. */
export type IndexPair = readonly [number, number];

export interface PairsOptions {
  /** Keep at most this many impostor pairs, sampled uniformly without replacement. Default: all. */
  readonly maxImpostor?: number;
  /** Seed for the sampling PRNG (mulberry32). Default `defaultPairsSeed`. */
  readonly seed?: number;
}

export interface LabelPairs {
  /** Every pair of samples with the same label, sorted by (first, second). Count: sum over labels of C(n_label, 2). */
  readonly genuine: IndexPair[];
  /** Every pair with different labels, or a sample of them; sorted by (first, second). */
  readonly impostor: IndexPair[];
  /** Impostor pairs before sampling: C(n, 2) minus the genuine count. */
  readonly impostorTotal: number;
  readonly impostorSampled: boolean;
  readonly seed: number;
}

export const defaultPairsSeed = 0x5eed;

/** One sentence saying how the pairs were formed (and sampled). */
export const describePairs = (pairs: LabelPairs): string => {
  const genuine = pairs.genuine.length;
  const impostor = pairs.impostor.length;
  return pairs.impostorSampled
    ? `all ${genuine} genuine pairs; ${impostor} of ${pairs.impostorTotal} impostor pairs, a uniform random sample (seed ${pairs.seed})`
    : `all ${genuine} genuine pairs and all ${impostor} impostor pairs`;
};

const comparePairs = (a: IndexPair, b: IndexPair): number => a[0] - b[0] || a[1] - b[1];

/**
 * Builds the pairs. When there are more impostor pairs than `maxImpostor`, a
 * uniform random subset is drawn with Floyd's algorithm (exactly maxImpostor
 * draws, no rejection loop) over a numbering of the impostor pairs, using
 * mulberry32(seed): the same labels, maxImpostor and seed give the same pairs.
 */
export const pairsFromLabels = (labels: readonly string[], options: PairsOptions = {}): LabelPairs => {
  const { maxImpostor } = options;
  const seed = options.seed ?? defaultPairsSeed;
  if (maxImpostor !== undefined && !(Number.isInteger(maxImpostor) && maxImpostor >= 0)) {
    throw new UserError('INVALID_ARGUMENT', `maxImpostor must be a non-negative integer, got ${String(maxImpostor)}.`);
  }
  if (!Number.isFinite(seed)) throw new UserError('INVALID_ARGUMENT', `The seed must be a number, got ${String(seed)}.`);
  const n = labels.length;

  // Sample positions grouped by label, in first-seen label order, each group in index order.
  const groups = new Map<string, number[]>();
  for (let i = 0; i < n; i++) {
    const label = labels[i]!;
    const group = groups.get(label);
    if (group === undefined) groups.set(label, [i]);
    else group.push(i);
  }
  const order: number[] = [];
  const groupEnd: number[] = []; // groupEnd[p]: end (exclusive) of the group holding position p in `order`
  const genuine: IndexPair[] = [];
  for (const group of groups.values()) {
    const end = order.length + group.length;
    for (let a = 0; a < group.length; a++) {
      order.push(group[a]!);
      groupEnd.push(end);
      for (let b = a + 1; b < group.length; b++) genuine.push([group[a]!, group[b]!]);
    }
  }
  genuine.sort(comparePairs);
  const impostorTotal = n < 2 ? 0 : (n * (n - 1)) / 2 - genuine.length;

  // Impostor pair number r <-> (position p, position q in a later group):
  // start[p] = impostor pairs whose first position is before p.
  const start = new Float64Array(n + 1);
  for (let p = 0; p < n; p++) start[p + 1] = start[p]! + (n - groupEnd[p]!);
  const pairAt = (r: number): IndexPair => {
    let lo = 0;
    let hi = n - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (start[mid]! <= r) lo = mid;
      else hi = mid - 1;
    }
    const a = order[lo]!;
    const b = order[groupEnd[lo]! + (r - start[lo]!)]!;
    return a < b ? [a, b] : [b, a];
  };

  const sampled = maxImpostor !== undefined && impostorTotal > maxImpostor;
  const impostor: IndexPair[] = [];
  if (sampled) {
    const random = mulberry32(seed);
    const chosen = new Set<number>();
    for (let j = impostorTotal - maxImpostor; j < impostorTotal; j++) {
      const t = randomBelow(random, j + 1);
      chosen.add(chosen.has(t) ? j : t);
    }
    for (const r of chosen) impostor.push(pairAt(r));
  } else {
    for (let r = 0; r < impostorTotal; r++) impostor.push(pairAt(r));
  }
  impostor.sort(comparePairs);
  return { genuine, impostor, impostorTotal, impostorSampled: sampled, seed };
};

/** Pairs scored between two yields of `scoreSteps`. */
const PAIRS_PER_STEP = 4096;

/** `scoresForPairs` as steps (see sliced.ts): yields every few thousand pairs. */
export function* scoreSteps(embeddings: readonly Float32Array[], pairs: readonly IndexPair[], similarity: SimilarityFunction): Steps<Float64Array> {
  const scores = new Float64Array(pairs.length);
  for (let k = 0; k < pairs.length; k++) {
    const [a, b] = pairs[k]!;
    const x = embeddings[a];
    const y = embeddings[b];
    if (x === undefined || y === undefined) {
      throw new UserError('INVALID_ARGUMENT', `Pair ${k} refers to a missing embedding (${a}, ${b}).`);
    }
    scores[k] = similarity(x, y);
    if ((k + 1) % PAIRS_PER_STEP === 0) yield;
  }
  return scores;
}

/** Scores every pair: similarity(embeddings[first], embeddings[second]). */
export const scoresForPairs = (embeddings: readonly Float32Array[], pairs: readonly IndexPair[], similarity: SimilarityFunction): Float64Array =>
  runToEnd(scoreSteps(embeddings, pairs, similarity));
