import { Box, Text } from 'ink';
import { useSyncExternalStore } from 'react';
import type { LogEntry } from '../core/logger.js';
import { useLayout, useServices, useTheme } from './app-context.js';
import { truncate } from './lib/format.js';

const time = (entry: LogEntry): string => new Date(entry.time).toISOString().slice(11, 19);

/** The last lines of the core's log (model loads, timings, warnings). `v` toggles it. */
export const LogPane = ({ height }: { readonly height: number }) => {
  const theme = useTheme();
  const services = useServices();
  const { columns } = useLayout();
  const entries = useSyncExternalStore(services.logs.subscribe, services.logs.snapshot);
  const shown = entries.slice(Math.max(0, entries.length - height));
  const styleOf = (entry: LogEntry) =>
    entry.level === 'error' ? theme.error : entry.level === 'warn' ? theme.warn : entry.level === 'debug' ? theme.muted : {};
  const title = ` log${services.verbose ? ' (verbose)' : ''} · v hides `;
  return (
    <Box flexDirection="column" height={height + 1} width={columns}>
      <Text {...theme.muted}>{`──${title}${'─'.repeat(Math.max(0, columns - title.length - 2))}`}</Text>
      {shown.length === 0 ? <Text {...theme.muted}>(nothing logged yet)</Text> : null}
      {shown.map((entry, i) => (
        <Text key={`${entry.time}-${i}`} {...styleOf(entry)} wrap="truncate-end">
          {truncate(`${time(entry)} ${entry.level.padEnd(5)} ${entry.message}`, columns)}
        </Text>
      ))}
    </Box>
  );
};
