import { Box, Text } from 'ink';
import SelectInput from 'ink-select-input';
import { useAppActions, useAppState, useLayout, useTheme } from './app-context.js';
import { screenCatalog } from './screen-catalog.js';
import type { ScreenId } from './use-app-state.js';

/** The home view: the five exercises (ink-select-input: arrows and Enter, or their number). */
export const Menu = ({ active }: { readonly active: boolean }) => {
  const theme = useTheme();
  const { goTo } = useAppActions();
  const { lastScreen } = useAppState();
  const { columns, bodyRows } = useLayout();
  // Five exercises with a summary line each and the intro take 13 rows; below that, one line each.
  const compact = bodyRows < 13;
  const items = screenCatalog.map((s) => ({ key: s.id, label: `${s.number}  ${s.title}`, value: s.id }));
  const Item = ({ isSelected = false, label }: { readonly isSelected?: boolean; readonly label: string }) => {
    const info = screenCatalog.find((s) => label.endsWith(s.title));
    return (
      <Box flexDirection="column" width={columns - 4}>
        <Text {...(isSelected ? theme.selected : theme.value)} wrap="truncate-end">
          {label.padEnd(26)}
        </Text>
        {compact ? null : (
          <Text {...theme.muted} wrap="truncate-end">
            {'   '}
            {info?.summary ?? ''}
          </Text>
        )}
      </Box>
    );
  };
  const Indicator = ({ isSelected = false }: { readonly isSelected?: boolean }) => (
    <Box marginRight={1}>
      <Text {...theme.key}>{isSelected ? '›' : ' '}</Text>
    </Box>
  );
  return (
    <Box flexDirection="column" paddingX={1}>
      <Text {...theme.heading}>Exercises</Text>
      {compact ? null : <Text {...theme.muted}>Learn, build, tune and run face authentication. Choose a screen:</Text>}
      <Box marginTop={compact ? 0 : 1}>
        <SelectInput<ScreenId>
          items={items}
          // Back from a screen, the highlight is on it.
          initialIndex={Math.max(0, items.findIndex((i) => i.value === lastScreen))}
          isFocused={active}
          onSelect={(item) => goTo(item.value)}
          itemComponent={Item}
          indicatorComponent={Indicator}
        />
      </Box>
    </Box>
  );
};
