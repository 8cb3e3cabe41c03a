import { Box, Text } from 'ink';
import { useAppState, useTheme } from '../../app/app-context.js';
import { BusyLine } from '../../app/components/busy-line.js';
import { ErrorView } from '../../app/components/error-view.js';
import { formatMs } from '../../app/lib/format.js';
import type { Experiments } from './use-preprocess-state.js';
import { formatThreshold } from '../../core/format-threshold.js';

/** Each augmentation's similarity to the original, with a bar and the verdict at the current threshold. */
export const ExperimentsView = ({ experiments }: { readonly experiments: Experiments }) => {
  const theme = useTheme();
  const { threshold } = useAppState();
  return (
    <Box flexDirection="column">
      <Text>
        <Text {...theme.heading}>Augmentation experiments</Text>
        <Text {...theme.muted}> similarity to the original (cosine) · threshold {formatThreshold(threshold.value)}</Text>
      </Text>
      {experiments.rows.map((row) =>
        row.ok ? (
          <Text key={row.label} wrap="truncate-end">
            {row.label.padEnd(16)} {row.similarity.toFixed(3).padStart(6)}{' '}
            <Text {...(row.similarity >= threshold.value ? theme.ok : theme.error)}>
              {'█'.repeat(Math.max(0, Math.round(row.similarity * 20))).padEnd(20)} {row.similarity >= threshold.value ? 'same' : 'DIFFERENT'}
            </Text>
            <Text {...theme.muted}>
              {' '}
              {row.size} · {row.faces} face{row.faces === 1 ? '' : 's'} · det {row.detection.toFixed(2)} · {formatMs(row.ms)}
            </Text>
          </Text>
        ) : (
          <Text key={row.label} wrap="truncate-end">
            {row.label.padEnd(16)} <Text {...theme.warn}>{row.code}</Text>
            <Text {...theme.muted}>
              {' '}
              {row.size} {row.message}
            </Text>
          </Text>
        ),
      )}
      {experiments.status === 'running' ? <BusyLine label={`augmenting with sharp and embedding ${experiments.rows.length + 1}/${experiments.total}`} /> : null}
      {experiments.error === null ? null : <ErrorView error={experiments.error} title="experiments" />}
    </Box>
  );
};
