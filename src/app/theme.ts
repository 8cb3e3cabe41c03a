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

/** How many colours the terminal shows: pixel art needs 256 or more (with 16 or none it is a character ramp). */
export type ColorDepth = 'none' | 'ansi16' | 'ansi256' | 'truecolor';

export interface Theme {
  readonly depth: ColorDepth;
  /** What characters pixel art may use (ASCII terminals get colour cells instead of half-blocks). */
  readonly charset: Charset;
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

/**
 * From the environment, as terminal programs read it: NO_COLOR (any value) or
 * FORCE_COLOR=0 or TERM=dumb: none; COLORTERM=truecolor/24bit or a "-direct"
 * TERM: 24-bit; a TERM naming 256 colours (xterm-256color, screen-256color,
 * tmux-256color...) or no TERM at all: 256; any other TERM (linux, vt100,
 * xterm, screen): the 16 basic colours.
 */
export const colorDepthOf = (env: NodeJS.ProcessEnv): ColorDepth => {
  const term = (env['TERM'] ?? '').toLowerCase();
  if ((env['NO_COLOR'] ?? '') !== '' || env['FORCE_COLOR'] === '0' || term === 'dumb') return 'none';
  const colorterm = (env['COLORTERM'] ?? '').toLowerCase();
  if (colorterm === 'truecolor' || colorterm === '24bit' || term.endsWith('-direct')) return 'truecolor';
  if (term === '' || term.includes('256')) return 'ansi256';
  return 'ansi16';
};

/** Which characters the terminal can show. */
export type Charset = 'unicode' | 'ascii';

/**
 * ASCII when the locale says the terminal is not UTF-8 (LC_ALL, else LC_CTYPE,
 * else LANG: C, POSIX, or a name without UTF-8 in it) or TERM is
 * dumb; Unicode otherwise, also when no locale variable is set.
 */
export const charsetOf = (env: NodeJS.ProcessEnv): Charset => {
  if ((env['TERM'] ?? '').toLowerCase() === 'dumb') return 'ascii';
  const locale = [env['LC_ALL'], env['LC_CTYPE'], env['LANG']].find((v) => v !== undefined && v !== '');
  if (locale === undefined) return 'unicode';
  return /utf-?8/i.test(locale) ? 'unicode' : 'ascii';
};

const colourTheme = (depth: ColorDepth): Omit<Theme, 'charset'> => ({
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

const plainTheme: Omit<Theme, 'charset'> = {
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
  return { ...(depth === 'none' ? plainTheme : colourTheme(depth)), charset: charsetOf(env) };
};
