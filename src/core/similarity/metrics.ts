/**
 * Vector comparison for embeddings: plain loops over Float32Array with float64
 * accumulators (float32 inputs cannot overflow a float64 sum of squares, so a
 * non-finite result means a non-finite input).
 *
 * The raw functions return the metric's natural value (cosine in [-1, 1], a
 * distance >= 0, ...). `similarityFor(metric)` wraps one so that the score is
 * always "higher = more similar", which is what the evaluation code expects.
 */
import { UserError } from '../errors.js';

export type Metric = 'cosine' | 'euclidean' | 'manhattan' | 'dot';

export const metricNames: readonly Metric[] = ['cosine', 'euclidean', 'manhattan', 'dot'];

export const isMetric = (value: unknown): value is Metric =>
  typeof value === 'string' && (metricNames as readonly string[]).includes(value);

/** A score where higher means more similar. */
export type SimilarityFunction = (a: Float32Array, b: Float32Array) => number;

const SAME_MODEL_HINT = 'Both vectors must come from the same embedding model.';
const FINITE_HINT = 'Embeddings must contain finite numbers; the model output or the stored data is broken.';

const checkDimensions = (metric: string, a: Float32Array, b: Float32Array): void => {
  if (a.length !== b.length) {
    throw new UserError(
      'DIMENSION_MISMATCH',
      `${metric}: vectors have different dimensions (${a.length} and ${b.length}).`,
      { hint: SAME_MODEL_HINT },
    );
  }
  if (a.length === 0) {
    throw new UserError('INVALID_ARGUMENT', `${metric}: vectors are empty (dimension 0).`, { hint: SAME_MODEL_HINT });
  }
};

/** Index of the first value that is NaN or +-Infinity, or -1. */
const firstNonFinite = (v: ArrayLike<number>): number => {
  for (let i = 0; i < v.length; i++) {
    if (!Number.isFinite(v[i])) return i;
  }
  return -1;
};

/** Called only when a result came out non-finite: names the offending value. */
const nonFiniteError = (metric: string, a: Float32Array, b: Float32Array): UserError => {
  for (const [name, v] of [
    ['first', a],
    ['second', b],
  ] as const) {
    const index = firstNonFinite(v);
    if (index >= 0) {
      return new UserError(
        'INVALID_ARGUMENT',
        `${metric}: the ${name} vector has a non-finite value (${String(v[index])}) at index ${index}.`,
        { hint: FINITE_HINT },
      );
    }
  }
  return new UserError('INVALID_ARGUMENT', `${metric}: the result is not a finite number.`, { hint: FINITE_HINT });
};

/** Dot product. Equals cosine similarity for L2-normalised vectors. */
export const dot = (a: Float32Array, b: Float32Array): number => {
  checkDimensions('dot', a, b);
  let sum = 0;
  for (let i = 0; i < a.length; i++) sum += a[i]! * b[i]!;
  if (!Number.isFinite(sum)) throw nonFiniteError('dot', a, b);
  return sum;
};

/** Cosine similarity in [-1, 1] (clamped against rounding). A zero vector has no direction: INVALID_ARGUMENT. */
export const cosine = (a: Float32Array, b: Float32Array): number => {
  checkDimensions('cosine', a, b);
  let ab = 0;
  let aa = 0;
  let bb = 0;
  for (let i = 0; i < a.length; i++) {
    const x = a[i]!;
    const y = b[i]!;
    ab += x * y;
    aa += x * x;
    bb += y * y;
  }
  if (!Number.isFinite(ab + aa + bb)) throw nonFiniteError('cosine', a, b);
  if (aa === 0 || bb === 0) {
    throw new UserError(
      'INVALID_ARGUMENT',
      `cosine: the ${aa === 0 ? 'first' : 'second'} vector is all zeros, so it has no direction and cosine similarity is undefined.`,
      { hint: 'A zero embedding usually means the model produced no output; re-run the embedding.' },
    );
  }
  const c = ab / (Math.sqrt(aa) * Math.sqrt(bb));
  return c > 1 ? 1 : c < -1 ? -1 : c;
};

/** Euclidean (L2) distance, >= 0. */
export const euclidean = (a: Float32Array, b: Float32Array): number => {
  checkDimensions('euclidean', a, b);
  let sum = 0;
  for (let i = 0; i < a.length; i++) {
    const d = a[i]! - b[i]!;
    sum += d * d;
  }
  if (!Number.isFinite(sum)) throw nonFiniteError('euclidean', a, b);
  return Math.sqrt(sum);
};

/** Manhattan (L1) distance, >= 0. */
export const manhattan = (a: Float32Array, b: Float32Array): number => {
  checkDimensions('manhattan', a, b);
  let sum = 0;
  for (let i = 0; i < a.length; i++) sum += Math.abs(a[i]! - b[i]!);
  if (!Number.isFinite(sum)) throw nonFiniteError('manhattan', a, b);
  return sum;
};

export interface MetricInfo {
  readonly name: Metric;
  readonly label: string;
  readonly kind: 'similarity' | 'distance';
  /** Whether a larger RAW value means more similar (true for cosine and dot, false for distances). */
  readonly higherIsBetter: boolean;
  /** Range of the raw value. */
  readonly rawRange: readonly [number, number];
  /** Range of the score (always higher = more similar). */
  readonly scoreRange: readonly [number, number];
  /** Score range when both vectors are L2-normalised, if it does not depend on the dimension. */
  readonly normalizedScoreRange: readonly [number, number] | null;
  readonly description: string;
}

export interface Similarity extends MetricInfo {
  /** The metric's natural value. */
  readonly raw: SimilarityFunction;
  /** Higher = more similar: the raw value for similarities, minus the distance for distances. */
  readonly score: SimilarityFunction;
  /** Raw value -> score. */
  readonly toScore: (raw: number) => number;
  /** Score -> raw value (e.g. to show a score threshold as a distance). */
  readonly fromScore: (score: number) => number;
}

const identity = (x: number): number => x;
// `0 - x` rather than `-x`, so that a distance of 0 gives a score of +0, not -0.
const negate = (x: number): number => 0 - x;

const metricInfo: Readonly<Record<Metric, MetricInfo>> = {
  cosine: {
    name: 'cosine',
    label: 'Cosine similarity',
    kind: 'similarity',
    higherIsBetter: true,
    rawRange: [-1, 1],
    scoreRange: [-1, 1],
    normalizedScoreRange: [-1, 1],
    description: 'Cosine of the angle between the vectors; ignores their lengths.',
  },
  dot: {
    name: 'dot',
    label: 'Dot product',
    kind: 'similarity',
    higherIsBetter: true,
    rawRange: [-Infinity, Infinity],
    scoreRange: [-Infinity, Infinity],
    normalizedScoreRange: [-1, 1],
    description: 'Sum of products; equals cosine similarity for L2-normalised vectors.',
  },
  euclidean: {
    name: 'euclidean',
    label: 'Euclidean distance',
    kind: 'distance',
    higherIsBetter: false,
    rawRange: [0, Infinity],
    scoreRange: [-Infinity, 0],
    normalizedScoreRange: [-2, 0],
    description: 'Straight-line (L2) distance; the score is minus the distance.',
  },
  manhattan: {
    name: 'manhattan',
    label: 'Manhattan distance',
    kind: 'distance',
    higherIsBetter: false,
    rawRange: [0, Infinity],
    scoreRange: [-Infinity, 0],
    normalizedScoreRange: null,
    description: 'Sum of absolute differences (L1 distance); the score is minus the distance.',
  },
};

const rawFunctions: Readonly<Record<Metric, SimilarityFunction>> = { cosine, dot, euclidean, manhattan };

export const metricInfoFor = (metric: Metric): MetricInfo => {
  if (!isMetric(metric)) {
    throw new UserError('INVALID_ARGUMENT', `Unknown metric "${String(metric)}".`, {
      hint: `Use one of: ${metricNames.join(', ')}.`,
    });
  }
  return metricInfo[metric];
};

/** The metric as a higher-is-more-similar score, with its metadata. */
export const similarityFor = (metric: Metric): Similarity => {
  const info = metricInfoFor(metric);
  const raw = rawFunctions[metric];
  if (info.higherIsBetter) return { ...info, raw, score: raw, toScore: identity, fromScore: identity };
  return { ...info, raw, score: (a, b) => 0 - raw(a, b), toScore: negate, fromScore: negate };
};
