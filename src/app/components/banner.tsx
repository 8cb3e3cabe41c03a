import { Box, Text } from 'ink';
import { useTheme } from '../app-context.js';

/** A large one-line verdict (ACCEPTED / DENIED) with details underneath. */
export const Banner = ({ ok, title, details }: { readonly ok: boolean; readonly title: string; readonly details: readonly string[] }) => {
  const theme = useTheme();
  const style = ok ? theme.accepted : theme.denied;
  return (
    <Box flexDirection="column" borderStyle="double" {...(theme.border === undefined ? {} : { borderColor: ok ? 'green' : 'red' })} paddingX={1}>
      <Text {...style}>
        {'  '}
        {ok ? '✔' : '✖'} {title}
        {'  '}
      </Text>
      {details.map((line) => (
        <Text key={line}>{line}</Text>
      ))}
    </Box>
  );
};
