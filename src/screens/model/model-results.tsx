import { Box, Text } from 'ink';
import { useLayout, useTheme } from '../../app/app-context.js';
import { BusyLine } from '../../app/components/busy-line.js';
import { ErrorView } from '../../app/components/error-view.js';
import { ProgressBar } from '../../app/components/progress-bar.js';
import { displayPath, median } from '../../app/lib/images.js';
import { formatMs, formatSigned, truncate } from '../../app/lib/format.js';
import { stageNames, type BenchSummary, type EmbedSummary, type ValidationSummary } from './model-tasks.js';
import type { BatchState, Run } from './use-model-state.js';
import { oneLine } from '../../core/text/safe-text.js';

export const EmbedResultView = ({ run }: { readonly run: Run<EmbedSummary> }) => {
  const theme = useTheme();
  const { columns } = useLayout();
  if (run.status === 'idle') return null;
  if (run.status === 'running') return <BusyLine label={`embedding ${truncate(run.label, columns - 14, true)}`} />;
  if (run.status === 'failed') return <ErrorView error={run.error} title="embed" />;
  const r = run.result;
  const t = r.timings;
  const values = r.first.map((v) => formatSigned(v, 4));
  const perLine = Math.max(2, Math.floor((columns - 16) / 8));
  return (
    <Box flexDirection="column">
      <Text wrap="truncate-start">{oneLine(r.file)}</Text>
      <Text>
        {r.format} {r.width}x{r.height} · {r.faces} face{r.faces === 1 ? '' : 's'} (score {r.score.toFixed(3)}) · total{' '}
        <Text {...theme.value}>{formatMs(t.total)}</Text>
      </Text>
      <Text>
        dimension <Text {...theme.value}>{r.dim}</Text> · norm <Text {...theme.value}>{r.norm.toFixed(4)}</Text> (before L2: {r.rawNorm.toFixed(2)}) ·
        liveness {Number.isNaN(r.liveness) ? 'n/a' : r.liveness.toFixed(2)} (experimental)
      </Text>
      <Text>first values: {values.slice(0, perLine).join(' ')} …</Text>
      <Text {...theme.muted} wrap="wrap">
        stages: decode {formatMs(t.decode)} · detect {formatMs(t.detect)} · landmarks {formatMs(t.landmarks)} · align {formatMs(t.align)} · embed{' '}
        {formatMs(t.embed)} · liveness {formatMs(t.liveness)}
      </Text>
    </Box>
  );
};

export const BatchView = ({ batch }: { readonly batch: BatchState }) => {
  const theme = useTheme();
  const { columns } = useLayout();
  if (batch.status === 'idle') return null;
  const ok = batch.done - batch.failed;
  const rate = batch.elapsedMs > 0 ? (batch.done / batch.elapsedMs) * 1000 : 0;
  const failures = Object.entries(batch.failures).map(([code, n]) => `${code} ${n}`);
  return (
    <Box flexDirection="column">
      <Text wrap="truncate-start">folder {batch.folder}</Text>
      {batch.status === 'listing' ? <BusyLine label="listing images" /> : null}
      {batch.status === 'running' ? <BusyLine label={`embedding ${truncate(displayPath(batch.last, batch.folder), columns - 16, true)}`} /> : null}
      {batch.total > 0 || batch.status !== 'listing' ? (
        <ProgressBar fraction={batch.total === 0 ? 1 : batch.done / batch.total} width={Math.max(10, Math.min(40, columns - 30))} label={`${batch.done}/${batch.total}`} />
      ) : null}
      <Text>
        <Text {...theme.ok}>{ok} embedded</Text> · <Text {...(batch.failed > 0 ? theme.warn : {})}>{batch.failed} failed</Text> ·{' '}
        {rate.toFixed(1)} images/s · median {formatMs(median(batch.times))} per image
      </Text>
      {failures.length === 0 ? null : <Text {...theme.muted}>failures: {failures.join(', ')}</Text>}
      {batch.failedFiles.map((f) => (
        <Text key={f.file} {...theme.warn} wrap="truncate-start">
          {'  '}✖ {f.code} {displayPath(f.file, batch.folder)}
        </Text>
      ))}
      {batch.failed > batch.failedFiles.length ? <Text {...theme.muted}>{'  '}… and {batch.failed - batch.failedFiles.length} more</Text> : null}
      {batch.status === 'done' ? <Text {...theme.ok}>✔ done in {formatMs(batch.elapsedMs)}</Text> : null}
      {batch.error === null ? null : <ErrorView error={batch.error} title="batch" />}
    </Box>
  );
};

export const ValidationView = ({ summary }: { readonly summary: ValidationSummary | null }) => {
  const theme = useTheme();
  if (summary === null) return null;
  if (summary.checked === 0) return <Text {...theme.warn}>Nothing to validate yet: embed an image or a folder first.</Text>;
  const allOk = summary.ok === summary.checked;
  return (
    <Box flexDirection="column">
      <Text {...(allOk ? theme.ok : theme.error)}>
        {allOk ? '✔' : '✖'} {summary.ok} of {summary.checked} embeddings valid
      </Text>
      <Text>
        dimension {summary.expectedDim} expected · norms {summary.minNorm.toFixed(6)} .. {summary.maxNorm.toFixed(6)} (valid: 1 ± 0.001) · non-finite values{' '}
        {summary.nonFinite}
      </Text>
      {summary.problems.map((p) => (
        <Text key={p} {...theme.error} wrap="truncate-end">
          {p}
        </Text>
      ))}
    </Box>
  );
};

export const BenchView = ({ run, progress }: { readonly run: Run<BenchSummary>; readonly progress: { done: number; total: number } }) => {
  const theme = useTheme();
  const { columns } = useLayout();
  if (run.status === 'idle') return null;
  if (run.status === 'running') {
    return (
      <Box flexDirection="column">
        <BusyLine label={`benchmarking ${truncate(run.label, columns - 20, true)}`} />
        <ProgressBar fraction={progress.total === 0 ? 0 : progress.done / progress.total} width={30} label={`${progress.done}/${progress.total}`} />
      </Box>
    );
  }
  if (run.status === 'failed') return <ErrorView error={run.error} title="benchmark" />;
  const r = run.result;
  const longest = Math.max(...r.stages.map((s) => s.medianMs), 1);
  const barWidth = Math.max(5, Math.min(30, columns - 40));
  const modelOf = (stage: string): string => {
    const role = stage === 'detect' ? 'detector' : stage === 'landmarks' ? 'landmarks' : stage === 'embed' ? 'embedder' : stage === 'liveness' ? 'liveness' : '';
    const m = r.models.find((x) => x.role === role);
    return m === undefined ? '' : `raw model alone ${formatMs(m.medianMs)}`;
  };
  return (
    <Box flexDirection="column">
      <Text wrap="truncate-start">
        {r.runs} runs of {oneLine(r.file)}
      </Text>
      {r.stages.map((s) => (
        <Text key={s.stage}>
          {s.stage.padEnd(10)} {formatMs(s.medianMs).padStart(8)} <Text {...theme.ok}>{'█'.repeat(Math.max(1, Math.round((s.medianMs / longest) * barWidth)))}</Text>{' '}
          <Text {...theme.muted}>{modelOf(s.stage)}</Text>
        </Text>
      ))}
      <Text>
        total <Text {...theme.value}>{formatMs(r.totalMs)}</Text> per image · models in situ {formatMs(r.modelsInSituMs)} · floor (raw models){' '}
        {formatMs(r.floorMs)} = {(r.totalMs / r.floorMs).toFixed(2)}x
      </Text>
      <Text {...theme.muted}>stages: {stageNames.join(' → ')}</Text>
    </Box>
  );
};
