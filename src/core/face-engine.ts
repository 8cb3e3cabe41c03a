import { createHash } from 'node:crypto';
import type { TransferListItem } from 'node:worker_threads';
import type { Config } from './config/schema.js';
import { BugError, getErrorMessage, isUserError, UserError } from './errors.js';
import type { FullEmbedResult, PipelineSettings } from './face/pipeline.js';
import type { EmbedOptions } from './face/types.js';
import type { Logger } from './logger.js';
import { ensureModels, type FetchProgress } from './model/ensure-models.js';
import { loadManifest, type Manifest } from './model/manifest.js';
import { resolveModelDir } from './model/model-cache.js';
import { defaultWorkerCount, InferencePool } from './worker/inference-pool.js';
import type { ImageSource, ModelRole, ModelTiming, WorkerInit } from './worker/protocol.js';

/**
 * Bumped whenever preprocessing code changes in a way that changes embeddings
 * (src/core/face/pipeline-golden.test.ts fails until it is, and its fixture is
 * regenerated). 2: shrinking warps average a grid of samples. 3: the face region is cut
 * only from inside the image, small images are enlarged for the detector without libvips.
 */
export const PIPELINE_VERSION = 3;

const roles: readonly ModelRole[] = ['detector', 'landmarks', 'embedder', 'liveness'];

/** The high-level face API both front ends use. All inference happens in workers. */
export interface FaceEngine {
  /** The embedding model's id (stored with every template). */
  readonly modelId: string;
  /** Changes whenever models or preprocessing change; stored templates must match it. */
  readonly fingerprint: string;
  readonly embeddingDim: number;
  readonly workers: number;
  readonly manifest: Manifest;
  embed(source: ImageSource | string, options?: EmbedOptions): Promise<FullEmbedResult>;
  modelTimings(runs: number): Promise<ModelTiming[]>;
  close(): Promise<void>;
}

export interface StartEngineOptions {
  readonly config: Config;
  readonly logger?: Logger;
  readonly onProgress?: (event: FetchProgress) => void;
  /** Overrides config.workers.count. */
  readonly workers?: number;
}

export const pipelineSettings = (config: Config): PipelineSettings => ({
  limits: { maxPixels: config.image.maxPixels, minSide: config.image.minSide, background: config.image.background },
  scoreThreshold: config.detection.scoreThreshold,
  nmsIou: config.detection.nmsIou,
  minFaceSize: config.detection.minFaceSize,
});

const fingerprintOf = (manifest: Manifest, settings: PipelineSettings): string => {
  const models = manifest.models
    .filter((m) => m.role !== 'liveness')
    .map((m) => ({ id: m.id, sha256: m.sha256, input: m.input, alignment: m.alignment }));
  const payload = JSON.stringify({ v: PIPELINE_VERSION, models, background: settings.limits.background });
  return `p${PIPELINE_VERSION}-${createHash('sha256').update(payload).digest('hex').slice(0, 16)}`;
};

/** What each worker loads: verify (or fetch) the models and pair each role with its file. */
export const workerInit = async (manifest: Manifest, options: StartEngineOptions): Promise<WorkerInit> => {
  const { config, logger } = options;
  const paths = await ensureModels({
    manifest,
    dir: resolveModelDir(config),
    autoFetch: config.models.autoFetch,
    ...(options.onProgress === undefined ? {} : { onProgress: options.onProgress }),
    ...(logger === undefined ? {} : { logger }),
  });
  const models: WorkerInit['models'] = {};
  for (const role of roles) {
    const entry = manifest.models.find((m) => m.role === role);
    if (entry === undefined) continue;
    const path = paths[entry.id];
    if (path === undefined) throw new BugError(`model ${entry.id} was not resolved`);
    models[role] = { path, spec: entry };
  }
  return { models, settings: pipelineSettings(config), intraOpNumThreads: 1 };
};

/** Start the workers: verify (or fetch) the models, then load them in each worker. */
const startPool = async (manifest: Manifest, options: StartEngineOptions, size: number): Promise<InferencePool> => {
  const { logger } = options;
  const init = await workerInit(manifest, options);
  const started = Date.now();
  const pool = await InferencePool.start(init, { size, ...(logger === undefined ? {} : { logger }) });
  logger?.debug(`started ${size} inference worker(s) in ${Date.now() - started} ms`);
  return pool;
};

export type EngineIdentity = Pick<FaceEngine, 'modelId' | 'fingerprint' | 'embeddingDim'>;

const identityOf = (manifest: Manifest, config: Config): EngineIdentity => {
  const embedder = manifest.models.find((m) => m.role === 'embedder');
  if (embedder === undefined) throw new BugError('the manifest has no embedder');
  return {
    modelId: embedder.id,
    fingerprint: fingerprintOf(manifest, pipelineSettings(config)),
    embeddingDim: embedder.outputs[0]?.shape.at(-1) ?? 0,
  };
};

/** What an engine with this config will be (model, fingerprint, dimension), from the manifest alone: no model is loaded. */
export const engineIdentity = async (config: Config): Promise<EngineIdentity> => identityOf(await loadManifest(), config);

/**
 * The engine without starting anything: its identity (model, fingerprint, dimension)
 * comes from the manifest, and the models are verified and the workers started on the
 * first request (or by `start()`). Commands that only read the store never load a model.
 */
export const createEngine = async (options: StartEngineOptions): Promise<FaceEngine & { start(): Promise<void> }> => {
  const manifest = await loadManifest();
  const identity = identityOf(manifest, options.config);
  const size = defaultWorkerCount(options.workers ?? options.config.workers.count);
  let pool: Promise<InferencePool> | undefined;
  let closed = false;
  const getPool = (): Promise<InferencePool> => {
    if (closed) return Promise.reject(new UserError('WORKER_FAILED', 'the face engine is closed'));
    if (pool === undefined) {
      const starting = startPool(manifest, options, size);
      pool = starting;
      // A start that failed (models offline, a worker that would not load) is tried again by the next request.
      starting.catch(() => {
        if (pool === starting) pool = undefined;
      });
    }
    return pool;
  };
  return {
    ...identity,
    workers: size,
    manifest,
    start: async () => {
      await getPool();
    },
    embed: async (source, embedOptions = {}) => {
      const resolved: ImageSource = typeof source === 'string' ? { file: source } : source;
      const transfer: TransferListItem[] = [];
      // Transfer only a buffer the bytes own whole (never a shared Node Buffer pool).
      if ('bytes' in resolved && resolved.bytes.byteOffset === 0 && resolved.bytes.byteLength === resolved.bytes.buffer.byteLength) {
        transfer.push(resolved.bytes.buffer as ArrayBuffer);
      }
      const name = 'file' in resolved ? resolved.file : (resolved.name ?? 'image bytes');
      try {
        const result = await (await getPool()).run('embed', { source: resolved, options: embedOptions }, transfer);
        const t = result.timings;
        options.logger?.debug(
          `embedded ${name}: ${result.faces.length} face(s), ${t.total.toFixed(0)} ms (decode ${t.decode.toFixed(0)}, detect ${t.detect.toFixed(0)}, ` +
            `landmarks ${t.landmarks.toFixed(0)}, align ${t.align.toFixed(0)}, embed ${t.embed.toFixed(0)}, liveness ${t.liveness.toFixed(0)})`,
        );
        return result;
      } catch (error) {
        options.logger?.debug(`embedding ${name} failed: ${isUserError(error) ? error.code : 'bug'}: ${getErrorMessage(error)}`);
        throw error;
      }
    },
    modelTimings: async (runs) => (await getPool()).run('modelTimings', { runs }),
    close: async () => {
      closed = true;
      const started = pool;
      pool = undefined;
      if (started !== undefined) await (await started.catch(() => undefined))?.close();
    },
  };
};

/** Bootstrap: verify (or fetch) models, then start the inference workers. */
export const startEngine = async (options: StartEngineOptions): Promise<FaceEngine> => {
  const engine = await createEngine(options);
  try {
    await engine.start();
  } catch (error) {
    await engine.close();
    throw error;
  }
  return engine;
};
