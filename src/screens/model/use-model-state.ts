/**
 * Model & embeddings screen state: the task list, the path prompt, and each
 * task's progress and result. A pure reducer of small named actions; the hook
 * runs the tasks (model-tasks.ts) and feeds their events back in.
 */
import { useCallback, useMemo } from 'react';
import path from 'node:path';
import { useServices } from '../../app/app-context.js';
import { useSyncedReducer } from '../../app/use-synced-reducer.js';
import { describeError, type ErrorInfo } from '../../app/lib/errors.js';
import { listImages } from '../../app/lib/images.js';
import { resolveSinglePath } from '../../app/lib/path-complete.js';
import { batchEmbed, benchmark, embedOne, validateEmbeddings, type BatchItem, type BenchSummary, type EmbedSummary, type ValidationSummary } from './model-tasks.js';

export const modelTasks = [
  { id: 'embed', label: 'Embed an image', description: 'one photo: dimension, norm, first values, time' },
  { id: 'batch', label: 'Batch-embed a folder', description: 'every image under a folder, with progress' },
  { id: 'validate', label: 'Validate embeddings', description: 'norm 1, no NaN, dimension, on everything embedded' },
  { id: 'bench', label: 'Benchmark stages', description: 'per-stage and per-model time on one image' },
] as const;

export type ModelTaskId = (typeof modelTasks)[number]['id'];
export type PromptTask = 'embed' | 'batch' | 'bench';

export type Run<T> =
  | { readonly status: 'idle' }
  | { readonly status: 'running'; readonly label: string }
  | { readonly status: 'done'; readonly result: T }
  | { readonly status: 'failed'; readonly error: ErrorInfo };

export interface BatchState {
  readonly status: 'idle' | 'listing' | 'running' | 'done' | 'failed';
  readonly folder: string;
  readonly total: number;
  readonly done: number;
  readonly failed: number;
  readonly last: string;
  readonly startedAt: number;
  readonly elapsedMs: number;
  readonly times: readonly number[];
  readonly failures: Readonly<Record<string, number>>;
  /** The first few images that failed, with why (the rest are counted in `failures`). */
  readonly failedFiles: readonly { readonly file: string; readonly code: string }[];
  readonly error: ErrorInfo | null;
}

const FAILED_FILES_KEPT = 5;

export interface ModelState {
  readonly selected: number;
  /** What the lower pane shows. */
  readonly view: 'models' | ModelTaskId;
  readonly prompt: { readonly task: PromptTask; readonly value: string } | null;
  readonly lastImage: string;
  readonly lastFolder: string;
  readonly embed: Run<EmbedSummary>;
  readonly batch: BatchState;
  readonly validation: ValidationSummary | null;
  readonly bench: Run<BenchSummary>;
  readonly benchProgress: { readonly done: number; readonly total: number };
  /** Every embedding made on this screen, for validation. */
  readonly embeddings: readonly { readonly file: string; readonly embedding: Float32Array }[];
}

export type ModelAction =
  | { readonly type: 'move'; readonly step: 1 | -1 }
  /** Enter on the selected task: open its prompt, validate, or show the running batch. */
  | { readonly type: 'choose'; readonly expectedDim: number }
  | { readonly type: 'openPrompt'; readonly task: PromptTask }
  | { readonly type: 'editPrompt'; readonly value: string }
  | { readonly type: 'closePrompt' }
  | { readonly type: 'show'; readonly view: ModelState['view'] }
  | { readonly type: 'embedStarted'; readonly file: string }
  | { readonly type: 'embedDone'; readonly result: EmbedSummary }
  | { readonly type: 'embedFailed'; readonly error: ErrorInfo }
  | { readonly type: 'batchListing'; readonly folder: string; readonly time: number }
  | { readonly type: 'batchStarted'; readonly total: number }
  | { readonly type: 'batchItem'; readonly item: BatchItem; readonly time: number }
  | { readonly type: 'batchDone'; readonly time: number }
  | { readonly type: 'batchFailed'; readonly error: ErrorInfo }
  | { readonly type: 'benchStarted'; readonly file: string }
  | { readonly type: 'benchProgress'; readonly done: number; readonly total: number }
  | { readonly type: 'benchDone'; readonly result: BenchSummary }
  | { readonly type: 'benchFailed'; readonly error: ErrorInfo };

export const initialModelState = (defaults: { image: string; folder: string }): ModelState => ({
  selected: 0,
  view: 'models',
  prompt: null,
  lastImage: defaults.image,
  lastFolder: defaults.folder,
  embed: { status: 'idle' },
  batch: { status: 'idle', folder: '', total: 0, done: 0, failed: 0, last: '', startedAt: 0, elapsedMs: 0, times: [], failures: {}, failedFiles: [], error: null },
  validation: null,
  bench: { status: 'idle' },
  benchProgress: { done: 0, total: 0 },
  embeddings: [],
});

/** Keeps the last embeddings only (validation of a big folder stays cheap in memory). */
const MAX_KEPT = 2000;
const keep = (state: ModelState, file: string, embedding: Float32Array): ModelState['embeddings'] =>
  [...state.embeddings, { file, embedding }].slice(-MAX_KEPT);

export const modelReducer = (state: ModelState, action: ModelAction): ModelState => {
  switch (action.type) {
    case 'move':
      return { ...state, selected: (state.selected + action.step + modelTasks.length) % modelTasks.length };
    case 'choose': {
      const task = modelTasks[state.selected]?.id ?? 'embed';
      if (task === 'validate') return { ...state, view: 'validate', validation: validateEmbeddings(state.embeddings, action.expectedDim) };
      if (task === 'batch' && (state.batch.status === 'running' || state.batch.status === 'listing')) return { ...state, view: 'batch' };
      return modelReducer(state, { type: 'openPrompt', task });
    }
    case 'openPrompt':
      return { ...state, prompt: { task: action.task, value: '' } };
    case 'editPrompt':
      return state.prompt === null ? state : { ...state, prompt: { ...state.prompt, value: action.value } };
    case 'closePrompt':
      return { ...state, prompt: null };
    case 'show':
      return { ...state, view: action.view };
    case 'embedStarted':
      return { ...state, prompt: null, view: 'embed', lastImage: action.file, embed: { status: 'running', label: action.file } };
    case 'embedDone':
      return { ...state, embed: { status: 'done', result: action.result }, embeddings: keep(state, action.result.file, action.result.embedding) };
    case 'embedFailed':
      return { ...state, embed: { status: 'failed', error: action.error } };
    case 'batchListing':
      return {
        ...state,
        prompt: null,
        view: 'batch',
        lastFolder: action.folder,
        batch: { ...initialModelState({ image: '', folder: '' }).batch, status: 'listing', folder: action.folder, startedAt: action.time },
      };
    case 'batchStarted':
      return { ...state, batch: { ...state.batch, status: 'running', total: action.total } };
    case 'batchItem': {
      const { item } = action;
      const batch = state.batch;
      const next: BatchState = {
        ...batch,
        done: batch.done + 1,
        last: item.file,
        elapsedMs: action.time - batch.startedAt,
        ...(item.ok
          ? { times: [...batch.times, item.ms] }
          : {
              failed: batch.failed + 1,
              failures: { ...batch.failures, [item.code]: (batch.failures[item.code] ?? 0) + 1 },
              failedFiles: batch.failedFiles.length < FAILED_FILES_KEPT ? [...batch.failedFiles, { file: item.file, code: item.code }] : batch.failedFiles,
            }),
      };
      return { ...state, batch: next, embeddings: item.ok ? keep(state, item.file, item.embedding) : state.embeddings };
    }
    case 'batchDone':
      return { ...state, batch: { ...state.batch, status: 'done', elapsedMs: action.time - state.batch.startedAt } };
    case 'batchFailed':
      return { ...state, batch: { ...state.batch, status: 'failed', error: action.error } };
    case 'benchStarted':
      return { ...state, prompt: null, view: 'bench', lastImage: action.file, bench: { status: 'running', label: action.file }, benchProgress: { done: 0, total: 0 } };
    case 'benchProgress':
      return { ...state, benchProgress: { done: action.done, total: action.total } };
    case 'benchDone':
      return { ...state, bench: { status: 'done', result: action.result } };
    case 'benchFailed':
      return { ...state, bench: { status: 'failed', error: action.error } };
  }
};

export interface ModelActions {
  readonly moveUp: () => void;
  readonly moveDown: () => void;
  /** Enter on the selected task: opens its prompt, or validates. */
  readonly chooseSelected: () => void;
  readonly editPrompt: (value: string) => void;
  readonly submitPrompt: () => void;
  readonly cancelPrompt: () => void;
  readonly showModels: () => void;
}

const BENCH_RUNS = 10;

export const useModelState = (): [ModelState, ModelActions, () => ModelState] => {
  const services = useServices();
  const [state, dispatch, current] = useSyncedReducer(modelReducer, () => {
    const faces = services.defaultFacesDir();
    return initialModelState({
      image: faces === null ? '' : path.join(faces, 'person_01', 'deepface__img1.jpg'),
      folder: faces ?? '',
    });
  });

  const runEmbed = useCallback(
    async (file: string) => {
      dispatch({ type: 'embedStarted', file });
      try {
        const engine = await services.engine();
        dispatch({ type: 'embedDone', result: await embedOne(engine, file) });
      } catch (error) {
        dispatch({ type: 'embedFailed', error: describeError(error) });
      }
    },
    [services, dispatch],
  );

  const runBatch = useCallback(
    async (folder: string) => {
      dispatch({ type: 'batchListing', folder, time: Date.now() });
      try {
        const files = await listImages(folder);
        dispatch({ type: 'batchStarted', total: files.length });
        const engine = await services.engine();
        await batchEmbed(engine, files, { signal: services.signal, onItem: (item) => dispatch({ type: 'batchItem', item, time: Date.now() }) });
        dispatch({ type: 'batchDone', time: Date.now() });
        services.logger.info(`batch-embedded ${files.length} image(s) from ${folder}`);
      } catch (error) {
        dispatch({ type: 'batchFailed', error: describeError(error) });
      }
    },
    [services, dispatch],
  );

  const runBench = useCallback(
    async (file: string) => {
      dispatch({ type: 'benchStarted', file });
      try {
        const engine = await services.engine();
        const result = await benchmark(engine, file, BENCH_RUNS, (done, total) => dispatch({ type: 'benchProgress', done, total }), services.signal);
        dispatch({ type: 'benchDone', result });
        services.logger.info(`benchmark: ${result.totalMs.toFixed(1)} ms per image, model floor ${result.floorMs.toFixed(1)} ms`);
      } catch (error) {
        dispatch({ type: 'benchFailed', error: describeError(error) });
      }
    },
    [services, dispatch],
  );

  const actions = useMemo<ModelActions>(
    () => ({
      moveUp: () => dispatch({ type: 'move', step: -1 }),
      moveDown: () => dispatch({ type: 'move', step: 1 }),
      chooseSelected: () => dispatch({ type: 'choose', expectedDim: services.boot.snapshot().engine?.dim ?? 0 }),
      editPrompt: (value) => dispatch({ type: 'editPrompt', value }),
      submitPrompt: () => {
        const { prompt, lastImage, lastFolder } = current();
        if (prompt === null) return;
        const value = prompt.value.trim() === '' ? (prompt.task === 'batch' ? lastFolder : lastImage) : prompt.value;
        if (value.trim() === '') return;
        const target = resolveSinglePath(value, process.cwd()).path;
        if (prompt.task === 'embed') void runEmbed(target);
        else if (prompt.task === 'batch') void runBatch(target);
        else void runBench(target);
      },
      cancelPrompt: () => dispatch({ type: 'closePrompt' }),
      showModels: () => dispatch({ type: 'show', view: 'models' }),
    }),
    [services, dispatch, current, runEmbed, runBatch, runBench],
  );
  return [state, actions, current];
};
