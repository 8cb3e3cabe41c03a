export {
  cosine,
  dot,
  euclidean,
  isMetric,
  manhattan,
  metricInfoFor,
  metricNames,
  similarityFor,
  type Metric,
  type MetricInfo,
  type Similarity,
  type SimilarityFunction,
} from './metrics.js';
export {
  l2Normalize,
  validateEmbedding,
  type EmbeddingReport,
  type NormalizedVector,
  type ValidateEmbeddingOptions,
} from './normalize.js';
