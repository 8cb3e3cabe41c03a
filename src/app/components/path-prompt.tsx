import { Box, Text, useInput } from 'ink';
import { useLayoutEffect, useRef, useState } from 'react';
import { useTheme } from '../app-context.js';
import { completePath } from '../lib/path-complete.js';
import { escapeWord, splitWords } from '../lib/shell-words.js';
import { editLine, keysOf, type Line } from './line-editor.js';

export interface PathPromptProps {
  readonly label: string;
  readonly value: string;
  readonly onChange: (value: string) => void;
  /**
   * Enter. The owner reads the text from its own state (it has seen every onChange,
   * even when Enter arrives in the same read as the text) and applies the default.
   */
  readonly onSubmit: () => void;
  readonly onCancel: () => void;
  /** Has the keyboard. */
  readonly active: boolean;
  /** Shown while the prompt is empty (what Enter on an empty prompt uses); Tab fills it in. */
  readonly defaultValue?: string;
  /** Tab completes paths relative to this folder; omit for plain text (a name). */
  readonly cwd?: string;
  /** Several paths separated by spaces: Tab completes the last one, escaping spaces in it. */
  readonly multiple?: boolean;
}

/** Where the path being completed starts in `text`, and that path unquoted. */
export const lastPath = (text: string, multiple: boolean): { readonly start: number; readonly path: string } => {
  if (!multiple) return { start: 0, path: text };
  const last = splitWords(text, true).at(-1);
  return last === undefined ? { start: text.length, path: '' } : { start: last.start, path: last.value };
};

/**
 * A one-line text prompt: Enter submits, Esc cancels, Tab completes a path,
 * ←/→ Home/End (Ctrl+A/E) move, Backspace, Ctrl+W (word) and Ctrl+U (to the
 * start) delete. Every key of a read is applied in order (see line-editor.ts).
 */
export const PathPrompt = ({ label, value, onChange, onSubmit, onCancel, active, defaultValue, cwd, multiple = false }: PathPromptProps) => {
  const theme = useTheme();
  const [candidates, setCandidates] = useState<readonly string[]>([]);
  const [cursor, setCursor] = useState(value.length);
  // The line after every key handled so far: keys of one read arrive before React re-renders.
  const line = useRef<Line>({ value, cursor: value.length });
  useLayoutEffect(() => {
    // The owner changed the text itself (a new prompt): the cursor goes to the end.
    if (line.current.value !== value) {
      line.current = { value, cursor: value.length };
      setCursor(value.length);
    }
  }, [value]);

  const set = (next: Line): void => {
    const changed = next.value !== line.current.value;
    line.current = next;
    setCursor(next.cursor);
    if (changed) {
      setCandidates([]);
      onChange(next.value);
    }
  };

  const complete = (): void => {
    const text = line.current.value;
    if (text === '' && defaultValue !== undefined && defaultValue !== '') {
      set({ value: defaultValue, cursor: defaultValue.length });
      return;
    }
    if (cwd === undefined) return;
    const { start, path } = lastPath(text, multiple);
    void completePath(path, cwd).then((completion) => {
      // Keys typed while the folder was read win over the completion.
      if (line.current.value !== text) return;
      setCandidates(completion.candidates);
      if (completion.value === path) return;
      const next = text.slice(0, start) + (multiple ? escapeWord(completion.value) : completion.value);
      set({ value: next, cursor: next.length });
    });
  };

  useInput(
    (input, key) => {
      for (const k of keysOf(input, key)) {
        if (k.type === 'submit') {
          onSubmit();
          return;
        }
        if (k.type === 'cancel') {
          onCancel();
          return;
        }
        if (k.type === 'complete') complete();
        else set(editLine(line.current, k));
      }
    },
    { isActive: active },
  );

  const at = Math.min(cursor, value.length);
  return (
    <Box flexDirection="column">
      <Box>
        <Text {...theme.heading}>{label} </Text>
        {active ? (
          <Text>
            {value.slice(0, at)}
            <Text inverse>{value.slice(at, at + 1) || ' '}</Text>
            {value.slice(at + 1)}
          </Text>
        ) : (
          <Text>{value}</Text>
        )}
        {/* Not a grey placeholder: that one would be coloured whatever NO_COLOR says. */}
        {value === '' && defaultValue !== undefined && defaultValue !== '' ? (
          <Text {...theme.muted} wrap="truncate-start">
            {defaultValue}
          </Text>
        ) : null}
      </Box>
      {candidates.length === 0 ? null : (
        <Text {...theme.muted} wrap="truncate-end">
          {candidates.slice(0, 12).join('  ')}
          {candidates.length > 12 ? `  … ${candidates.length - 12} more` : ''}
        </Text>
      )}
    </Box>
  );
};
