import { Box, Text } from 'ink';
import { useLayout, useTheme } from '../../app/app-context.js';
import { BusyLine } from '../../app/components/busy-line.js';
import { ErrorView } from '../../app/components/error-view.js';
import { ProgressBar } from '../../app/components/progress-bar.js';
import { formatBytes, formatMs, shortHash, truncate } from '../../app/lib/format.js';
import type { RecordSummary } from '../../core/store/face-store.js';
import { labelOf, type BackendFigures, type IntegrityReport, type RecordDetail } from './storage-tasks.js';

const when = (iso: string): string => iso.replace('T', ' ').slice(0, 16);

const statusText = (entry: RecordSummary): string =>
  entry.status === 'ok' ? 'ok' : entry.status === 'mismatch' ? 'other model' : 'DAMAGED';

/** The figures line: backend, size, records, load time. */
export const FiguresLine = ({ figures }: { readonly figures: BackendFigures }) => {
  const theme = useTheme();
  const { columns } = useLayout();
  const extra = [figures.corrupt > 0 ? `${figures.corrupt} damaged` : '', figures.mismatched > 0 ? `${figures.mismatched} other model` : ''].filter((s) => s !== '');
  return (
    <Box flexDirection="column">
      <Text wrap="truncate-end">
        <Text {...theme.value}>{figures.kind}</Text> {truncate(figures.uri, Math.max(10, columns - 60), true)} · {formatBytes(figures.bytes)} ·{' '}
        {figures.people} {figures.people === 1 ? 'person' : 'people'} · {figures.templates} template{figures.templates === 1 ? '' : 's'}{extra.length === 0 ? '' : ` · ${extra.join(', ')}`}
      </Text>
      <Text {...theme.muted}>
        load all (checksums verified) {formatMs(figures.loadMs)} · list {formatMs(figures.listMs)}
      </Text>
    </Box>
  );
};

export const EntryTable = ({
  entries,
  selected,
  pageSize,
  active,
  search = '',
}: {
  readonly entries: readonly RecordSummary[];
  readonly selected: number;
  readonly pageSize: number;
  readonly active: boolean;
  /** The search that filtered `entries` ('' for none): an empty page then says so. */
  readonly search?: string;
}) => {
  const theme = useTheme();
  const { columns } = useLayout();
  const page = Math.floor(selected / pageSize);
  const pages = Math.max(1, Math.ceil(entries.length / pageSize));
  const shown = entries.slice(page * pageSize, (page + 1) * pageSize);
  // Names get their room first (up to 30); then the model and created columns, as far as the width allows.
  const longest = Math.max(4, ...shown.map((e) => labelOf(e).length));
  const statusRoom = 10;
  const withCreated = columns - 2 >= Math.min(30, longest) + 11 + 18 + statusRoom;
  const withModel = withCreated && columns - 2 >= Math.min(30, longest) + 11 + 18 + 14 + statusRoom;
  const nameWidth = Math.max(8, Math.min(30, longest, columns - 2 - 11 - (withCreated ? 18 : 0) - (withModel ? 14 : 0) - statusRoom));
  const row = (name: string, templates: string, model: string, created: string, status: string): string =>
    `${truncate(name, nameWidth).padEnd(nameWidth)} ${templates.padStart(9)}  ${withModel ? `${truncate(model, 12).padEnd(12)}  ` : ''}${withCreated ? `${created.padEnd(16)}  ` : ''}${status}`;
  return (
    <Box flexDirection="column">
      <Text {...theme.heading}> {row('name', 'templates', 'model', 'created', 'status')}</Text>
      {shown.length === 0 ? <Text {...theme.muted}>{search === '' ? '(no one enrolled yet)' : `(no one matches "${search}")`}</Text> : null}
      {shown.map((entry, i) => {
        const isSelected = page * pageSize + i === selected;
        const text =
          entry.status === 'corrupt'
            ? row(labelOf(entry), '-', '-', '-', `${statusText(entry)}: ${entry.reason}`)
            : row(entry.name, String(entry.templates), entry.modelId, when(entry.createdAt), statusText(entry));
        return (
          <Text key={entry.key} wrap="truncate-end" {...(isSelected && active ? theme.selected : entry.status === 'ok' ? {} : theme.warn)}>
            {isSelected ? '›' : ' '}
            {text}
          </Text>
        );
      })}
      <Text {...theme.muted}>
        page {page + 1}/{pages} · {entries.length} shown
      </Text>
    </Box>
  );
};

export const RecordView = ({ detail }: { readonly detail: RecordDetail }) => {
  const theme = useTheme();
  const { record, templates } = detail;
  const allOk = templates.every((t) => t.ok);
  return (
    <Box flexDirection="column">
      <Text>
        <Text {...theme.heading}>{record.name}</Text>
        <Text {...theme.muted}> id {record.id}</Text>
      </Text>
      <Text>
        model <Text {...theme.value}>{record.modelId}</Text> · preprocessing {record.preprocessing} · {record.dim}-d
      </Text>
      <Text>
        created {when(record.createdAt)} · updated {when(record.updatedAt)}
      </Text>
      <Text {...(allOk ? theme.ok : theme.error)}>
        {allOk ? '✔' : '✖'} checksums verified on read; {templates.filter((t) => t.ok).length}/{templates.length} templates valid (dimension, finite, norm 1)
      </Text>
      {templates.map((t, i) => (
        <Text key={`${t.imageSha256}-${i}`} wrap="truncate-end" {...(t.ok ? {} : theme.error)}>
          #{i + 1} {when(t.createdAt)} · detection {t.detectionScore.toFixed(3)} · norm {t.norm.toFixed(4)} · image {shortHash(t.imageSha256)}
          {t.ok ? '' : ` · ${t.problems.join(' ')}`}
        </Text>
      ))}
    </Box>
  );
};

export const IntegrityView = ({ report }: { readonly report: IntegrityReport }) => {
  const theme = useTheme();
  const clean = report.damaged.length + report.mismatched.length + report.badVectors.length === 0;
  return (
    <Box flexDirection="column">
      <Text {...(clean ? theme.ok : theme.error)}>
        {clean ? '✔ store intact' : '✖ problems found'}: {report.ok}/{report.checked} records ok, {report.templates} templates read back and checked in{' '}
        {formatMs(report.ms)}
      </Text>
      {report.damaged.map((d) => (
        <Text key={d} {...theme.error} wrap="truncate-end">
          damaged: {d}
        </Text>
      ))}
      {report.mismatched.map((d) => (
        <Text key={d} {...theme.warn} wrap="truncate-end">
          other model: {d}
        </Text>
      ))}
      {report.badVectors.map((d) => (
        <Text key={d} {...theme.error} wrap="truncate-end">
          bad vector: {d}
        </Text>
      ))}
    </Box>
  );
};

export const RunStatus = ({ label, error, progress }: { readonly label: string; readonly error?: Parameters<typeof ErrorView>[0]['error']; readonly progress?: { done: number; total: number } }) =>
  error !== undefined ? (
    <ErrorView error={error} title={label} />
  ) : (
    <Box flexDirection="column">
      <BusyLine label={label} />
      {progress === undefined || progress.total === 0 ? null : <ProgressBar fraction={progress.done / progress.total} width={30} label={`${progress.done}/${progress.total}`} />}
    </Box>
  );
