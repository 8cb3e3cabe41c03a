/**
 * Preprocessing screen state: the image prompt, the inspection of one image
 * (every pipeline step), which step is shown, and the augmentation experiments.
 */
import path from 'node:path';
import { useCallback, useMemo } from 'react';
import { useServices } from '../../app/app-context.js';
import { useSyncedReducer } from '../../app/use-synced-reducer.js';
import { describeError, type ErrorInfo } from '../../app/lib/errors.js';
import { resolveSinglePath } from '../../app/lib/path-complete.js';
import { standardAugmentations } from '../../core/image/augment.js';
import { pipelineSteps } from './preprocess-steps.js';
import { decodeLimits, inspectImage, runExperiment, type ExperimentRow, type FullInspection, type Inspection } from './preprocess-tasks.js';

export type Load =
  | { readonly status: 'idle' }
  | { readonly status: 'running'; readonly file: string }
  | { readonly status: 'done'; readonly inspection: Inspection }
  | { readonly status: 'failed'; readonly file: string; readonly error: ErrorInfo };

export interface Experiments {
  readonly status: 'idle' | 'running' | 'done' | 'failed';
  readonly total: number;
  readonly rows: readonly ExperimentRow[];
  readonly error: ErrorInfo | null;
}

export interface PreprocessState {
  readonly prompt: string | null;
  readonly lastImage: string;
  readonly load: Load;
  readonly step: number;
  readonly view: 'steps' | 'experiments';
  readonly experiments: Experiments;
}

export type PreprocessAction =
  | { readonly type: 'openPrompt' }
  | { readonly type: 'editPrompt'; readonly value: string }
  | { readonly type: 'closePrompt' }
  | { readonly type: 'loadStarted'; readonly file: string }
  | { readonly type: 'loaded'; readonly inspection: Inspection }
  | { readonly type: 'loadFailed'; readonly file: string; readonly error: ErrorInfo }
  | { readonly type: 'step'; readonly by: 1 | -1 }
  | { readonly type: 'showSteps' }
  | { readonly type: 'showExperiments' }
  | { readonly type: 'experimentsStarted'; readonly total: number }
  | { readonly type: 'experimentRow'; readonly row: ExperimentRow }
  | { readonly type: 'experimentsDone' }
  | { readonly type: 'experimentsFailed'; readonly error: ErrorInfo };

const noExperiments: Experiments = { status: 'idle', total: 0, rows: [], error: null };

export const initialPreprocessState = (defaultImage: string): PreprocessState => ({
  prompt: null,
  lastImage: defaultImage,
  load: { status: 'idle' },
  step: 0,
  view: 'steps',
  experiments: noExperiments,
});

export const preprocessReducer = (state: PreprocessState, action: PreprocessAction): PreprocessState => {
  switch (action.type) {
    case 'openPrompt':
      return { ...state, prompt: '' };
    case 'editPrompt':
      return state.prompt === null ? state : { ...state, prompt: action.value };
    case 'closePrompt':
      return { ...state, prompt: null };
    case 'loadStarted':
      return { ...state, prompt: null, lastImage: action.file, load: { status: 'running', file: action.file }, step: 0, view: 'steps', experiments: noExperiments };
    case 'loaded':
      return { ...state, load: { status: 'done', inspection: action.inspection } };
    case 'loadFailed':
      return { ...state, load: { status: 'failed', file: action.file, error: action.error } };
    case 'step': {
      if (state.load.status !== 'done' || state.view !== 'steps') return state;
      const step = Math.max(0, Math.min(pipelineSteps.length - 1, state.step + action.by));
      return step === state.step ? state : { ...state, step };
    }
    case 'showSteps':
      return { ...state, view: 'steps' };
    case 'showExperiments':
      return state.load.status === 'done' ? { ...state, view: 'experiments' } : state;
    case 'experimentsStarted':
      return { ...state, view: 'experiments', experiments: { status: 'running', total: action.total, rows: [], error: null } };
    case 'experimentRow':
      return { ...state, experiments: { ...state.experiments, rows: [...state.experiments.rows, action.row] } };
    case 'experimentsDone':
      return { ...state, experiments: { ...state.experiments, status: 'done' } };
    case 'experimentsFailed':
      return { ...state, experiments: { ...state.experiments, status: 'failed', error: action.error } };
  }
};

export interface PreprocessActions {
  readonly openPrompt: () => void;
  readonly editPrompt: (value: string) => void;
  readonly cancelPrompt: () => void;
  /** Enter in the prompt: inspects the typed image, or the last one. */
  readonly inspect: () => void;
  readonly nextStep: () => void;
  readonly previousStep: () => void;
  /** Runs the augmentation experiments on the inspected image (or shows them when they ran). */
  readonly experiments: () => void;
  readonly showSteps: () => void;
}

export const usePreprocessState = (): [PreprocessState, PreprocessActions, () => PreprocessState] => {
  const services = useServices();
  const [state, dispatch, current] = useSyncedReducer(preprocessReducer, () => {
    const faces = services.defaultFacesDir();
    return initialPreprocessState(faces === null ? '' : path.join(faces, 'person_01', 'deepface__img1.jpg'));
  });
  const limits = useMemo(() => decodeLimits(services.config), [services]);

  const inspect = useCallback(
    async (file: string) => {
      dispatch({ type: 'loadStarted', file });
      try {
        const engine = await services.engine();
        dispatch({ type: 'loaded', inspection: await inspectImage(engine, file, limits) });
      } catch (error) {
        dispatch({ type: 'loadFailed', file, error: describeError(error) });
      }
    },
    [services, limits, dispatch],
  );

  const experiments = useCallback(
    async (inspection: FullInspection) => {
      dispatch({ type: 'experimentsStarted', total: standardAugmentations.length });
      try {
        const engine = await services.engine();
        for (const op of standardAugmentations) {
          if (services.signal.aborted) return;
          dispatch({ type: 'experimentRow', row: await runExperiment(engine, inspection, op, limits) });
        }
        dispatch({ type: 'experimentsDone' });
      } catch (error) {
        dispatch({ type: 'experimentsFailed', error: describeError(error) });
      }
    },
    [services, limits, dispatch],
  );

  const actions = useMemo<PreprocessActions>(
    () => ({
      openPrompt: () => dispatch({ type: 'openPrompt' }),
      editPrompt: (value) => dispatch({ type: 'editPrompt', value }),
      cancelPrompt: () => dispatch({ type: 'closePrompt' }),
      inspect: () => {
        const { prompt, lastImage } = current();
        const value = prompt === null || prompt.trim() === '' ? lastImage : prompt;
        if (value.trim() !== '') void inspect(resolveSinglePath(value, process.cwd()).path);
      },
      nextStep: () => dispatch({ type: 'step', by: 1 }),
      previousStep: () => dispatch({ type: 'step', by: -1 }),
      experiments: () => {
        const { load, experiments: done } = current();
        // Experiments compare embeddings: an image without a usable face has none.
        if (load.status !== 'done' || load.inspection.kind !== 'full') return;
        if (done.status === 'idle' || done.status === 'failed') void experiments(load.inspection);
        else dispatch({ type: 'showExperiments' });
      },
      showSteps: () => dispatch({ type: 'showSteps' }),
    }),
    [inspect, experiments, dispatch, current],
  );
  return [state, actions, current];
};
