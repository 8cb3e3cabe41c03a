import { Box, Text } from 'ink';
import { useAppState, useLayout, useTheme } from '../../app/app-context.js';
import { BusyLine } from '../../app/components/busy-line.js';
import { ErrorView } from '../../app/components/error-view.js';
import { PathPrompt } from '../../app/components/path-prompt.js';
import { ProgressBar } from '../../app/components/progress-bar.js';
import { hint } from '../../app/keymap.js';
import { truncate } from '../../app/lib/format.js';
import type { ScreenProps } from '../../app/screen-props.js';
import { useScreenMode } from '../../app/use-screen-mode.js';
import { metricNames } from '../../core/similarity/metrics.js';
import { EdgeCasesView } from './edge-cases-view.js';
import { HistogramView } from './histogram-view.js';
import { ReportView, reportRows } from './report-view.js';
import { useEvaluationReport } from './use-evaluation-report.js';
import { useSimilarityInput } from './use-similarity-input.js';
import { useSimilarityState } from './use-similarity-state.js';
import { formatThreshold } from '../../core/format-threshold.js';

/** 3 · Similarity & threshold. */
export const SimilarityScreen = ({ active }: ScreenProps) => {
  const theme = useTheme();
  const { columns, bodyRows } = useLayout();
  const app = useAppState();
  const { state, current, actions, scores, threshold } = useSimilarityState();
  const [report, reportActions, currentReport, reportLines] = useEvaluationReport(columns);
  useSimilarityInput(active, state, current, actions, { current: currentReport, actions: reportActions, rows: reportRows(bodyRows) });
  const prompting = state.prompt !== null;
  const loaded = scores !== null && threshold !== null;
  useScreenMode(
    'similarity',
    prompting,
    !prompting && state.view === 'histogram' && !report.shown,
    prompting
      ? [hint('submit'), hint('complete'), hint('cancel')]
      : report.shown
        ? [{ keys: '↑↓', action: 'scroll' }, { keys: 'PgUp/PgDn', action: 'page' }, hint('back', 'histogram')]
        : state.view === 'edge'
        ? [hint('back', 'histogram')]
        : loaded
          ? [
              { keys: '←→', action: 'threshold' },
              { keys: '↑↓', action: '×5' },
              { keys: '[]', action: 'fine' },
              hint('recommended', 'recommended'),
              hint('metric'),
              hint('adopt', 'adopt'),
              hint('save', 'save'),
              hint('edgeCases'),
              hint('fullReport', 'full report'),
              hint('open'),
            ]
          : [hint('select', 'open folder')],
  );
  const { load, data } = state;
  return (
    <Box flexDirection="column">
      <Text wrap="truncate-end">
        <Text {...theme.heading}>Similarity</Text>
        <Text {...theme.muted}> metric </Text>
        {metricNames.map((m) => (
          <Text key={m} {...(m === state.metric ? theme.tabActive : theme.muted)}>
            {` ${m} `}
          </Text>
        ))}
        <Text {...theme.muted}>
          {' '}
          · app threshold {formatThreshold(app.threshold.value)} ({app.threshold.source})
        </Text>
      </Text>
      {data === null ? null : (
        <Text {...theme.muted} wrap="truncate-end">
          {truncate(data.dir, Math.max(10, columns - 70), true)} · {data.people} people · {data.embeddings.length}/{data.images} images usable · {data.genuinePairs.length} genuine ·{' '}
          {data.impostorPairs.length}
          {data.impostorPairs.length < data.impostorTotal ? ` of ${data.impostorTotal}` : ''} impostor pairs
        </Text>
      )}
      {state.prompt === null ? null : (
        <PathPrompt
          label="Labelled folder (one subfolder per person):"
          value={state.prompt}
          onChange={actions.editPrompt}
          onSubmit={actions.openFolder}
          onCancel={actions.cancelPrompt}
          active={active}
          defaultValue={state.folder}
          cwd={process.cwd()}
        />
      )}
      {load.status === 'idle' && !prompting ? (
        <Box flexDirection="column">
          <Text>Press Enter to open a labelled folder{state.folder === '' ? '' : ` (default ${state.folder})`}.</Text>
          <Text {...theme.muted}>Every photo is embedded once (cached), then every pair is compared: genuine = same person, impostor = different people.</Text>
        </Box>
      ) : null}
      {load.status === 'scanning' ? <BusyLine label={`listing ${state.folder}`} /> : null}
      {load.status === 'embedding' ? (
        <Box flexDirection="column">
          <BusyLine label={`embedding the photos (${load.cached} from the cache, ${load.failed} without a usable face)`} />
          <ProgressBar fraction={load.total === 0 ? 0 : load.done / load.total} width={Math.max(10, Math.min(40, columns - 30))} label={`${load.done}/${load.total}`} />
        </Box>
      ) : null}
      {load.error === null ? null : <ErrorView error={load.error} title="folder" />}
      {state.notice === null ? null : (
        <Text {...(state.notice.ok ? theme.ok : theme.warn)} wrap="wrap">
          {state.notice.text}
        </Text>
      )}
      {report.shown ? <ReportView report={report} lines={reportLines} /> : null}
      {loaded && state.view === 'histogram' && !report.shown ? <HistogramView scores={scores} threshold={threshold} /> : null}
      {state.view === 'edge' && !report.shown ? <EdgeCasesView cases={state.edge} /> : null}
    </Box>
  );
};
