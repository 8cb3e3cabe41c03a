/**
 * Bootstrap of the face engine as a stream of events, folded by a pure reducer
 * into what the header and the model screen show: each model checked (size and
 * SHA-256), fetched if needed (tarball bytes, then extract and verify per model),
 * then loaded into the inference workers.
 */
import type { Config } from '../core/config/schema.js';
import { startEngine, type FaceEngine, type StartEngineOptions } from '../core/face-engine.js';
import type { Logger } from '../core/logger.js';
import type { FetchProgress } from '../core/model/ensure-models.js';
import { loadManifest, type ModelEntry, type ModelRole } from '../core/model/manifest.js';
import { checkModelFile, resolveModelDir, type ModelStatus } from '../core/model/model-cache.js';
import { describeError, type ErrorInfo } from './lib/errors.js';

export type ModelPhase =
  | 'queued'
  | 'checking'
  | 'ok'
  | 'missing'
  | 'corrupt'
  | 'fetching'
  | 'extracting'
  | 'verifying'
  | 'loading'
  | 'ready'
  | 'failed';

export interface ModelRow {
  readonly id: string;
  readonly role: ModelRole;
  readonly size: number;
  readonly license: string;
  /** Input tensor without the batch dimension, e.g. "3x112x112 RGB". */
  readonly input: string;
  /** Output shapes without the batch dimension, e.g. "4420x2, 4420x4". */
  readonly outputs: string;
  readonly phase: ModelPhase;
  /** null until checked, or when there is no file. */
  readonly sha256Ok: boolean | null;
}

export interface EngineInfo {
  readonly modelId: string;
  readonly dim: number;
  readonly workers: number;
  readonly fingerprint: string;
}

export interface BootState {
  readonly phase: 'starting' | 'checking' | 'fetching' | 'loading' | 'ready' | 'failed';
  readonly models: readonly ModelRow[];
  readonly modelDir: string | null;
  /** The source tarball's download, while fetching. */
  readonly download: { readonly received: number; readonly total: number | undefined } | null;
  readonly engine: EngineInfo | null;
  readonly error: ErrorInfo | null;
  readonly startedAt: number;
  readonly readyMs: number | null;
}

export type BootEvent =
  | { readonly type: 'manifest'; readonly models: readonly ModelEntry[]; readonly dir: string; readonly time: number }
  | { readonly type: 'checked'; readonly status: ModelStatus }
  | { readonly type: 'fetch'; readonly progress: FetchProgress }
  | { readonly type: 'loading' }
  | { readonly type: 'ready'; readonly engine: EngineInfo; readonly time: number }
  | { readonly type: 'failed'; readonly error: ErrorInfo };

export const initialBootState: BootState = {
  phase: 'starting',
  models: [],
  modelDir: null,
  download: null,
  engine: null,
  error: null,
  startedAt: 0,
  readyMs: null,
};

const setRows = (state: BootState, change: (row: ModelRow) => ModelRow): BootState => ({ ...state, models: state.models.map(change) });

const fetchEvent = (state: BootState, progress: FetchProgress): BootState => {
  const needsFetch = (row: ModelRow): boolean => row.phase === 'missing' || row.phase === 'corrupt' || row.phase === 'fetching';
  switch (progress.phase) {
    case 'resolve':
      return { ...setRows(state, (row) => (needsFetch(row) ? { ...row, phase: 'fetching' } : row)), phase: 'fetching' };
    case 'download':
      return { ...state, phase: 'fetching', download: { received: progress.receivedBytes ?? 0, total: progress.totalBytes } };
    case 'extract':
    case 'verify': {
      const phase: ModelPhase = progress.phase === 'extract' ? 'extracting' : 'verifying';
      return setRows({ ...state, phase: 'fetching' }, (row) => (row.id === progress.model ? { ...row, phase } : row));
    }
    case 'done':
      return setRows({ ...state, phase: 'loading', download: null }, (row) =>
        row.phase === 'fetching' || row.phase === 'extracting' || row.phase === 'verifying' ? { ...row, phase: 'ok', sha256Ok: true } : row,
      );
  }
};

export const bootReducer = (state: BootState, event: BootEvent): BootState => {
  switch (event.type) {
    case 'manifest':
      return {
        ...state,
        phase: 'checking',
        error: null,
        modelDir: event.dir,
        startedAt: event.time,
        models: event.models.map((m) => ({
          id: m.id,
          role: m.role,
          size: m.size,
          license: m.license,
          input: `${m.input.shape.slice(1).join('x')} ${m.input.colorOrder}`,
          outputs: m.outputs.map((o) => o.shape.slice(1).join('x')).join(', '),
          phase: 'checking',
          sha256Ok: null,
        })),
      };
    case 'checked':
      return setRows(state, (row) =>
        row.id === event.status.id && row.phase === 'checking' ? { ...row, phase: event.status.status, sha256Ok: event.status.sha256Ok } : row,
      );
    case 'fetch':
      return fetchEvent(state, event.progress);
    case 'loading':
      return setRows({ ...state, phase: 'loading' }, (row) => (row.phase === 'ok' ? { ...row, phase: 'loading' } : row));
    case 'ready':
      return {
        ...setRows(state, (row) => ({ ...row, phase: 'ready', sha256Ok: true })),
        phase: 'ready',
        engine: event.engine,
        download: null,
        readyMs: event.time - state.startedAt,
      };
    case 'failed':
      return {
        ...setRows(state, (row) => (row.phase === 'ready' || row.phase === 'ok' || row.phase === 'missing' || row.phase === 'corrupt' ? row : { ...row, phase: 'failed' })),
        phase: 'failed',
        error: event.error,
        download: null,
      };
  }
};

export interface BootOptions {
  readonly config: Config;
  readonly logger: Logger;
  readonly emit: (event: BootEvent) => void;
  /** Starts the engine; default the real startEngine (tests pass one that returns a running engine). */
  readonly start?: (options: StartEngineOptions) => Promise<FaceEngine>;
  readonly now?: () => number;
}

/** Check every model, then start the engine (fetching what is missing), emitting events all the way. */
export const bootEngine = async (options: BootOptions): Promise<FaceEngine> => {
  const { config, logger, emit } = options;
  const now = options.now ?? Date.now;
  const start = options.start ?? startEngine;
  try {
    const manifest = await loadManifest();
    const dir = resolveModelDir(config);
    emit({ type: 'manifest', models: manifest.models, dir, time: now() });
    const statuses = await Promise.all(
      manifest.models.map(async (model) => {
        const status = await checkModelFile(dir, model);
        emit({ type: 'checked', status });
        return status;
      }),
    );
    if (statuses.every((s) => s.status === 'ok')) emit({ type: 'loading' });
    const engine = await start({
      config,
      logger,
      onProgress: (progress) => {
        emit({ type: 'fetch', progress });
        if (progress.phase === 'done') emit({ type: 'loading' });
      },
    });
    emit({
      type: 'ready',
      engine: { modelId: engine.modelId, dim: engine.embeddingDim, workers: engine.workers, fingerprint: engine.fingerprint },
      time: now(),
    });
    logger.info(`engine ready: ${engine.modelId} (${engine.embeddingDim}-d), ${engine.workers} worker(s)`);
    return engine;
  } catch (error) {
    emit({ type: 'failed', error: describeError(error) });
    logger.error(`engine failed to start: ${describeError(error).message}`);
    throw error;
  }
};
