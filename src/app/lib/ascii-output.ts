/**
 * For terminals that cannot show Unicode (a C/POSIX or other non-UTF-8 locale,
 * TERM=dumb): everything the workbench writes is turned into ASCII on its way
 * out, each character into as many columns as it took (Ink laid the screen out
 * with those widths), so the layout stays exactly as drawn. Escape sequences
 * (colours, cursor moves) are ASCII already and pass unchanged.
 */

const oneColumn: Readonly<Record<string, string>> = {
  '│': '|', '┃': '|', '║': '|', '─': '-', '━': '-', '═': '=',
  '┌': '+', '┐': '+', '└': '+', '┘': '+', '├': '+', '┤': '+', '┬': '+', '┴': '+', '┼': '+',
  '╔': '+', '╗': '+', '╚': '+', '╝': '+', '╠': '+', '╣': '+', '╦': '+', '╩': '+', '╬': '+',
  '●': '*', '○': 'o', '•': '*', '◆': '@', '·': '.', '…': '~', '—': '-', '–': '-',
  '✔': 'v', '✓': 'v', '✖': 'x', '✗': 'x', '×': 'x', '±': '+',
  '▶': '>', '›': '>', '→': '>', '←': '<', '↑': '^', '↓': 'v', '≥': '>', '≤': '<', '∞': '8',
  '█': '#', '▓': '#', '▒': '%', '░': ':', '▀': '"', '▄': '_',
  '°': 'o', 'σ': 's', '′': "'", '″': '"', '‘': "'", '’': "'", '“': '"', '”': '"',
};

/** The braille spinner frames become a turning line. */
const spinner = '|/-\\';

/** Code points drawn two columns wide (East Asian wide and fullwidth, most emoji). */
const isWide = (cp: number): boolean =>
  (cp >= 0x1100 && cp <= 0x115f) ||
  (cp >= 0x2e80 && cp <= 0xa4cf) ||
  (cp >= 0xac00 && cp <= 0xd7a3) ||
  (cp >= 0xf900 && cp <= 0xfaff) ||
  (cp >= 0xfe30 && cp <= 0xfe4f) ||
  (cp >= 0xff00 && cp <= 0xff60) ||
  (cp >= 0xffe0 && cp <= 0xffe6) ||
  (cp >= 0x1f300 && cp <= 0x1f64f) ||
  (cp >= 0x1f900 && cp <= 0x1f9ff) ||
  (cp >= 0x20000 && cp <= 0x3fffd);

/** Combining marks take no column. */
const isCombining = (cp: number): boolean => (cp >= 0x300 && cp <= 0x36f) || (cp >= 0x1ab0 && cp <= 0x1aff) || (cp >= 0x20d0 && cp <= 0x20ff) || (cp >= 0xfe20 && cp <= 0xfe2f);

/** Letters with accents keep their base letter (é -> e); anything else unknown becomes '?'. */
const baseLetter = (ch: string): string => {
  const base = ch.normalize('NFD').replace(/[\u0300-\u036f]/g, '');
  return base.length === 1 && base.charCodeAt(0) < 0x80 ? base : '?';
};

export const toAscii = (text: string): string => {
  let out = '';
  for (const ch of text) {
    const cp = ch.codePointAt(0)!;
    if (cp < 0x80) out += ch;
    else if (oneColumn[ch] !== undefined) out += oneColumn[ch];
    else if (cp >= 0x2800 && cp <= 0x28ff) out += spinner[cp % spinner.length];
    else if (isCombining(cp) || cp === 0xfe0f || cp === 0x200d) continue;
    else if (isWide(cp)) out += '??';
    else out += baseLetter(ch);
  }
  return out;
};

/** A stdout for Ink whose writes are turned into ASCII; everything else (size, TTY-ness, events) is the real stream's. */
export const asciiStdout = (stdout: NodeJS.WriteStream): NodeJS.WriteStream => {
  const write = (chunk: string | Uint8Array, ...rest: unknown[]): boolean =>
    (stdout.write as (c: string | Uint8Array, ...r: unknown[]) => boolean).call(stdout, typeof chunk === 'string' ? toAscii(chunk) : chunk, ...rest);
  return new Proxy(stdout, {
    get: (target, property) => {
      if (property === 'write') return write;
      const value: unknown = Reflect.get(target, property, target);
      return typeof value === 'function' ? (value as (...args: unknown[]) => unknown).bind(target) : value;
    },
  });
};
