/**
 * The full evaluation of the open labelled folder, as `face-auth-tui evaluate`
 * reports it (verification figures, the ROC plot, rank-1/rank-5 and open-set
 * rates, the metric and ablation comparison, the recommended threshold), run by
 * the same core service with the same embedding cache, shown as scrollable text.
 */
import { useCallback, useMemo } from 'react';
import { useAppState, useServices } from '../../app/app-context.js';
import { describeError, type ErrorInfo } from '../../app/lib/errors.js';
import { useSyncedReducer } from '../../app/use-synced-reducer.js';
import { embeddingCacheSalt, evaluateFolder } from '../../core/evaluation/evaluate-folder.js';
import { formatReportText } from '../../core/evaluation/report-format.js';
import { wrapReportLines } from './report-lines.js';

export interface ReportProgress {
  readonly pass: number;
  readonly passes: number;
  readonly variant: string;
  readonly done: number;
  readonly total: number;
}

export type ReportRun =
  | { readonly status: 'idle' }
  | { readonly status: 'running'; readonly folder: string; readonly progress: ReportProgress | null }
  | { readonly status: 'done'; readonly folder: string; readonly lines: readonly string[] }
  | { readonly status: 'failed'; readonly folder: string; readonly error: ErrorInfo };

export interface ReportState {
  readonly shown: boolean;
  readonly run: ReportRun;
  /** First line shown. */
  readonly scroll: number;
}

export type ReportAction =
  | { readonly type: 'show'; readonly shown: boolean }
  | { readonly type: 'run'; readonly run: ReportRun }
  | { readonly type: 'progress'; readonly progress: ReportProgress }
  | { readonly type: 'scroll'; readonly by: number; readonly visible: number; readonly total?: number };

export const initialReportState: ReportState = { shown: false, run: { status: 'idle' }, scroll: 0 };

export const reportReducer = (state: ReportState, action: ReportAction): ReportState => {
  switch (action.type) {
    case 'show':
      return { ...state, shown: action.shown };
    case 'run':
      return { ...state, shown: true, run: action.run, scroll: action.run.status === 'running' ? 0 : state.scroll };
    case 'progress':
      return state.run.status === 'running' ? { ...state, run: { ...state.run, progress: action.progress } } : state;
    case 'scroll': {
      const lines = action.total ?? (state.run.status === 'done' ? state.run.lines.length : 0);
      const max = Math.max(0, lines - action.visible);
      return { ...state, scroll: Math.max(0, Math.min(max, state.scroll + action.by)) };
    }
  }
};

export interface ReportActions {
  /** Shows the report of `folder`, running the evaluation unless it has already run for it. */
  readonly open: (folder: string) => void;
  readonly close: () => void;
  readonly scroll: (by: number, visible: number) => void;
}

/** The report's state, its actions, the latest state, and its lines wrapped to `columns` (what is shown and scrolled). */
export const useEvaluationReport = (columns: number): [ReportState, ReportActions, () => ReportState, readonly string[]] => {
  const services = useServices();
  const { threshold } = useAppState();
  const [state, dispatch, current] = useSyncedReducer(reportReducer, () => initialReportState);
  const lines = state.run.status === 'done' ? state.run.lines : null;
  const wrapped = useMemo(() => (lines === null ? [] : wrapReportLines(lines, columns)), [lines, columns]);
  const wrappedCount = wrapped.length;
  const run = useCallback(
    async (folder: string) => {
      dispatch({ type: 'run', run: { status: 'running', folder, progress: null } });
      try {
        const engine = await services.engine();
        const report = await evaluateFolder(
          engine,
          folder,
          { threshold: threshold.value, cacheDir: services.embeddingCacheDir, cacheSalt: embeddingCacheSalt(services.config), ablations: true, signal: services.signal },
          (event) => dispatch({ type: 'progress', progress: { pass: event.pass, passes: event.passes, variant: event.variant, done: event.done, total: event.total } }),
        );
        const source = threshold.source === 'adopted' ? 'adopted on this screen' : 'config';
        dispatch({ type: 'run', run: { status: 'done', folder, lines: formatReportText(report, { thresholdSource: source }) } });
      } catch (error) {
        dispatch({ type: 'run', run: { status: 'failed', folder, error: describeError(error) } });
      }
    },
    [services, threshold, dispatch],
  );
  const actions = useMemo<ReportActions>(
    () => ({
      open: (folder) => {
        const latest = current().run;
        if (latest.status !== 'idle' && latest.folder === folder && latest.status !== 'failed') dispatch({ type: 'show', shown: true });
        else void run(folder);
      },
      close: () => dispatch({ type: 'show', shown: false }),
      scroll: (by, visible) => dispatch({ type: 'scroll', by, visible, total: wrappedCount }),
    }),
    [current, dispatch, run, wrappedCount],
  );
  return [state, actions, current, wrapped];
};
