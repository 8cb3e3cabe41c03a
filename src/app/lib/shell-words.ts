/**
 * Several paths in one prompt, the way a shell reads them: separated by spaces
 * (or commas); quotes ('…' or "…") and a backslash keep a space, comma or quote
 * inside a path.
 */

export interface Word {
  /** The word with quotes and escapes removed. */
  readonly value: string;
  /** Where it starts in the typed text. */
  readonly start: number;
}

const isSeparator = (char: string): boolean => char === ',' || /\s/.test(char);

/**
 * The words of `text` (a lone '' or "" is an empty word). With `trailing`, text ending in a separator (or empty)
 * ends with an empty word: the one being typed.
 */
export const splitWords = (text: string, trailing = false): Word[] => {
  const words: Word[] = [];
  let value = '';
  let start = -1;
  let quote: string | null = null;
  for (let i = 0; i < text.length; i++) {
    const char = text[i] ?? '';
    if (quote !== null) {
      if (char === quote) quote = null;
      else if (char === '\\' && quote === '"' && (text[i + 1] === '"' || text[i + 1] === '\\')) value += text[++i] ?? '';
      else value += char;
      continue;
    }
    if (isSeparator(char)) {
      if (start >= 0) words.push({ value, start });
      value = '';
      start = -1;
      continue;
    }
    if (start < 0) start = i;
    if (char === '"' || char === "'") quote = char;
    else if (char === '\\' && i + 1 < text.length) value += text[++i] ?? '';
    else value += char;
  }
  if (start >= 0) words.push({ value, start });
  else if (trailing) words.push({ value: '', start: text.length });
  return words;
};

/** A path as one word of such a prompt: spaces, commas, quotes and backslashes escaped. */
export const escapeWord = (word: string): string => word.replace(/[\s,'"\\]/g, (char) => `\\${char}`);
