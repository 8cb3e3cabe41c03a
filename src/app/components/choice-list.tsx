import { Box, Text } from 'ink';
import { useLayout, useTheme } from '../app-context.js';

export interface Choice {
  readonly label: string;
  readonly description?: string;
}

/**
 * A vertical list of a screen's tasks; the selected one is highlighted. Keys are
 * handled by the screen. One line per task whatever the width: the labels line
 * up in a column and the descriptions get what is left (none when too little is).
 */
export const ChoiceList = ({
  choices,
  selected,
  active,
  onlySelected = false,
}: {
  readonly choices: readonly Choice[];
  readonly selected: number;
  readonly active: boolean;
  /** Show the selected task alone (with its position), for short terminals. */
  readonly onlySelected?: boolean;
}) => {
  const theme = useTheme();
  const { columns } = useLayout();
  const labelWidth = Math.max(...choices.map((c) => c.label.length));
  const room = columns - 2 - labelWidth - 2;
  const describe = room >= 12;
  return (
    <Box flexDirection="column">
      {choices.map((choice, i) => (i !== selected && onlySelected ? null : (
        <Text key={choice.label} wrap="truncate-end">
          <Text {...(i === selected && active ? theme.selected : {})}>
            {i === selected ? '› ' : '  '}
            {onlySelected ? `${choice.label} (${i + 1}/${choices.length}, ↑↓)` : describe ? choice.label.padEnd(labelWidth) : choice.label}
          </Text>
          {choice.description === undefined || !describe ? null : (
            <Text {...theme.muted}>
              {'  '}
              {choice.description}
            </Text>
          )}
        </Text>
      )))}
    </Box>
  );
};
