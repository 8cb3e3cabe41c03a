/**
 * Style functions for every coloured thing in the app. Views spread a style into
 * <Text>; none of them names a colour itself. NO_COLOR (any non-empty value)
 * gives a theme without colours: emphasis by bold, inverse and underline only.
 */
export interface TextStyle {
  readonly color?: string;
  readonly backgroundColor?: string;
  readonly bold?: boolean;
  readonly dimColor?: boolean;
  readonly inverse?: boolean;
  readonly underline?: boolean;
}

/** How many colours pixel art may use. */
export type ColorDepth = 'none' | 'ansi256' | 'truecolor';

export interface Theme {
  readonly depth: ColorDepth;
  readonly title: TextStyle;
  readonly tab: TextStyle;
  readonly tabActive: TextStyle;
  readonly heading: TextStyle;
  readonly muted: TextStyle;
  readonly key: TextStyle;
  readonly selected: TextStyle;
  readonly ok: TextStyle;
  readonly warn: TextStyle;
  readonly error: TextStyle;
  readonly busy: TextStyle;
  readonly value: TextStyle;
  readonly genuine: TextStyle;
  readonly impostor: TextStyle;
  readonly threshold: TextStyle;
  readonly accepted: TextStyle;
  readonly denied: TextStyle;
  readonly border: string | undefined;
}

export const colorDepthOf = (env: NodeJS.ProcessEnv): ColorDepth => {
  if ((env['NO_COLOR'] ?? '') !== '') return 'none';
  const colorterm = (env['COLORTERM'] ?? '').toLowerCase();
  if (colorterm === 'truecolor' || colorterm === '24bit') return 'truecolor';
  return 'ansi256';
};

const colourTheme = (depth: ColorDepth): Theme => ({
  depth,
  title: { bold: true, color: 'cyan' },
  tab: { color: 'gray' },
  tabActive: { bold: true, inverse: true, color: 'cyan' },
  heading: { bold: true, color: 'cyan' },
  muted: { dimColor: true },
  key: { bold: true, color: 'yellow' },
  selected: { inverse: true },
  ok: { color: 'green' },
  warn: { color: 'yellow' },
  error: { color: 'red', bold: true },
  busy: { color: 'magenta' },
  value: { bold: true },
  genuine: { color: 'green' },
  impostor: { color: 'red' },
  threshold: { color: 'yellow', bold: true },
  accepted: { bold: true, color: 'black', backgroundColor: 'green' },
  denied: { bold: true, color: 'white', backgroundColor: 'red' },
  border: 'gray',
});

const plainTheme: Theme = {
  depth: 'none',
  title: { bold: true },
  tab: {},
  tabActive: { bold: true, inverse: true },
  heading: { bold: true, underline: true },
  muted: {},
  key: { bold: true },
  selected: { inverse: true },
  ok: {},
  warn: { bold: true },
  error: { bold: true },
  busy: {},
  value: { bold: true },
  genuine: {},
  impostor: {},
  threshold: { bold: true },
  accepted: { bold: true, inverse: true },
  denied: { bold: true, inverse: true },
  border: undefined,
};

export const createTheme = (env: NodeJS.ProcessEnv): Theme => {
  const depth = colorDepthOf(env);
  return depth === 'none' ? plainTheme : colourTheme(depth);
};
