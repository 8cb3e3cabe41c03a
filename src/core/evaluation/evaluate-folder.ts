/**
 * The evaluation lab's service: embeds a labelled photo folder (see
 * `scanDataset`), forms genuine and impostor pairs, and measures verification,
 * identification, and how each metric and pipeline step changes the result.
 * No UI: the CLI `evaluate` command and the workbench both call it.
 */
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import type { Config } from '../config/schema.js';
import { UserError } from '../errors.js';
import { pipelineSettings } from '../face-engine.js';
import type { EmbedVariant } from '../face/types.js';
import { xdgCacheDir } from '../paths.js';
import { metricNames, similarityFor } from '../similarity/metrics.js';
import { resolveAblations, type AblationVariant } from './ablations.js';
import { comparisonRowSteps, type ComparisonRow } from './comparison-row.js';
import { scanDataset } from './dataset.js';
import { embedImages, type EmbedOutcome, type EvaluationEngine, type PassProgress } from './embed-images.js';
import { EmbeddingCache } from './embedding-cache.js';
import type { EvaluationReport, FailedImage, MultiFaceImage, PassSummary } from './evaluation-report.js';
import { identificationSteps } from './identification-report.js';
import { defaultPairsSeed, describePairs, pairsFromLabels, scoreSteps } from './pairs.js';
import { runSliced, type Steps } from './sliced.js';
import { recommendThreshold } from './recommend-threshold.js';
import { verificationSummary } from './verification.js';

// The service's whole surface in one place for its callers (the CLI, the workbench).
export { ablationDescriptions, ablationVariants, type AblationVariant } from './ablations.js';
export type { ComparisonRow } from './comparison-row.js';
export type { EvaluationReport, FailedImage, MultiFaceImage, PairsSummary, PassSummary } from './evaluation-report.js';
export type { IdentificationReport } from './identification-report.js';
export type { RecommendedThreshold } from './recommend-threshold.js';

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

/** The pipeline settings that change embeddings or face finding but not `engine.fingerprint`. */
export const embeddingCacheSalt = (config: Config): string => JSON.stringify(pipelineSettings(config));

export const defaultEmbeddingCacheDir = (): string => path.join(xdgCacheDir(), 'embeddings');

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
    const loose = dataset.looseFiles.length;
    throw new UserError(
      'INVALID_ARGUMENT',
      `no images found in the person folders of ${dir}` +
        (loose > 0 ? ` (${loose} file(s) lie directly in it, outside any person folder, and are not used: ${dataset.looseFiles.slice(0, 3).join(', ')}${loose > 3 ? ', ...' : ''})` : ''),
      { hint: 'Use one subfolder per person holding that person\'s photos (folders starting with "_" or "." are skipped).' },
    );
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
  const multipleFaces: MultiFaceImage[] = [];
  const usable: { relative: string; file: string; label: string; embedding: Float32Array }[] = [];
  outcomes.forEach((o, k) => {
    const image = dataset.images[k]!;
    if (o.ok) {
      usable.push({ ...image, embedding: o.embedding });
      if (o.faces > 1) multipleFaces.push({ file: image.relative, label: image.label, faces: o.faces });
    } else failed.push({ file: image.relative, label: image.label, code: o.code, message: o.message });
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
        (failed.length > 0
          ? ` (${failed.length} image(s) left out: ${failed
              .slice(0, 5)
              .map((f) => `${f.file} ${f.code}`)
              .join(', ')}${failed.length > 5 ? `, and ${failed.length - 5} more` : ''})`
          : ''),
      { hint: 'Evaluation needs at least two people, and two usable photos of at least one of them.' },
    );
  }

  // The analysis below is synchronous work (half a million pairs, four metrics, a leave-one-out
  // search): run in slices, so a workbench screen waiting for it keeps drawing and reading keys.
  const sliced = <T>(steps: Steps<T>): Promise<T> => runSliced(steps, options.signal === undefined ? {} : { signal: options.signal });
  const cosine = similarityFor('cosine').score;
  const genuineScores = await sliced(scoreSteps(embeddings, pairs.genuine, cosine));
  const impostorScores = await sliced(scoreSteps(embeddings, pairs.impostor, cosine));
  const verification = verificationSummary(genuineScores, impostorScores, {
    threshold: options.threshold,
    ...(options.targetFar === undefined ? {} : { targetFar: options.targetFar }),
    ...(options.tarFars === undefined ? {} : { tarFars: options.tarFars }),
    ...(options.histogramBins === undefined ? {} : { histogramBins: options.histogramBins }),
    ...(options.histogramWidth === undefined ? {} : { histogramWidth: options.histogramWidth }),
  });

  const recommended = recommendThreshold(verification, genuineScores, impostorScores);

  const metricRows: ComparisonRow[] = [];
  for (const metric of metricNames) metricRows.push(await sliced(comparisonRowSteps('metric', metric, 'standard', embeddings, pairs.genuine, pairs.impostor)));

  let ablationRows: ComparisonRow[] | null = null;
  if (ablations.length > 0) {
    // The standard pipeline first, as the baseline the ablations are compared with.
    ablationRows = [await sliced(comparisonRowSteps('ablation', 'cosine', 'standard', embeddings, pairs.genuine, pairs.impostor))];
    for (const [k, variant] of ablations.entries()) {
      options.signal?.throwIfAborted();
      const variantOutcomes = await runPass(variant, k + 2, usable);
      const variantEmbeddings = variantOutcomes.map((o) => (o.ok ? o.embedding : undefined));
      ablationRows.push(await sliced(comparisonRowSteps('ablation', 'cosine', variant, variantEmbeddings, pairs.genuine, pairs.impostor)));
    }
  }

  const identification = await sliced(identificationSteps(labels, embeddings, options.threshold));
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
      multipleFaces,
      skippedFolders: dataset.skippedFolders,
      ignoredFiles: dataset.ignoredFiles,
      skippedLinks: dataset.skippedLinks,
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
      description: describePairs(pairs),
    },
    ...verification,
    recommended,
    identification,
    comparison: { metrics: metricRows, ablations: ablationRows },
    durationMs: Math.round(performance.now() - started),
  };
};
