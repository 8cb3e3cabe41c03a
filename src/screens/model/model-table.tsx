import { Box, Text } from 'ink';
import { useTheme, useLayout } from '../../app/app-context.js';
import type { BootState, ModelRow } from '../../app/boot.js';
import { BusyLine } from '../../app/components/busy-line.js';
import { ErrorView } from '../../app/components/error-view.js';
import { ProgressBar } from '../../app/components/progress-bar.js';
import { ThemedTable } from '../../app/components/themed-table.js';
import { fitColumns } from '../../app/lib/fit-columns.js';
import { formatBytes } from '../../app/lib/format.js';

type Column = 'model' | 'role' | 'input' | 'outputs' | 'size' | 'sha256' | 'licence' | 'state';
const displayOrder: readonly Column[] = ['model', 'role', 'input', 'outputs', 'size', 'sha256', 'licence', 'state'];
const priority: readonly Column[] = ['model', 'state', 'sha256', 'size', 'input', 'licence', 'role', 'outputs'];

const shaText = (row: ModelRow): string => (row.sha256Ok === null ? (row.phase === 'checking' ? '…' : '-') : row.sha256Ok ? '✔ ok' : '✖ bad');

const stateText = (row: ModelRow): string =>
  row.phase === 'missing' ? 'missing' : row.phase === 'corrupt' ? 'damaged' : row.phase;

/** The model table (@alcalzone/ink-table), columns dropped to fit, and the fetch/load progress. */
export const ModelTable = ({ boot }: { readonly boot: BootState }) => {
  const theme = useTheme();
  const { columns: width } = useLayout();
  const rows: Record<Column, string>[] = boot.models.map((row) => ({
    model: row.id,
    role: row.role + (row.role === 'liveness' ? '*' : ''),
    input: row.input,
    outputs: row.outputs,
    size: formatBytes(row.size),
    sha256: shaText(row),
    licence: row.license,
    state: stateText(row),
  }));
  const kept = fitColumns(rows, priority, width - 2);
  const columns = displayOrder.filter((c) => kept.includes(c));
  const download = boot.download;
  return (
    <Box flexDirection="column">
      {rows.length === 0 ? <BusyLine label="reading the model manifest" /> : <ThemedTable data={rows} columns={columns} />}
      {download === null ? null : (
        <ProgressBar
          fraction={download.total === undefined ? undefined : download.received / download.total}
          width={Math.max(10, Math.min(40, width - 40))}
          label={`tarball ${formatBytes(download.received)}${download.total === undefined ? '' : ` of ${formatBytes(download.total)}`}`}
        />
      )}
      {boot.phase === 'checking' ? <BusyLine label="checking each model's size and SHA-256" /> : null}
      {boot.phase === 'fetching' ? <BusyLine label="fetching models through npm (verified by sha512, then SHA-256 per model)" /> : null}
      {boot.phase === 'loading' ? <BusyLine label="loading the models into the inference worker (ONNX Runtime)" /> : null}
      {boot.error === null ? null : <ErrorView error={boot.error} title="models" />}
      {boot.models.some((m) => m.role === 'liveness') ? <Text {...theme.muted}>* liveness output is experimental</Text> : null}
    </Box>
  );
};
