export { bestAccuracyThreshold, type BestAccuracy, type BestAccuracyOptions } from './accuracy.js';
export { auc } from './auc.js';
export { detPoints, type DetOptions, type DetPoint } from './det.js';
export { dPrime } from './dprime.js';
export { eer, type EerResult } from './eer.js';
export { tarAtFar, thresholdForFar, type TarAtFar } from './far.js';
export { histogramBins, type HistogramBins, type HistogramInput, type OutsideCounts } from './histogram-bins.js';
export { GENUINE_GLYPH, IMPOSTOR_GLYPH, THRESHOLD_MARK, renderHistogram, type RenderHistogramOptions } from './histogram-render.js';
export {
  leaveOneOutSearch,
  openSet,
  openSetFromOutcomes,
  rankK,
  rankKFromOutcomes,
  type LabelledEmbedding,
  type OpenSetResult,
  type ProbeOutcome,
  type RankKResult,
  type SearchOutcomes,
} from './identification.js';
export {
  defaultPairsSeed,
  pairsFromLabels,
  scoresForPairs,
  type IndexPair,
  type LabelPairs,
  type PairsOptions,
} from './pairs.js';
export { mulberry32, randomBelow, type Random } from './prng.js';
export { ratesAt, type Rates } from './rates.js';
export { rocCurve, type RocPoint } from './roc.js';
export { nextUp, type Scores } from './scores.js';
export { scoreStats, type ScoreStats } from './stats.js';
