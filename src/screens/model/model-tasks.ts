/** The model screen's work, done by the core through the inference worker. */
import type { FaceEngine } from '../../core/face-engine.js';
import type { StageTimings } from '../../core/face/types.js';
import fs from 'node:fs/promises';
import { getErrorMessage, isImageError, UserError } from '../../core/errors.js';
import { validateEmbedding } from '../../core/similarity/normalize.js';
import type { ModelTiming } from '../../core/worker/protocol.js';
import { forEachLimited, median } from '../../app/lib/images.js';

export interface EmbedSummary {
  readonly file: string;
  readonly format: string;
  readonly width: number;
  readonly height: number;
  readonly faces: number;
  readonly score: number;
  readonly dim: number;
  readonly norm: number;
  readonly rawNorm: number;
  readonly first: readonly number[];
  readonly liveness: number;
  readonly timings: StageTimings;
  readonly embedding: Float32Array;
}

const l2 = (v: Float32Array): number => {
  let sum = 0;
  for (const x of v) sum += x * x;
  return Math.sqrt(sum);
};

export const embedOne = async (engine: Pick<FaceEngine, 'embed'>, file: string): Promise<EmbedSummary> => {
  if ((await fs.stat(file).catch(() => null))?.isDirectory() === true) {
    throw new UserError('INVALID_ARGUMENT', `${file} is a folder, not an image file`, { hint: 'Pick one photo here, or use "Batch-embed a folder" (↓ then Enter) for every image in it.' });
  }
  const result = await engine.embed(file);
  return {
    file,
    format: result.image.format,
    width: result.image.width,
    height: result.image.height,
    faces: result.faces.length,
    score: result.chosen.score,
    dim: result.embedding.length,
    norm: l2(result.embedding),
    rawNorm: result.rawNorm,
    first: Array.from(result.embedding.subarray(0, 8)),
    liveness: result.liveness,
    timings: result.timings,
    embedding: result.embedding,
  };
};

export type BatchItem =
  | { readonly file: string; readonly ok: true; readonly ms: number; readonly embedding: Float32Array }
  | { readonly file: string; readonly ok: false; readonly code: string; readonly message: string };

export interface BatchOptions {
  readonly onItem: (item: BatchItem) => void;
  readonly signal?: AbortSignal;
  /** In flight at once (default: twice the workers, so a worker never waits for a file read). */
  readonly concurrency?: number;
}

/** Embeds every file; an image without a usable face is an item, not a failure of the batch. */
export const batchEmbed = async (engine: Pick<FaceEngine, 'embed' | 'workers'>, files: readonly string[], options: BatchOptions): Promise<void> => {
  await forEachLimited(
    files,
    options.concurrency ?? engine.workers * 2,
    async (file) => {
      try {
        const result = await engine.embed(file);
        options.onItem({ file, ok: true, ms: result.timings.total, embedding: result.embedding });
      } catch (error) {
        if (!isImageError(error)) throw error;
        options.onItem({ file, ok: false, code: error.code, message: getErrorMessage(error) });
      }
    },
    options.signal,
  );
};

export interface ValidationSummary {
  readonly checked: number;
  readonly ok: number;
  readonly expectedDim: number;
  readonly minNorm: number;
  readonly maxNorm: number;
  readonly nonFinite: number;
  /** file: problem, for the first few that failed. */
  readonly problems: readonly string[];
}

/** Norm 1 (within 1e-3), every value finite, the model's dimension. */
export const validateEmbeddings = (items: readonly { file: string; embedding: Float32Array }[], expectedDim: number): ValidationSummary => {
  let ok = 0;
  let minNorm = Infinity;
  let maxNorm = -Infinity;
  let nonFinite = 0;
  const problems: string[] = [];
  for (const item of items) {
    const report = validateEmbedding(item.embedding, expectedDim, { unitNorm: true });
    minNorm = Math.min(minNorm, report.norm);
    maxNorm = Math.max(maxNorm, report.norm);
    nonFinite += report.nonFiniteCount;
    if (report.ok) ok++;
    else if (problems.length < 5) problems.push(`${item.file}: ${report.problems.join(' ')}`);
  }
  return { checked: items.length, ok, expectedDim, minNorm, maxNorm, nonFinite, problems };
};

export const stageNames = ['decode', 'detect', 'landmarks', 'align', 'embed', 'liveness'] as const;

export interface BenchSummary {
  readonly file: string;
  readonly runs: number;
  readonly stages: readonly { readonly stage: string; readonly medianMs: number }[];
  readonly totalMs: number;
  readonly modelsInSituMs: number;
  readonly models: readonly ModelTiming[];
  /** Sum of the raw model medians: the floor for one image. */
  readonly floorMs: number;
}

/** `runs` pipeline runs of one image (after one warm-up), then raw model timings. */
export const benchmark = async (
  engine: Pick<FaceEngine, 'embed' | 'modelTimings'>,
  file: string,
  runs: number,
  onProgress: (done: number, total: number) => void,
  signal?: AbortSignal,
): Promise<BenchSummary> => {
  await engine.embed(file);
  const timings: StageTimings[] = [];
  for (let i = 0; i < runs && signal?.aborted !== true; i++) {
    timings.push((await engine.embed(file)).timings);
    onProgress(i + 1, runs + 1);
  }
  const models = await engine.modelTimings(20);
  onProgress(runs + 1, runs + 1);
  return {
    file,
    runs: timings.length,
    stages: stageNames.map((stage) => ({ stage, medianMs: median(timings.map((t) => t[stage])) })),
    totalMs: median(timings.map((t) => t.total)),
    modelsInSituMs: median(timings.map((t) => t.models)),
    models,
    floorMs: models.reduce((sum, m) => sum + m.medianMs, 0),
  };
};
