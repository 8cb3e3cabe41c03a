/**
 * The evaluation lab's service: embeds a labelled photo folder (see
 * `scanDataset`), forms genuine and impostor pairs, and measures verification,
 * identification, and how each metric and pipeline step changes the result.
 * No UI: the CLI `evaluate` command and the workbench both call it.
 */
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import type { Config } from '../config/schema.js';
import { UserError, type ErrorCode } from '../errors.js';
import { pipelineSettings } from '../face-engine.js';
import type { EmbedVariant } from '../face/types.js';
import { xdgCacheDir } from '../paths.js';
import { metricNames, similarityFor, type Metric } from '../similarity/metrics.js';
import { auc } from './auc.js';
import { scanDataset } from './dataset.js';
import { eer } from './eer.js';
import { embedImages, type EmbedOutcome, type EvaluationEngine, type PassProgress } from './embed-images.js';
import { EmbeddingCache } from './embedding-cache.js';
import { leaveOneOutSearch, openSetFromOutcomes, rankKFromOutcomes, type OpenSetResult } from './identification.js';
import { pairsFromLabels, scoresForPairs, defaultPairsSeed, type IndexPair } from './pairs.js';
import { ratesAt } from './rates.js';
import { readableThreshold, sameDecisionRange, type ThresholdRange } from './recommend-threshold.js';
import { verificationSummary, type VerificationSummary } from './verification.js';

export type AblationVariant = Exclude<EmbedVariant, 'standard'>;

export const ablationVariants: readonly AblationVariant[] = ['no-align', 'no-detect', 'imagenet-norm'];

export const ablationDescriptions: Readonly<Record<EmbedVariant, string>> = {
  standard: 'detect, landmarks, 5-point alignment, model normalisation',
  'no-align': 'no alignment: the face box resized to 112x112',
  'no-detect': 'no detection: the whole image resized to 112x112',
  'imagenet-norm': 'wrong input normalisation (ImageNet mean/std)',
};

/** Impostor pairs kept by default before sampling (memory and time stay bounded on large folders). */
export const DEFAULT_MAX_IMPOSTOR = 500_000;

export interface EvaluateOptions {
  /** Operating threshold on cosine similarity (config `verification.threshold`). */
  readonly threshold: number;
  /** Report the threshold reaching this FAR, and recommend it instead of the EER threshold. */
  readonly targetFar?: number;
  /** Keep at most this many impostor pairs (seeded uniform sample). Default DEFAULT_MAX_IMPOSTOR; null = all. */
  readonly maxImpostor?: number | null;
  /** Sampling seed (default `defaultPairsSeed`). */
  readonly seed?: number;
  /** true (default): all ablations; false: none; or a list. Each is one more embedding pass (cached too). */
  readonly ablations?: boolean | readonly AblationVariant[];
  /** Embedding cache folder. Default <xdgCacheDir()>/embeddings; null = no cache. */
  readonly cacheDir?: string | null;
  /** Settings that change embeddings but not `engine.fingerprint`; use `embeddingCacheSalt(config)`. */
  readonly cacheSalt?: string;
  /** Images in flight at once (default: twice the engine's workers). */
  readonly concurrency?: number;
  readonly signal?: AbortSignal;
  /** TAR is reported at these FARs (default 1e-2, 1e-3, 1e-4). */
  readonly tarFars?: readonly number[];
  readonly histogramBins?: number;
  readonly histogramWidth?: number;
}

export interface EvaluationProgress extends PassProgress {
  /** 1-based pass number: pass 1 is the standard pipeline, then one per ablation. */
  readonly pass: number;
  readonly passes: number;
}

export interface FailedImage {
  /** Relative to the dataset folder. */
  readonly file: string;
  readonly label: string;
  readonly code: ErrorCode;
  readonly message: string;
}

export interface PassSummary {
  readonly variant: EmbedVariant;
  readonly images: number;
  readonly embedded: number;
  readonly cached: number;
  readonly failed: number;
  readonly ms: number;
}

export interface PairsSummary {
  readonly genuine: number;
  readonly impostor: number;
  /** Impostor pairs before sampling. */
  readonly impostorTotal: number;
  readonly sampled: boolean;
  readonly seed: number;
  readonly maxImpostor: number | null;
  /** One sentence saying how the pairs were formed (and sampled). */
  readonly description: string;
}

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

export interface RecommendedThreshold {
  /**
   * The value to store in the config: the middle of `range`, rounded to the
   * fewest decimals that stay inside it (see `readableThreshold`).
   */
  readonly threshold: number;
  /** The exact operating point it came from: the EER threshold, or the target FAR's threshold. */
  readonly exact: number;
  /** Every threshold above `range.above` and at most `range.atMost` (= exact) decides the measured pairs alike. */
  readonly range: ThresholdRange;
  readonly basis: 'eer' | 'target-far';
  /** Rates at `threshold` (the same as at `exact`). */
  readonly far: number;
  readonly frr: number;
  readonly note: string;
}

export interface EvaluationReport extends VerificationSummary {
  readonly version: 1;
  readonly dir: string;
  readonly model: { readonly id: string; readonly fingerprint: string };
  /** Verification and identification use cosine similarity (the config threshold's metric). */
  readonly metric: 'cosine';
  readonly images: {
    /** Image files found in person folders. */
    readonly found: number;
    readonly usable: number;
    /** People with at least one usable image. */
    readonly identities: number;
    /** Images without a usable face (or unreadable): listed, left out of every figure. */
    readonly failed: readonly FailedImage[];
    readonly skippedFolders: readonly string[];
    readonly ignoredFiles: readonly string[];
    /** Groups of byte-identical files (relative paths); each copy still counts. */
    readonly duplicates: readonly (readonly string[])[];
  };
  /** Engine calls made in this run, over all passes (0 when everything came from the cache). */
  readonly embedded: number;
  readonly cached: number;
  readonly passes: readonly PassSummary[];
  readonly cache: { readonly dir: string | null; readonly files: readonly string[]; readonly warnings: readonly string[] };
  readonly pairs: PairsSummary;
  readonly recommended: RecommendedThreshold;
  readonly identification: IdentificationReport;
  readonly comparison: {
    readonly metrics: readonly ComparisonRow[];
    /** The standard pipeline, then one row per ablation (cosine); null when ablations were skipped. */
    readonly ablations: readonly ComparisonRow[] | null;
  };
  readonly durationMs: number;
}

/** The pipeline settings that change embeddings or face finding but not `engine.fingerprint`. */
export const embeddingCacheSalt = (config: Config): string => JSON.stringify(pipelineSettings(config));

export const defaultEmbeddingCacheDir = (): string => path.join(xdgCacheDir(), 'embeddings');

const describePairs = (genuine: number, impostor: number, impostorTotal: number, sampled: boolean, seed: number): string =>
  sampled
    ? `all ${genuine} genuine pairs; ${impostor} of ${impostorTotal} impostor pairs, a uniform random sample (seed ${seed})`
    : `all ${genuine} genuine pairs and all ${impostor} impostor pairs`;

const resolveAblations = (option: EvaluateOptions['ablations']): readonly AblationVariant[] =>
  option === undefined || option === true ? ablationVariants : option === false ? [] : option;

const CMC_RANKS = 10;

const identificationOf = (labels: readonly string[], embeddings: readonly Float32Array[], threshold: number): IdentificationReport => {
  const identities = new Set(labels).size;
  if (identities < 2) return { available: false, reason: 'needs at least two people' };
  const outcomes = leaveOneOutSearch(
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
};

const comparisonRow = (
  kind: ComparisonRow['kind'],
  metric: Metric,
  variant: EmbedVariant,
  embeddings: readonly (Float32Array | undefined)[],
  genuinePairs: readonly IndexPair[],
  impostorPairs: readonly IndexPair[],
): ComparisonRow => {
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
  const genuine = scoresForPairs(dense, g, similarity.score);
  const impostor = scoresForPairs(dense, i, similarity.score);
  const equal = eer(genuine, impostor);
  const lost = genuinePairs.length - g.length + (impostorPairs.length - i.length);
  return {
    ...base,
    eer: equal.eer,
    eerThreshold: similarity.fromScore(equal.threshold),
    auc: auc(genuine, impostor),
    note: lost === 0 ? null : `${lost} pair(s) left out: an image failed in this variant`,
  };
};

const findDuplicates = (relative: readonly string[], outcomes: readonly EmbedOutcome[]): string[][] => {
  const bySha = new Map<string, string[]>();
  outcomes.forEach((o, k) => {
    if (o.sha256 === null) return;
    const group = bySha.get(o.sha256);
    if (group === undefined) bySha.set(o.sha256, [relative[k]!]);
    else group.push(relative[k]!);
  });
  return [...bySha.values()].filter((g) => g.length > 1);
};

/**
 * Evaluates the labelled folder `dir`. Throws a UserError when the folder
 * cannot give both genuine and impostor pairs (it needs two people, one of
 * them with two usable images); images without a usable face are listed in
 * `report.images.failed`, never fatal.
 */
export const evaluateFolder = async (
  engine: EvaluationEngine,
  dir: string,
  options: EvaluateOptions,
  onProgress?: (event: EvaluationProgress) => void,
): Promise<EvaluationReport> => {
  const started = performance.now();
  const dataset = await scanDataset(dir);
  if (dataset.images.length === 0) {
    throw new UserError('INVALID_ARGUMENT', `no images found in the person folders of ${dir}`, {
      hint: 'Use one subfolder per person holding that person\'s photos (folders starting with "_" or "." are skipped).',
    });
  }
  const ablations = resolveAblations(options.ablations);
  const passes = 1 + ablations.length;
  const cacheDir = options.cacheDir === undefined ? defaultEmbeddingCacheDir() : options.cacheDir;
  const cacheFiles: string[] = [];
  const cacheWarnings: string[] = [];
  const passSummaries: PassSummary[] = [];

  const runPass = async (
    variant: EmbedVariant,
    pass: number,
    images: readonly { file: string; relative: string }[],
  ): Promise<readonly EmbedOutcome[]> => {
    const passStart = performance.now();
    let cache: EmbeddingCache | null = null;
    if (cacheDir !== null) {
      const opened = await EmbeddingCache.open(cacheDir, {
        modelId: engine.modelId,
        fingerprint: engine.fingerprint,
        variant,
        salt: options.cacheSalt ?? '',
      });
      cache = opened.cache;
      cacheFiles.push(cache.file);
      if (opened.discarded !== null) cacheWarnings.push(`${opened.discarded}; it will be rewritten`);
    }
    const result = await embedImages(
      engine,
      images.map((image) => ({ file: image.file, name: image.relative })),
      {
        variant,
        cache,
        ...(options.concurrency === undefined ? {} : { concurrency: options.concurrency }),
        ...(options.signal === undefined ? {} : { signal: options.signal }),
      },
      onProgress === undefined ? undefined : (event) => onProgress({ ...event, pass, passes }),
    );
    cacheWarnings.push(...result.warnings);
    passSummaries.push({
      variant,
      images: images.length,
      embedded: result.embedded,
      cached: result.cached,
      failed: result.outcomes.filter((o) => !o.ok).length,
      ms: Math.round(performance.now() - passStart),
    });
    return result.outcomes;
  };

  // Pass 1: the standard pipeline.
  const outcomes = await runPass('standard', 1, dataset.images);
  const failed: FailedImage[] = [];
  const usable: { relative: string; file: string; label: string; embedding: Float32Array }[] = [];
  outcomes.forEach((o, k) => {
    const image = dataset.images[k]!;
    if (o.ok) usable.push({ ...image, embedding: o.embedding });
    else failed.push({ file: image.relative, label: image.label, code: o.code, message: o.message });
  });
  const labels = usable.map((u) => u.label);
  const embeddings = usable.map((u) => u.embedding);

  const maxImpostor = options.maxImpostor === undefined ? DEFAULT_MAX_IMPOSTOR : options.maxImpostor;
  const pairs = pairsFromLabels(labels, {
    ...(maxImpostor === null ? {} : { maxImpostor }),
    seed: options.seed ?? defaultPairsSeed,
  });
  if (pairs.genuine.length === 0 || pairs.impostor.length === 0) {
    throw new UserError(
      'INVALID_ARGUMENT',
      `${usable.length} usable image(s) of ${new Set(labels).size} person(s) in ${dir} give ${pairs.genuine.length} genuine and ${pairs.impostor.length} impostor pairs` +
        (failed.length > 0 ? ` (${failed.length} image(s) had no usable face)` : ''),
      { hint: 'Evaluation needs at least two people, and two usable photos of at least one of them.' },
    );
  }

  const cosine = similarityFor('cosine').score;
  const genuineScores = scoresForPairs(embeddings, pairs.genuine, cosine);
  const impostorScores = scoresForPairs(embeddings, pairs.impostor, cosine);
  const verification = verificationSummary(genuineScores, impostorScores, {
    threshold: options.threshold,
    ...(options.targetFar === undefined ? {} : { targetFar: options.targetFar }),
    ...(options.tarFars === undefined ? {} : { tarFars: options.tarFars }),
    ...(options.histogramBins === undefined ? {} : { histogramBins: options.histogramBins }),
    ...(options.histogramWidth === undefined ? {} : { histogramWidth: options.histogramWidth }),
  });

  const target = verification.targetFar;
  const exact = target === null ? verification.eerThreshold : target.threshold;
  const range = sameDecisionRange(exact, genuineScores, impostorScores);
  const readable = readableThreshold(range);
  const atRounded = ratesAt(genuineScores, impostorScores, readable);
  const recommended: RecommendedThreshold = {
    threshold: readable,
    exact,
    range,
    basis: target === null ? 'eer' : 'target-far',
    far: atRounded.far,
    frr: atRounded.frr,
    note:
      (target === null
        ? 'the equal error rate threshold (FAR = FRR)'
        : `the lowest threshold with FAR <= ${target.targetFar}${target.note === null ? '' : ` (${target.note})`}`) +
      `; every threshold above ${range.above === null ? 'the lowest score' : range.above.toFixed(4)} and up to ${exact.toFixed(4)} decides these pairs alike, ` +
      'this is the middle of that range, rounded; measured on these photos, so expect somewhat worse rates on new ones',
  };

  const metricRows = metricNames.map((metric) =>
    comparisonRow('metric', metric, 'standard', embeddings, pairs.genuine, pairs.impostor),
  );

  let ablationRows: ComparisonRow[] | null = null;
  if (ablations.length > 0) {
    // The standard pipeline first, as the baseline the ablations are compared with.
    ablationRows = [comparisonRow('ablation', 'cosine', 'standard', embeddings, pairs.genuine, pairs.impostor)];
    for (const [k, variant] of ablations.entries()) {
      options.signal?.throwIfAborted();
      const variantOutcomes = await runPass(variant, k + 2, usable);
      const variantEmbeddings = variantOutcomes.map((o) => (o.ok ? o.embedding : undefined));
      ablationRows.push(comparisonRow('ablation', 'cosine', variant, variantEmbeddings, pairs.genuine, pairs.impostor));
    }
  }

  const relative = dataset.images.map((image) => image.relative);
  const passTotals = passSummaries.reduce((sum, p) => ({ embedded: sum.embedded + p.embedded, cached: sum.cached + p.cached }), {
    embedded: 0,
    cached: 0,
  });

  return {
    version: 1,
    dir: dataset.dir,
    model: { id: engine.modelId, fingerprint: engine.fingerprint },
    metric: 'cosine',
    images: {
      found: dataset.images.length,
      usable: usable.length,
      identities: new Set(labels).size,
      failed,
      skippedFolders: dataset.skippedFolders,
      ignoredFiles: dataset.ignoredFiles,
      duplicates: findDuplicates(relative, outcomes),
    },
    embedded: passTotals.embedded,
    cached: passTotals.cached,
    passes: passSummaries,
    cache: { dir: cacheDir, files: cacheFiles, warnings: cacheWarnings },
    pairs: {
      genuine: pairs.genuine.length,
      impostor: pairs.impostor.length,
      impostorTotal: pairs.impostorTotal,
      sampled: pairs.impostorSampled,
      seed: pairs.seed,
      maxImpostor,
      description: describePairs(pairs.genuine.length, pairs.impostor.length, pairs.impostorTotal, pairs.impostorSampled, pairs.seed),
    },
    ...verification,
    recommended,
    identification: identificationOf(labels, embeddings, options.threshold),
    comparison: { metrics: metricRows, ablations: ablationRows },
    durationMs: Math.round(performance.now() - started),
  };
};
