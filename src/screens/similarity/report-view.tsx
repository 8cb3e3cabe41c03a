import { Box, Text } from 'ink';
import { useLayout, useTheme } from '../../app/app-context.js';
import { BusyLine } from '../../app/components/busy-line.js';
import { ErrorView } from '../../app/components/error-view.js';
import { ProgressBar } from '../../app/components/progress-bar.js';
import type { ReportState } from './use-evaluation-report.js';

/** Rows the report text may take: the rest are the screen's title and folder lines, this view's status line and a spare one. */
export const reportRows = (bodyRows: number): number => Math.max(3, bodyRows - 4);

/** The evaluation report as text, scrolled by ↑↓ and PgUp/PgDn; progress while it runs. */
export const ReportView = ({ report, lines }: { readonly report: ReportState; readonly lines: readonly string[] }) => {
  const theme = useTheme();
  const { columns, bodyRows } = useLayout();
  const { run } = report;
  if (run.status === 'idle') return null;
  if (run.status === 'running') {
    const p = run.progress;
    return (
      <Box flexDirection="column">
        <BusyLine label={p === null ? `reading ${run.folder}` : `embedding, pass ${p.pass}/${p.passes} (${p.variant})`} />
        {p === null ? null : <ProgressBar fraction={p.total === 0 ? 0 : p.done / p.total} width={Math.max(10, Math.min(40, columns - 30))} label={`${p.done}/${p.total}`} />}
        <Text {...theme.muted}>every pair, four pipelines (the standard one and three ablations); embeddings are cached, so a second run is quick</Text>
      </Box>
    );
  }
  if (run.status === 'failed') return <ErrorView error={run.error} title="evaluation" />;
  const rows = reportRows(bodyRows);
  const shown = lines.slice(report.scroll, report.scroll + rows);
  return (
    <Box flexDirection="column">
      {shown.map((line, i) => (
        // Lines are positional: the index is the identity.
        <Text key={report.scroll + i} wrap="truncate-end">
          {line === '' ? ' ' : line}
        </Text>
      ))}
      <Text {...theme.muted}>
        lines {report.scroll + 1}-{report.scroll + shown.length} of {lines.length} · ↑↓ PgUp/PgDn scroll · Esc back · the same report as face-auth-tui evaluate
      </Text>
    </Box>
  );
};
