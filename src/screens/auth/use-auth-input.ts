import { useInput } from 'ink';
import { commandFor } from '../../app/keymap.js';
import type { AuthActions, AuthState } from './use-auth-state.js';

/** ↑/↓ choose, Enter runs; a pending delete takes y / n; after a refused registration a adds, f forces. Prompts read their own keys. */
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
      if (latest.retry !== null) {
        const command = commandFor(input, key, ['addPhotos', 'force']);
        if (command === 'addPhotos') return actions.retryRegister('add');
        if (command === 'force') return actions.retryRegister('force');
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
