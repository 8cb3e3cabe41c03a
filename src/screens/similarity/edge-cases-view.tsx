import { Box, Text } from 'ink';
import { useLayout, useTheme } from '../../app/app-context.js';
import type { EdgeCase } from './similarity-tasks.js';

/** The metrics on awkward vectors: each value, or the error it gives (code and message). */
export const EdgeCasesView = ({ cases }: { readonly cases: readonly EdgeCase[] }) => {
  const theme = useTheme();
  const { columns } = useLayout();
  return (
    <Box flexDirection="column">
      <Text {...theme.heading}>Edge cases (a, b: two real embeddings from the folder)</Text>
      {cases.map((c) => (
        <Box key={c.label} flexDirection="column">
          <Text>{c.label}</Text>
          <Text {...(c.ok ? theme.ok : theme.error)} wrap={columns >= 100 ? 'wrap' : 'truncate-end'}>
            {'   '}
            {c.ok ? '= ' : '✖ '}
            {c.result}
          </Text>
        </Box>
      ))}
    </Box>
  );
};
