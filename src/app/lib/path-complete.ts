/** Tab-completion of file paths for the path prompts: the shell's behaviour, in small. */
import { existsSync } from 'node:fs';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { splitWords } from './shell-words.js';

export interface Completion {
  /** The new text for the prompt (unchanged when nothing matches). */
  readonly value: string;
  /** Matching names when more than one (folders end with '/'), sorted. */
  readonly candidates: readonly string[];
}

const expandHome = (text: string): string =>
  text === '~' ? os.homedir() : text.startsWith('~/') ? path.join(os.homedir(), text.slice(2)) : text;

const commonPrefix = (names: readonly string[]): string => {
  const [first, ...rest] = names;
  if (first === undefined) return '';
  let end = first.length;
  for (const name of rest) {
    let i = 0;
    while (i < end && i < name.length && name[i] === first[i]) i++;
    end = i;
  }
  return first.slice(0, end);
};

/** Completes the last path segment of `text` (relative paths against `cwd`). Never throws. */
export const completePath = async (text: string, cwd: string): Promise<Completion> => {
  const slash = text.lastIndexOf('/');
  const head = slash >= 0 ? text.slice(0, slash + 1) : '';
  const partial = slash >= 0 ? text.slice(slash + 1) : text;
  const dir = path.resolve(cwd, expandHome(head === '' ? '.' : head));
  let entries;
  try {
    entries = await fs.readdir(dir, { withFileTypes: true });
  } catch {
    return { value: text, candidates: [] };
  }
  const matches: string[] = [];
  for (const entry of entries) {
    if (!entry.name.startsWith(partial)) continue;
    if (entry.name.startsWith('.') && !partial.startsWith('.')) continue;
    let isDir = entry.isDirectory();
    if (!isDir && entry.isSymbolicLink()) {
      isDir = await fs.stat(path.join(dir, entry.name)).then((s) => s.isDirectory(), () => false);
    }
    matches.push(isDir ? `${entry.name}/` : entry.name);
  }
  matches.sort();
  if (matches.length === 0) return { value: text, candidates: [] };
  if (matches.length === 1) return { value: head + (matches[0] ?? ''), candidates: [] };
  const prefix = commonPrefix(matches);
  return { value: head + (prefix.length > partial.length ? prefix : partial), candidates: matches };
};

/** A prompt's text as a path: ~ expanded, relative to `cwd`. */
export const resolveInputPath = (text: string, cwd: string): string => path.resolve(cwd, expandHome(text.trim()));

/**
 * Several paths typed in one prompt, separated by commas or spaces; quotes and
 * backslash-escapes keep spaces (see shell-words.ts).
 */
export const splitPaths = (text: string): string[] => splitWords(text).flatMap((word) => (word.value === '' ? [] : [word.value]));

/**
 * The one path a single-path prompt holds: the text as typed, spaces and all, when that names
 * something (what Tab completion gives); otherwise read as the shell would (a pasted or
 * dragged-in path comes quoted, or with backslash-escaped spaces). `words` > 1: the text is
 * several paths, none of which it names as a whole.
 */
export const resolveSinglePath = (text: string, cwd: string): { path: string; words: number } => {
  const asTyped = resolveInputPath(text, cwd);
  if (existsSync(asTyped)) return { path: asTyped, words: 1 };
  const words = splitPaths(text);
  const [only] = words;
  return words.length === 1 && only !== undefined ? { path: resolveInputPath(only, cwd), words: 1 } : { path: asTyped, words: Math.max(1, words.length) };
};
