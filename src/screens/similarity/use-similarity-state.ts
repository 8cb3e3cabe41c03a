/**
 * Similarity screen state: the labelled folder (prompt, embedding progress,
 * the data), the metric, a threshold per metric moved by the arrow keys, the
 * edge cases, and notices about adopting / saving the threshold.
 */
import { useCallback, useMemo, useState } from 'react';
import { useAppActions, useAppState, useServices } from '../../app/app-context.js';
import { useSyncedReducer } from '../../app/use-synced-reducer.js';
import { describeError, type ErrorInfo } from '../../app/lib/errors.js';
import { resolveSinglePath } from '../../app/lib/path-complete.js';
import { defaultConfigPath, writableConfigPath } from '../../core/config/load-config.js';
import { writeVerificationThreshold } from '../../core/config/write-setting.js';
import { embeddingCacheSalt } from '../../core/evaluation/evaluate-folder.js';
import { metricNames, type Metric } from '../../core/similarity/metrics.js';
import { asCosine, createScoreCache, edgeCases, fromCosine, loadLabelledFolder, thresholdRange, thresholdStep, type EdgeCase, type LabelledData, type MetricScores } from './similarity-tasks.js';

export interface LoadProgress {
  readonly status: 'idle' | 'scanning' | 'embedding' | 'done' | 'failed';
  readonly done: number;
  readonly total: number;
  readonly cached: number;
  readonly failed: number;
  readonly error: ErrorInfo | null;
}

export interface SimilarityState {
  readonly prompt: string | null;
  readonly folder: string;
  readonly load: LoadProgress;
  readonly data: LabelledData | null;
  readonly metric: Metric;
  /** The threshold per metric in its own units, once moved (else the default). */
  readonly thresholds: Readonly<Partial<Record<Metric, number>>>;
  readonly view: 'histogram' | 'edge';
  readonly edge: readonly EdgeCase[];
  readonly notice: { readonly text: string; readonly ok: boolean } | null;
}

export type SimilarityAction =
  | { readonly type: 'openPrompt' }
  | { readonly type: 'editPrompt'; readonly value: string }
  | { readonly type: 'closePrompt' }
  | { readonly type: 'scanning'; readonly folder: string }
  | { readonly type: 'scanned'; readonly total: number }
  | { readonly type: 'embedded'; readonly done: number; readonly cached: boolean; readonly failed: boolean }
  | { readonly type: 'loaded'; readonly data: LabelledData }
  | { readonly type: 'loadFailed'; readonly error: ErrorInfo }
  | { readonly type: 'nextMetric' }
  | { readonly type: 'setThreshold'; readonly metric: Metric; readonly value: number }
  | { readonly type: 'showEdgeCases'; readonly cases: readonly EdgeCase[] }
  | { readonly type: 'showHistogram' }
  | { readonly type: 'notice'; readonly text: string; readonly ok: boolean };

const idleLoad: LoadProgress = { status: 'idle', done: 0, total: 0, cached: 0, failed: 0, error: null };

export const initialSimilarityState = (folder: string): SimilarityState => ({
  prompt: null,
  folder,
  load: idleLoad,
  data: null,
  metric: 'cosine',
  thresholds: {},
  view: 'histogram',
  edge: [],
  notice: null,
});

export const similarityReducer = (state: SimilarityState, action: SimilarityAction): SimilarityState => {
  switch (action.type) {
    case 'openPrompt':
      return { ...state, prompt: '' };
    case 'editPrompt':
      return state.prompt === null ? state : { ...state, prompt: action.value };
    case 'closePrompt':
      return { ...state, prompt: null };
    case 'scanning':
      return { ...state, prompt: null, folder: action.folder, load: { ...idleLoad, status: 'scanning' }, data: null, view: 'histogram', notice: null };
    case 'scanned':
      return { ...state, load: { ...state.load, status: 'embedding', total: action.total } };
    case 'embedded':
      return {
        ...state,
        load: {
          ...state.load,
          done: action.done,
          cached: state.load.cached + (action.cached ? 1 : 0),
          failed: state.load.failed + (action.failed ? 1 : 0),
        },
      };
    case 'loaded':
      return { ...state, load: { ...state.load, status: 'done' }, data: action.data };
    case 'loadFailed':
      return { ...state, load: { ...state.load, status: 'failed', error: action.error } };
    case 'nextMetric': {
      const next = metricNames[(metricNames.indexOf(state.metric) + 1) % metricNames.length] ?? 'cosine';
      return { ...state, metric: next, notice: null };
    }
    case 'setThreshold':
      return { ...state, thresholds: { ...state.thresholds, [action.metric]: action.value }, notice: null };
    case 'showEdgeCases':
      return { ...state, view: 'edge', edge: action.cases };
    case 'showHistogram':
      return { ...state, view: 'histogram' };
    case 'notice':
      return { ...state, notice: { text: action.text, ok: action.ok } };
  }
};

/** The threshold shown for a metric: the one moved to, else the app's (converted), else the EER point. */
export const effectiveThreshold = (state: SimilarityState, scores: MetricScores, appThreshold: number): number =>
  state.thresholds[scores.metric] ?? fromCosine(scores.metric, appThreshold) ?? scores.eer.threshold;

export interface SimilarityActions {
  readonly openPrompt: () => void;
  readonly editPrompt: (value: string) => void;
  readonly cancelPrompt: () => void;
  /** Enter in the prompt: the typed folder, or the default one. */
  readonly openFolder: () => void;
  readonly nextMetric: () => void;
  /**
   * Moves the threshold to the next line of a grid of about 1% of the score range
   * in that direction ('coarse': 5 lines; 'fine': a grid ten times finer).
   */
  readonly moveThreshold: (direction: 1 | -1, size: StepSize) => void;
  /** Sets the threshold to the recommended one (what `evaluate --write-threshold` stores). */
  readonly recommendedThreshold: () => void;
  readonly adopt: () => void;
  readonly save: () => void;
  readonly edgeCases: () => void;
  readonly showHistogram: () => void;
}

export interface SimilarityView {
  readonly state: SimilarityState;
  readonly current: () => SimilarityState;
  readonly actions: SimilarityActions;
  readonly scores: MetricScores | null;
  readonly threshold: number | null;
}

export type StepSize = 'fine' | 'normal' | 'coarse';

/**
 * The grid line `lines` lines of `step` beyond `value` in `direction`: from a
 * value on the grid that is `lines` steps; from one between lines, the first
 * line passed counts as one. Rounded to the step's decimals.
 */
export const nextGridValue = (value: number, step: number, direction: 1 | -1, lines: number): number => {
  const position = value / step;
  const nearest = Math.round(position);
  const onGrid = Math.abs(position - nearest) < 1e-6;
  const first = onGrid ? nearest + direction : direction > 0 ? Math.ceil(position) : Math.floor(position);
  const decimals = Math.max(0, Math.ceil(-Math.log10(step) - 1e-9));
  return Number(((first + direction * (lines - 1)) * step).toFixed(decimals));
};

export const useSimilarityState = (): SimilarityView => {
  const services = useServices();
  const app = useAppState();
  const { adoptThreshold } = useAppActions();
  const [state, dispatch, current] = useSyncedReducer(similarityReducer, () => initialSimilarityState(services.defaultFacesDir() ?? ''));
  // Scores per (data, metric), computed once, for the view and for the actions (which see the latest state).
  const [scoresFor] = useState(createScoreCache);
  const scoresOf = useCallback((s: SimilarityState): MetricScores | null => (s.data === null ? null : scoresFor(s.data, s.metric)), [scoresFor]);
  const scores = scoresOf(state);
  const threshold = scores === null ? null : effectiveThreshold(state, scores, app.threshold.value);

  const appValue = app.threshold.value;
  const appThreshold = useCallback(() => appValue, [appValue]);

  const open = useCallback(
    async (dir: string) => {
      dispatch({ type: 'scanning', folder: dir });
      try {
        const engine = await services.engine();
        const data = await loadLabelledFolder(engine, dir, {
          cacheDir: services.embeddingCacheDir,
          cacheSalt: embeddingCacheSalt(services.config),
          signal: services.signal,
          onScanned: (total) => dispatch({ type: 'scanned', total }),
          onProgress: (event) => dispatch({ type: 'embedded', done: event.done, cached: event.cached, failed: event.error !== undefined }),
        });
        dispatch({ type: 'loaded', data });
        services.logger.info(`similarity: ${data.images} images of ${data.people} people from ${dir} (${data.cached} from the cache)`);
      } catch (error) {
        dispatch({ type: 'loadFailed', error: describeError(error) });
      }
    },
    [services, dispatch],
  );

  const actions = useMemo<SimilarityActions>(
    () => ({
      openPrompt: () => dispatch({ type: 'openPrompt' }),
      editPrompt: (value) => dispatch({ type: 'editPrompt', value }),
      cancelPrompt: () => dispatch({ type: 'closePrompt' }),
      openFolder: () => {
        const { prompt, folder } = current();
        const value = prompt === null || prompt.trim() === '' ? folder : prompt;
        if (value.trim() !== '') void open(resolveSinglePath(value, process.cwd()).path);
      },
      nextMetric: () => dispatch({ type: 'nextMetric' }),
      moveThreshold: (direction, size) => {
        const latest = current();
        const scores = scoresOf(latest);
        if (scores === null) return;
        const threshold = effectiveThreshold(latest, scores, appThreshold());
        const step = thresholdStep(scores);
        const [low, high] = thresholdRange(scores, step);
        const moved = size === 'fine' ? nextGridValue(threshold, step / 10, direction, 1) : nextGridValue(threshold, step, direction, size === 'coarse' ? 5 : 1);
        dispatch({ type: 'setThreshold', metric: scores.metric, value: Math.max(low, Math.min(high, moved)) });
      },
      recommendedThreshold: () => {
        const scores = scoresOf(current());
        if (scores === null) return;
        dispatch({ type: 'setThreshold', metric: scores.metric, value: scores.recommended });
      },
      adopt: () => {
        const latest = current();
        const scores = scoresOf(latest);
        if (scores === null) return;
        const threshold = effectiveThreshold(latest, scores, appThreshold());
        const cos = asCosine(scores.metric, threshold);
        if (cos === null) {
          dispatch({ type: 'notice', ok: false, text: `a ${scores.metric} threshold has no cosine equivalent: switch to cosine, dot or euclidean to adopt one` });
          return;
        }
        const value = Number(cos.toFixed(4));
        adoptThreshold(value);
        dispatch({ type: 'notice', ok: true, text: `adopted ${value} (cosine) for this session: the auth console now decides with it; w writes it to the config file` });
      },
      save: () => {
        if (app.threshold.source !== 'adopted') {
          dispatch({ type: 'notice', ok: false, text: 'adopt a threshold first (a)' });
          return;
        }
        // Never into the config.yaml shipped inside the package: the user's config file instead.
        const loaded = services.configPath;
        const file = writableConfigPath(loaded === null || loaded === defaultConfigPath() ? undefined : loaded);
        const value = app.threshold.value;
        void writeVerificationThreshold(file, value).then(
          () => dispatch({ type: 'notice', ok: true, text: `wrote verification.threshold: ${value} to ${file}` }),
          (error: unknown) => dispatch({ type: 'notice', ok: false, text: describeError(error).message }),
        );
      },
      edgeCases: () => {
        const { data } = current();
        const a = data?.embeddings[0];
        const b = data?.embeddings.find((_, i) => data.labels[i] !== data.labels[0]) ?? data?.embeddings[1];
        if (a === undefined || b === undefined) {
          dispatch({ type: 'notice', ok: false, text: 'open a labelled folder first: the edge cases use its embeddings' });
          return;
        }
        dispatch({ type: 'showEdgeCases', cases: edgeCases(a, b) });
      },
      showHistogram: () => dispatch({ type: 'showHistogram' }),
    }),
    [open, current, dispatch, scoresOf, appThreshold, adoptThreshold, app.threshold, services],
  );
  return { state, current, actions, scores, threshold };
};
