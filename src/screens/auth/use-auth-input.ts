import { useInput } from 'ink';
import { commandFor } from '../../app/keymap.js';
import type { AuthActions, AuthState } from './use-auth-state.js';

/** ↑/↓ choose, Enter runs; a pending delete takes y / n. Prompts read their own keys. */
export const useAuthInput = (active: boolean, state: AuthState, current: () => AuthState, actions: AuthActions): void => {
  useInput(
    (input, key) => {
      const latest = current();
      if (latest.prompt !== null) return;
      if (latest.confirmDelete !== null) {
        const answer = commandFor(input, key, ['confirm', 'deny']);
        if (answer === 'confirm') actions.confirmDelete();
        else if (answer === 'deny') actions.cancelDelete();
        return;
      }
      switch (commandFor(input, key, ['up', 'down', 'select'])) {
        case 'up':
          actions.moveUp();
          return;
        case 'down':
          actions.moveDown();
          return;
        case 'select':
          actions.chooseSelected();
          return;
        default:
          return;
      }
    },
    { isActive: active && state.prompt === null },
  );
};
