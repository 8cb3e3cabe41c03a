import { Box, Text } from 'ink';
import { useTheme } from '../app-context.js';
import type { ErrorInfo } from '../lib/errors.js';
import { neutralise } from '../../core/text/safe-text.js';

/** An error with its code and the next step to try. */
export const ErrorView = ({ error, title }: { readonly error: ErrorInfo; readonly title?: string }) => {
  const theme = useTheme();
  return (
    <Box flexDirection="column">
      <Text {...theme.error}>
        ✖ {title === undefined ? '' : `${title}: `}
        {error.bug ? 'internal error' : error.code}
      </Text>
      <Text wrap="wrap">{neutralise(error.message)}</Text>
      {error.hint === undefined ? null : (
        <Text {...theme.muted} wrap="wrap">
          → {error.hint}
        </Text>
      )}
    </Box>
  );
};
