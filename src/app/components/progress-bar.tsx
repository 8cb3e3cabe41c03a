import { Box, Text } from 'ink';
import { useTheme } from '../app-context.js';
import { formatPercent } from '../lib/format.js';

export interface ProgressBarProps {
  /** 0..1; undefined draws an empty bar (total unknown). */
  readonly fraction: number | undefined;
  /** Bar width in cells (default 30). */
  readonly width?: number;
  /** Text after the bar, e.g. "12/40". */
  readonly label?: string;
}

/** `[██████░░░░░░] 40.0% label` */
export const ProgressBar = ({ fraction, width = 30, label }: ProgressBarProps) => {
  const theme = useTheme();
  const f = fraction === undefined || !Number.isFinite(fraction) ? 0 : Math.max(0, Math.min(1, fraction));
  const filled = Math.round(f * width);
  return (
    <Box>
      <Text {...theme.ok}>{'█'.repeat(filled)}</Text>
      <Text {...theme.muted}>{'░'.repeat(width - filled)}</Text>
      <Text> {fraction === undefined ? '' : formatPercent(f, 0).padStart(4)}</Text>
      {label === undefined ? null : <Text> {label}</Text>}
    </Box>
  );
};
