/**
 * The similarity screen's work: embed a labelled folder once (through the
 * evaluation service's scan and cached embedding pass), form genuine and
 * impostor pairs, and score them with any metric. Plus the edge cases of the
 * metrics, run for real.
 */
import { getErrorMessage, isUserError, UserError } from '../../core/errors.js';
import { scanDataset } from '../../core/evaluation/dataset.js';
import { embedImages, type EvaluationEngine, type PassProgress } from '../../core/evaluation/embed-images.js';
import { EmbeddingCache } from '../../core/evaluation/embedding-cache.js';
import { eer, type EerResult } from '../../core/evaluation/eer.js';
import { defaultPairsSeed, pairsFromLabels, scoresForPairs, type IndexPair } from '../../core/evaluation/pairs.js';
import { recommendThreshold } from '../../core/evaluation/recommend-threshold.js';
import { verificationSummary } from '../../core/evaluation/verification.js';
import { cosine, dot, euclidean, manhattan, similarityFor, type Metric } from '../../core/similarity/metrics.js';
import { l2Normalize } from '../../core/similarity/normalize.js';

/** Impostor pairs kept (a seeded sample beyond that): plenty for a histogram, instant to rescore. */
export const MAX_IMPOSTOR_PAIRS = 50_000;

export interface LabelledData {
  readonly dir: string;
  readonly labels: readonly string[];
  readonly embeddings: readonly Float32Array[];
  readonly people: number;
  readonly images: number;
  readonly failed: readonly { readonly file: string; readonly code: string }[];
  readonly genuinePairs: readonly IndexPair[];
  readonly impostorPairs: readonly IndexPair[];
  readonly impostorTotal: number;
  readonly cached: number;
}

export interface LoadOptions {
  /** Embedding cache folder (shared with `evaluate`), or null for none. */
  readonly cacheDir: string | null;
  readonly cacheSalt: string;
  readonly signal?: AbortSignal;
  readonly onScanned?: (images: number) => void;
  readonly onProgress?: (event: PassProgress) => void;
}

export const loadLabelledFolder = async (engine: EvaluationEngine, dir: string, options: LoadOptions): Promise<LabelledData> => {
  const dataset = await scanDataset(dir);
  options.onScanned?.(dataset.images.length);
  const cache =
    options.cacheDir === null
      ? null
      : (await EmbeddingCache.open(options.cacheDir, { modelId: engine.modelId, fingerprint: engine.fingerprint, variant: 'standard', salt: options.cacheSalt })).cache;
  const pass = await embedImages(
    engine,
    dataset.images.map((image) => ({ file: image.file, name: image.relative })),
    { variant: 'standard', cache, ...(options.signal === undefined ? {} : { signal: options.signal }) },
    options.onProgress,
  );
  const labels: string[] = [];
  const embeddings: Float32Array[] = [];
  const failed: { file: string; code: string }[] = [];
  pass.outcomes.forEach((outcome, i) => {
    const image = dataset.images[i]!;
    if (outcome.ok) {
      labels.push(image.label);
      embeddings.push(outcome.embedding);
    } else failed.push({ file: image.relative, code: outcome.code });
  });
  const pairs = pairsFromLabels(labels, { maxImpostor: MAX_IMPOSTOR_PAIRS, seed: defaultPairsSeed });
  if (pairs.genuine.length === 0 || pairs.impostor.length === 0) {
    throw new UserError(
      'INVALID_ARGUMENT',
      `${labels.length} usable photo(s) of ${new Set(labels).size} person(s) in ${dataset.dir} give ${pairs.genuine.length} genuine and ${pairs.impostor.length} impostor pairs` +
        (failed.length > 0 ? ` (${failed.length} left out: ${failed.slice(0, 3).map((f) => `${f.file} ${f.code}`).join(', ')}${failed.length > 3 ? ', ...' : ''})` : '') +
        (labels.length === 0 && dataset.looseFiles.length > 0 ? `; its ${dataset.looseFiles.length} file(s) lie directly in it, outside any person folder` : ''),
      { hint: 'Pick a folder with one subfolder of photos per person: at least two people, and two usable photos of at least one of them.' },
    );
  }
  return {
    dir: dataset.dir,
    labels,
    embeddings,
    people: new Set(labels).size,
    images: dataset.images.length,
    failed,
    genuinePairs: pairs.genuine,
    impostorPairs: pairs.impostor,
    impostorTotal: pairs.impostorTotal,
    cached: pass.cached,
  };
};

export interface MetricScores {
  readonly metric: Metric;
  /** In the metric's own units (a similarity, or a distance). */
  readonly genuine: Float64Array;
  readonly impostor: Float64Array;
  /** Higher = more similar for a similarity; lower for a distance. */
  readonly higherIsBetter: boolean;
  readonly min: number;
  readonly max: number;
  /** The equal error rate point, threshold in the metric's units. */
  readonly eer: EerResult;
  /** Over all thresholds, as `evaluate` reports them. */
  readonly auc: number;
  readonly dPrime: number;
  /** TAR at FAR 1e-2 and 1e-3 (threshold in the metric's units; note when the pairs are too few). */
  readonly tarAtFar: readonly { readonly far: number; readonly tar: number; readonly threshold: number; readonly note: string | null }[];
  /** What `evaluate --write-threshold` would store, in the metric's units (from the EER point). */
  readonly recommended: number;
}

/** Scores every pair with one metric; raw values for display, the EER from the higher-is-better scores. */
export const scoreMetric = (data: LabelledData, metric: Metric): MetricScores => {
  const similarity = similarityFor(metric);
  const genuine = scoresForPairs(data.embeddings, data.genuinePairs, similarity.raw);
  const impostor = scoresForPairs(data.embeddings, data.impostorPairs, similarity.raw);
  let min = Infinity;
  let max = -Infinity;
  for (const set of [genuine, impostor]) {
    for (const v of set) {
      min = Math.min(min, v);
      max = Math.max(max, v);
    }
  }
  const toScore = (raw: Float64Array): Float64Array => raw.map((v) => similarity.toScore(v));
  const genuineScores = toScore(genuine);
  const impostorScores = toScore(impostor);
  const equal = eer(genuineScores, impostorScores);
  const summary = verificationSummary(genuineScores, impostorScores, { threshold: equal.threshold, tarFars: [1e-2, 1e-3], histogramBins: 1 });
  const recommended = recommendThreshold(summary, genuineScores, impostorScores);
  return {
    metric,
    genuine,
    impostor,
    higherIsBetter: similarity.higherIsBetter,
    min,
    max,
    eer: { ...equal, threshold: similarity.fromScore(equal.threshold) },
    auc: summary.auc,
    dPrime: summary.dPrime,
    tarAtFar: summary.tarAtFar.map((r) => ({ far: r.targetFar, tar: r.tar, threshold: similarity.fromScore(r.threshold), note: r.note })),
    recommended: similarity.fromScore(recommended.threshold),
  };
};

/** scoreMetric, remembered per data set and metric. */
export const createScoreCache = (): ((data: LabelledData, metric: Metric) => MetricScores) => {
  const cache = new WeakMap<LabelledData, Map<Metric, MetricScores>>();
  return (data, metric) => {
    const byMetric = cache.get(data) ?? new Map<Metric, MetricScores>();
    cache.set(data, byMetric);
    const scores = byMetric.get(metric) ?? scoreMetric(data, metric);
    byMetric.set(metric, scores);
    return scores;
  };
};

export interface RatesView {
  readonly far: number;
  readonly frr: number;
  readonly falseAccepts: number;
  readonly falseRejects: number;
  readonly genuine: number;
  readonly impostor: number;
}

/** FAR and FRR at a threshold in the metric's own units (accept: similarity >= t, or distance <= t). */
export const ratesFor = (scores: MetricScores, threshold: number): RatesView => {
  const accepts = (v: number): boolean => (scores.higherIsBetter ? v >= threshold : v <= threshold);
  let falseRejects = 0;
  for (const v of scores.genuine) if (!accepts(v)) falseRejects++;
  let falseAccepts = 0;
  for (const v of scores.impostor) if (accepts(v)) falseAccepts++;
  return {
    far: falseAccepts / scores.impostor.length,
    frr: falseRejects / scores.genuine.length,
    falseAccepts,
    falseRejects,
    genuine: scores.genuine.length,
    impostor: scores.impostor.length,
  };
};

/** A round step about 1% of the score span (0.01 for cosine). */
export const thresholdStep = (scores: Pick<MetricScores, 'min' | 'max'>): number => {
  const raw = Math.max(1e-6, (scores.max - scores.min) / 100);
  const power = 10 ** Math.floor(Math.log10(raw));
  const factor = [1, 2, 5, 10].find((f) => f * power >= raw) ?? 10;
  return factor * power;
};

/** Where the threshold may go: the metric's own range when it has one (cosine: -1..1), else a little beyond the scores. */
export const thresholdRange = (scores: Pick<MetricScores, 'metric' | 'min' | 'max'>, step: number): [number, number] => {
  const [low, high] = similarityFor(scores.metric).rawRange;
  const margin = 5 * step;
  return [Number.isFinite(low) ? low : scores.min - margin, Number.isFinite(high) ? high : scores.max + margin];
};

/** The cosine similarity equal to a threshold of another metric on unit vectors, when there is one. */
export const asCosine = (metric: Metric, threshold: number): number | null => {
  if (metric === 'cosine' || metric === 'dot') return threshold;
  if (metric === 'euclidean') return 1 - (threshold * threshold) / 2;
  return null;
};

/** The threshold of another metric equal to a cosine threshold on unit vectors, when there is one. */
export const fromCosine = (metric: Metric, cosineThreshold: number): number | null => {
  if (metric === 'cosine' || metric === 'dot') return cosineThreshold;
  if (metric === 'euclidean') return Math.sqrt(Math.max(0, 2 - 2 * cosineThreshold));
  return null;
};

export interface EdgeCase {
  readonly label: string;
  readonly ok: boolean;
  /** The value, or the error code and message. */
  readonly result: string;
}

const attempt = (label: string, run: () => number | string): EdgeCase => {
  try {
    const value = run();
    return { label, ok: true, result: typeof value === 'number' ? value.toFixed(4) : value };
  } catch (error) {
    return { label, ok: false, result: `${isUserError(error) ? error.code : 'BUG'}: ${getErrorMessage(error)}` };
  }
};

/** The metrics on awkward inputs built from a real embedding: each shows the value or the error it gives. */
export const edgeCases = (a: Float32Array, b: Float32Array): EdgeCase[] => {
  const zero = new Float32Array(a.length);
  const short = a.slice(0, 128);
  const doubled = a.map((v) => v * 2);
  const withNaN = a.slice();
  withNaN[7] = Number.NaN;
  return [
    attempt('cosine(a, b): two real faces', () => cosine(a, b)),
    attempt('cosine(zero, a)', () => cosine(zero, a)),
    attempt('euclidean(zero, a): the norm of a', () => euclidean(zero, a)),
    attempt('l2Normalize(zero)', () => l2Normalize(zero).norm),
    attempt(`cosine(a ${a.length}-d, a cut to ${short.length}-d)`, () => cosine(a, short)),
    attempt(`manhattan(a, cut)`, () => manhattan(a, short)),
    attempt('dot(2a, a) vs cosine(2a, a)', () => `${dot(doubled, a).toFixed(4)} vs ${cosine(doubled, a).toFixed(4)} (dot needs unit vectors)`),
    attempt('cosine(a with NaN, b)', () => cosine(withNaN, b)),
  ];
};
