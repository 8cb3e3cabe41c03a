import { Box, Text } from 'ink';
import { useTheme } from '../app-context.js';

export interface Choice {
  readonly label: string;
  readonly description?: string;
}

/** A vertical list of a screen's tasks; the selected one is highlighted. Keys are handled by the screen. */
export const ChoiceList = ({ choices, selected, active }: { readonly choices: readonly Choice[]; readonly selected: number; readonly active: boolean }) => {
  const theme = useTheme();
  return (
    <Box flexDirection="column">
      {choices.map((choice, i) => (
        <Box key={choice.label}>
          <Text {...(i === selected && active ? theme.selected : {})}>
            {i === selected ? '› ' : '  '}
            {choice.label}
          </Text>
          {choice.description === undefined ? null : (
            <Text {...theme.muted} wrap="truncate-end">
              {'  '}
              {choice.description}
            </Text>
          )}
        </Box>
      ))}
    </Box>
  );
};
