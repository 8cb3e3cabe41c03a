/** One row of an evaluation's comparison tables: EER and AUC for one metric or one pipeline variant. */
import type { EmbedVariant } from '../face/types.js';
import { similarityFor, type Metric } from '../similarity/metrics.js';
import { ablationDescriptions } from './ablations.js';
import { auc } from './auc.js';
import { eer } from './eer.js';
import { scoreSteps, type IndexPair } from './pairs.js';
import { runToEnd, type Steps } from './sliced.js';

export interface ComparisonRow {
  readonly kind: 'metric' | 'ablation';
  /** Metric name for metric rows, variant name for ablation rows. */
  readonly name: string;
  readonly metric: Metric;
  readonly variant: EmbedVariant;
  readonly description: string;
  /** null when the row could not be computed (see `note`). */
  readonly eer: number | null;
  /** In the metric's own units: a similarity, or a distance (accept when distance <= it). */
  readonly eerThreshold: number | null;
  readonly auc: number | null;
  readonly genuine: number;
  readonly impostor: number;
  readonly note: string | null;
}

/** `comparisonRow` as steps (see sliced.ts). */
export function* comparisonRowSteps(
  kind: ComparisonRow['kind'],
  metric: Metric,
  variant: EmbedVariant,
  embeddings: readonly (Float32Array | undefined)[],
  genuinePairs: readonly IndexPair[],
  impostorPairs: readonly IndexPair[],
): Steps<ComparisonRow> {
  const similarity = similarityFor(metric);
  const usable = (pair: IndexPair): boolean => embeddings[pair[0]] !== undefined && embeddings[pair[1]] !== undefined;
  const g = genuinePairs.filter(usable);
  const i = impostorPairs.filter(usable);
  const base = {
    kind,
    name: kind === 'metric' ? metric : variant,
    metric,
    variant,
    description: kind === 'metric' ? similarity.description : ablationDescriptions[variant],
    genuine: g.length,
    impostor: i.length,
  };
  if (g.length === 0 || i.length === 0) {
    return { ...base, eer: null, eerThreshold: null, auc: null, note: 'no usable genuine or impostor pairs' };
  }
  const dense = embeddings as readonly Float32Array[]; // every index in g and i is defined
  const genuine = yield* scoreSteps(dense, g, similarity.score);
  const impostor = yield* scoreSteps(dense, i, similarity.score);
  yield;
  const equal = eer(genuine, impostor);
  yield;
  const lost = genuinePairs.length - g.length + (impostorPairs.length - i.length);
  return {
    ...base,
    eer: equal.eer,
    eerThreshold: similarity.fromScore(equal.threshold),
    auc: auc(genuine, impostor),
    note: lost === 0 ? null : `${lost} pair(s) left out: an image failed in this variant`,
  };
}

export const comparisonRow = (...args: Parameters<typeof comparisonRowSteps>): ComparisonRow => runToEnd(comparisonRowSteps(...args));
