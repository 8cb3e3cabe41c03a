/**
 * Histogram counts of genuine vs impostor scores (UIs draw their own; see
 * histogram-render.ts for plain text).
 *
 * Bins are [edge_b, edge_b+1), the last one closed: [edge_n-1, edge_n].
 */
import { UserError } from '../errors.js';
import { binOf, linearEdges, niceEdges } from './histogram-edges.js';
import { assertScores, type Scores } from './scores.js';

export interface HistogramInput {
  readonly genuine: Scores;
  readonly impostor: Scores;
  /** Number of bins, default 20. With the automatic range it is a maximum: round edges may need fewer. */
  readonly bins?: number;
  /**
   * [low, high]. Scores outside it are counted in `outside`, not in a bin.
   * Default: a range with round edges (steps of 1, 2, 2.5 or 5 times a power
   * of ten) covering every score and the threshold.
   */
  readonly range?: readonly [number, number];
  /** Marked in its bin. */
  readonly threshold?: number;
}

export interface OutsideCounts {
  readonly below: number;
  readonly above: number;
}

export interface HistogramBins {
  readonly range: readonly [number, number];
  readonly binWidth: number;
  /** bins + 1 edges, ascending. */
  readonly edges: readonly number[];
  readonly genuine: readonly number[];
  readonly impostor: readonly number[];
  readonly outside: { readonly genuine: OutsideCounts; readonly impostor: OutsideCounts };
  readonly threshold: number | null;
  /** Index of the bin holding the threshold; null without a threshold or when it is outside the range. */
  readonly thresholdBin: number | null;
}

const DEFAULT_BINS = 20;
const MAX_BINS = 1000;

const assertBins = (bins: number): void => {
  if (!Number.isInteger(bins) || bins < 1 || bins > MAX_BINS) {
    throw new UserError('INVALID_ARGUMENT', `bins must be an integer from 1 to ${MAX_BINS}, got ${String(bins)}.`);
  }
};

export const histogramBins = (input: HistogramInput): HistogramBins => {
  const { genuine, impostor, range } = input;
  const bins = input.bins ?? DEFAULT_BINS;
  const threshold = input.threshold ?? null;
  assertBins(bins);
  assertScores('genuine', genuine, 0);
  assertScores('impostor', impostor, 0);
  if (threshold !== null && !Number.isFinite(threshold)) {
    throw new UserError('INVALID_ARGUMENT', `The threshold must be a finite number, got ${String(threshold)}.`);
  }

  let edges: number[];
  if (range !== undefined) {
    const [low, high] = range;
    if (!(Number.isFinite(low) && Number.isFinite(high) && low < high)) {
      throw new UserError('INVALID_ARGUMENT', `The range must be two finite numbers, low < high; got [${String(low)}, ${String(high)}].`);
    }
    edges = linearEdges(low, high, bins);
  } else {
    let low = Infinity;
    let high = -Infinity;
    for (const scores of [genuine, impostor]) {
      for (let i = 0; i < scores.length; i++) {
        low = Math.min(low, scores[i]!);
        high = Math.max(high, scores[i]!);
      }
    }
    if (threshold !== null) {
      low = Math.min(low, threshold);
      high = Math.max(high, threshold);
    }
    if (low > high) {
      throw new UserError('INVALID_ARGUMENT', 'Nothing to draw: no scores, no threshold and no range.');
    }
    edges = niceEdges(low, high, bins);
  }

  const binCount = edges.length - 1;
  const count = (scores: Scores): { counts: number[]; outside: OutsideCounts } => {
    const counts = new Array<number>(binCount).fill(0);
    let below = 0;
    let above = 0;
    for (let i = 0; i < scores.length; i++) {
      const b = binOf(scores[i]!, edges);
      if (b < 0) below++;
      else if (b >= binCount) above++;
      else counts[b] = counts[b]! + 1;
    }
    return { counts, outside: { below, above } };
  };
  const g = count(genuine);
  const im = count(impostor);
  let thresholdBin: number | null = null;
  if (threshold !== null) {
    const b = binOf(threshold, edges);
    if (b >= 0 && b < binCount) thresholdBin = b;
  }
  const low = edges[0]!;
  const high = edges[edges.length - 1]!;
  return {
    range: [low, high],
    binWidth: (high - low) / (edges.length - 1),
    edges,
    genuine: g.counts,
    impostor: im.counts,
    outside: { genuine: g.outside, impostor: im.outside },
    threshold,
    thresholdBin,
  };
};
