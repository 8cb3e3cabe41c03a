import { Text } from 'ink';
import Spinner from 'ink-spinner';
import { useTheme } from '../app-context.js';

/** A turning spinner and what is being done. */
export const BusyLine = ({ label }: { readonly label: string }) => {
  const theme = useTheme();
  return (
    <Text>
      <Text {...theme.busy}>
        <Spinner type="dots" />
      </Text>{' '}
      {label}
    </Text>
  );
};
