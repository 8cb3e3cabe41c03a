import { Box, Text, useInput } from 'ink';
import TextInput from 'ink-text-input';
import { useState } from 'react';
import { useTheme } from '../app-context.js';
import { commandFor } from '../keymap.js';
import { completePath } from '../lib/path-complete.js';

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
  /** Several paths separated by spaces: Tab completes the last one. */
  readonly multiple?: boolean;
}

/** A one-line text prompt: Enter submits, Esc cancels, Tab completes a path. */
export const PathPrompt = ({ label, value, onChange, onSubmit, onCancel, active, defaultValue, cwd, multiple = false }: PathPromptProps) => {
  const theme = useTheme();
  const [candidates, setCandidates] = useState<readonly string[]>([]);
  // Remounting the input after a completion puts its cursor at the end.
  const [generation, setGeneration] = useState(0);
  useInput(
    (input, key) => {
      const command = commandFor(input, key, ['submit', 'cancel', 'complete']);
      if (command === 'submit') {
        onSubmit();
      } else if (command === 'cancel') {
        onCancel();
      } else if (command === 'complete' && value === '' && defaultValue !== undefined && defaultValue !== '') {
        onChange(defaultValue);
        setGeneration((g) => g + 1);
      } else if (command === 'complete' && cwd !== undefined) {
        const cut = multiple ? value.lastIndexOf(' ') + 1 : 0;
        void completePath(value.slice(cut), cwd).then((completion) => {
          setCandidates(completion.candidates);
          if (completion.value !== value.slice(cut)) {
            onChange(value.slice(0, cut) + completion.value);
            setGeneration((g) => g + 1);
          }
        });
      }
    },
    { isActive: active },
  );
  return (
    <Box flexDirection="column">
      <Box>
        <Text {...theme.heading}>{label} </Text>
        <TextInput
          key={generation}
          value={value}
          onChange={(next) => {
            setCandidates([]);
            // Text and Enter read in one go (fast typing, a paste ending in a newline) arrive as one input.
            const clean = next.replace(/[\r\n]/g, '');
            onChange(clean);
            if (clean !== next) onSubmit();
          }}
          focus={active}
        />
        {/* Not TextInput's placeholder: that one is coloured grey whatever NO_COLOR says. */}
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
