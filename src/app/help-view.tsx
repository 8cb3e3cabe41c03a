import { Box, Text } from 'ink';
import { useAppState, useTheme } from './app-context.js';
import { keymap, type Command, type Hint } from './keymap.js';
import { screenInfo } from './screen-catalog.js';
import type { View } from './use-app-state.js';

const globalKeys: readonly Command[] = ['goto', 'nextScreen', 'prevScreen', 'back', 'help', 'toggleLog', 'quit', 'interrupt'];

const menuHelp = [
  'Five exercises, each a screen. Everything they show is computed by the core, in the inference worker, on your images: nothing is canned.',
  'Start with 1 (models), then 2 (what the pipeline does to a photo), 3 (choosing a threshold), 4 (what is stored) and 5 (registering and authenticating).',
];

/** `?`: what the current screen teaches, its keys, and the keys that work everywhere. */
export const HelpView = ({
  help,
  keys = {},
}: {
  readonly help: Readonly<Partial<Record<View, readonly string[]>>>;
  /** Every key of each screen; the help shows these rather than only the current mode's. */
  readonly keys?: Readonly<Partial<Record<View, readonly Hint[]>>>;
}) => {
  const theme = useTheme();
  const state = useAppState();
  const title = state.view === 'menu' ? 'the menu' : `${screenInfo(state.view).number} ${screenInfo(state.view).title}`;
  const lines = state.view === 'menu' ? menuHelp : (help[state.view] ?? []);
  const mode = state.view === 'menu' ? undefined : state.modes[state.view];
  const here = state.view === 'menu' ? [] : (keys[state.view] ?? mode?.hints ?? []);
  return (
    <Box flexDirection="column" paddingX={1}>
      <Text {...theme.heading}>Help: {title}</Text>
      {lines.map((line) => (
        <Text key={line} wrap="wrap">
          {line}
        </Text>
      ))}
      {here.length === 0 ? null : (
        <Box flexDirection="column" marginTop={1}>
          <Text {...theme.heading}>Keys on this screen</Text>
          <Text wrap="wrap">
            {here.map((h) => (
              <Text key={`${h.keys}-${h.action}`}>
                <Text {...theme.key}>{h.keys}</Text> {h.action}
                {'   '}
              </Text>
            ))}
          </Text>
        </Box>
      )}
      <Box flexDirection="column" marginTop={1}>
        <Text {...theme.heading}>Everywhere</Text>
        <Text wrap="wrap">
          {globalKeys.map((command) => (
            <Text key={command}>
              <Text {...theme.key}>{keymap[command].label}</Text> {keymap[command].action}
              {'   '}
            </Text>
          ))}
        </Text>
        <Text {...theme.muted}>Esc or ? closes this help; ↑↓ and PgUp/PgDn scroll it.</Text>
      </Box>
    </Box>
  );
};
