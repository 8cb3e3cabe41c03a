import { useInput } from 'ink';
import { commandFor } from '../../app/keymap.js';
import type { ModelActions, ModelState } from './use-model-state.js';

/** ↑/↓ choose a task, Enter runs it, Esc returns from a result to the model table. Prompts read their own keys. */
export const useModelInput = (active: boolean, state: ModelState, current: () => ModelState, actions: ModelActions): void => {
  useInput(
    (input, key) => {
      if (current().prompt !== null) return;
      switch (commandFor(input, key, ['up', 'down', 'select', 'back'])) {
        case 'up':
          actions.moveUp();
          return;
        case 'down':
          actions.moveDown();
          return;
        case 'select':
          actions.chooseSelected();
          return;
        case 'back':
          if (current().view !== 'models') actions.showModels();
          return;
        case undefined:
          return;
      }
    },
    { isActive: active && state.prompt === null },
  );
};
