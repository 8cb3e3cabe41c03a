import { Box, Text } from 'ink';
import { useAppState, useLayout, useTheme } from './app-context.js';
import { hint, moveHint, type Hint } from './keymap.js';

const fit = (required: readonly Hint[], optional: readonly Hint[], width: number): Hint[] => {
  const size = (h: Hint): number => h.keys.length + 1 + h.action.length + 2;
  let used = required.reduce((sum, h) => sum + size(h), 0);
  const kept: Hint[] = [];
  for (const h of optional) {
    if (used + size(h) > width) continue;
    kept.push(h);
    used += size(h);
  }
  return [...kept, ...required];
};

/** The keys that work right now: the screen's own first, then the global ones that fit. */
export const Footer = () => {
  const theme = useTheme();
  const state = useAppState();
  const { columns } = useLayout();
  const mode = state.view === 'menu' ? undefined : state.modes[state.view];
  let hints: Hint[];
  if (state.helpOpen) {
    hints = [hint('back', 'close help'), hint('quit')];
  } else if (mode?.textEntry === true) {
    hints = [...mode.hints, hint('interrupt', 'quit')];
  } else if (state.view === 'menu') {
    hints = fit([hint('help'), hint('quit')], [moveHint('choose'), hint('select', 'open'), hint('goto'), hint('nextScreen'), hint('toggleLog')], columns);
  } else {
    const globals = [...(mode?.atRoot === false ? [] : [hint('back')]), hint('goto'), hint('nextScreen'), hint('toggleLog')];
    hints = fit([hint('help'), hint('quit')], [...(mode?.hints ?? []), ...globals], columns);
  }
  return (
    <Box width={columns}>
      <Text wrap="truncate-end">
        {hints.map((h, i) => (
          <Text key={`${h.keys}-${h.action}`}>
            {i === 0 ? '' : '  '}
            <Text {...theme.key}>{h.keys}</Text>
            <Text {...theme.muted}> {h.action}</Text>
          </Text>
        ))}
      </Text>
    </Box>
  );
};
