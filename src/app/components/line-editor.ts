/**
 * The editing behind the one-line prompts, as pure functions: `keysOf` turns one
 * useInput call into the keys it holds, `editLine` applies one key.
 *
 * Ink 6 hands useInput one event per escape sequence, but a run of plain bytes
 * read at once (fast typing, a paste, key repeat over ssh: `ab\r`, `\x7f\x7f\x7f`)
 * arrives as one event whose `input` is the raw text. Every byte of it is a key
 * and is applied in order.
 */
import type { Key } from 'ink';

export interface Line {
  readonly value: string;
  /** 0..value.length, in UTF-16 units. */
  readonly cursor: number;
}

export type LineKey =
  | { readonly type: 'insert'; readonly text: string }
  | { readonly type: 'backspace' }
  | { readonly type: 'deleteWord' }
  | { readonly type: 'clear' }
  | { readonly type: 'left' }
  | { readonly type: 'right' }
  | { readonly type: 'home' }
  | { readonly type: 'end' }
  | { readonly type: 'submit' }
  | { readonly type: 'cancel' }
  | { readonly type: 'complete' };

const controlKey = (char: string): LineKey | undefined => {
  switch (char) {
    case '\r':
    case '\n':
      return { type: 'submit' };
    case '\u007F':
    case '\b':
      return { type: 'backspace' };
    case '\u0015':
      return { type: 'clear' };
    case '\u0017':
      return { type: 'deleteWord' };
    case '\u0001':
      return { type: 'home' };
    case '\u0005':
      return { type: 'end' };
    case '\t':
      return { type: 'complete' };
    case '\u001B':
      return { type: 'cancel' };
    default:
      return undefined;
  }
};

const ctrlLetter: Readonly<Record<string, LineKey>> = {
  u: { type: 'clear' },
  w: { type: 'deleteWord' },
  a: { type: 'home' },
  e: { type: 'end' },
  h: { type: 'backspace' },
};

/** Splits raw text read in one go into keys: runs of printable text, and control bytes. */
export const keysOfText = (text: string): LineKey[] => {
  const keys: LineKey[] = [];
  let run = '';
  for (const char of text) {
    const code = char.codePointAt(0) ?? 0;
    if (code >= 0x20 && code !== 0x7f) {
      run += char;
      continue;
    }
    if (run !== '') keys.push({ type: 'insert', text: run });
    run = '';
    const key = controlKey(char);
    if (key !== undefined) keys.push(key);
  }
  if (run !== '') keys.push({ type: 'insert', text: run });
  return keys;
};

/** The keys one useInput call holds, in order. */
export const keysOf = (input: string, key: Key): LineKey[] => {
  if (key.return) return [{ type: 'submit' }];
  if (key.escape) return [{ type: 'cancel' }];
  if (key.tab) return key.shift ? [] : [{ type: 'complete' }];
  // Ink names a lone DEL byte (what Backspace sends) 'delete'; Alt+Backspace deletes a word.
  if (key.backspace || key.delete) return [key.meta ? { type: 'deleteWord' } : { type: 'backspace' }];
  if (key.leftArrow) return [key.ctrl || key.meta ? { type: 'home' } : { type: 'left' }];
  if (key.rightArrow) return [key.ctrl || key.meta ? { type: 'end' } : { type: 'right' }];
  if (key.home) return [{ type: 'home' }];
  if (key.end) return [{ type: 'end' }];
  if (key.upArrow || key.downArrow || key.pageUp || key.pageDown) return [];
  if (key.ctrl) {
    const bound = ctrlLetter[input];
    return bound === undefined ? [] : [bound];
  }
  if (key.meta) return [];
  return keysOfText(input);
};

const clamp = (line: Line): number => Math.max(0, Math.min(line.cursor, line.value.length));

/** Where the word before `cursor` starts: spaces, then a path segment with its trailing slashes. */
const wordStart = (value: string, cursor: number): number => {
  let i = cursor;
  while (i > 0 && value[i - 1] === ' ') i--;
  while (i > 0 && value[i - 1] === '/') i--;
  while (i > 0 && value[i - 1] !== ' ' && value[i - 1] !== '/') i--;
  return i;
};

/** Applies one editing key (submit, cancel and complete leave the line as it is). */
export const editLine = (line: Line, key: LineKey): Line => {
  const cursor = clamp(line);
  const { value } = line;
  switch (key.type) {
    case 'insert':
      return { value: value.slice(0, cursor) + key.text + value.slice(cursor), cursor: cursor + key.text.length };
    case 'backspace': {
      if (cursor === 0) return { value, cursor };
      // One code point, not half a surrogate pair.
      const before = Array.from(value.slice(0, cursor));
      before.pop();
      const head = before.join('');
      return { value: head + value.slice(cursor), cursor: head.length };
    }
    case 'deleteWord': {
      const start = wordStart(value, cursor);
      return { value: value.slice(0, start) + value.slice(cursor), cursor: start };
    }
    case 'clear':
      return { value: value.slice(cursor), cursor: 0 };
    case 'left':
      return { value, cursor: Math.max(0, cursor - 1) };
    case 'right':
      return { value, cursor: Math.min(value.length, cursor + 1) };
    case 'home':
      return { value, cursor: 0 };
    case 'end':
      return { value, cursor: value.length };
    case 'submit':
    case 'cancel':
    case 'complete':
      return { value, cursor };
  }
};
