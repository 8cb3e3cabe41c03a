import { useInput } from 'ink';
import { commandFor } from '../../app/keymap.js';
import type { StorageActions, StorageState } from './use-storage-state.js';

/**
 * List: ↑/↓ select, PgUp/PgDn page, Home/End first/last, Enter open, / search, d delete, i integrity, r reload.
 * A record or the integrity report: Esc back to the list (d deletes the open record).
 * A pending delete: y deletes, n or Esc keeps.
 */
export const useStorageInput = (active: boolean, state: StorageState, current: () => StorageState, actions: StorageActions, pageSize: number): void => {
  useInput(
    (input, key) => {
      const latest = current();
      if (latest.searching) return;
      if (latest.confirm !== null) {
        const answer = commandFor(input, key, ['confirm', 'deny']);
        if (answer === 'confirm') actions.confirmDelete();
        else if (answer === 'deny') actions.cancelDelete();
        return;
      }
      if (latest.view !== 'list') {
        const command = commandFor(input, key, ['back', 'remove']);
        if (command === 'back') actions.showList();
        else if (command === 'remove' && latest.view === 'record') actions.askDelete();
        return;
      }
      switch (commandFor(input, key, ['up', 'down', 'pageUp', 'pageDown', 'first', 'last', 'select', 'search', 'remove', 'integrity', 'refresh'])) {
        case 'first':
          actions.move(-Number.MAX_SAFE_INTEGER);
          return;
        case 'last':
          actions.move(Number.MAX_SAFE_INTEGER);
          return;
        case 'up':
          actions.move(-1);
          return;
        case 'down':
          actions.move(1);
          return;
        case 'pageUp':
          actions.move(-pageSize);
          return;
        case 'pageDown':
          actions.move(pageSize);
          return;
        case 'select':
          actions.openSelected();
          return;
        case 'search':
          actions.startSearch();
          return;
        case 'remove':
          actions.askDelete();
          return;
        case 'integrity':
          actions.integrityCheck();
          return;
        case 'refresh':
          actions.reload();
          return;
        default:
          return;
      }
    },
    { isActive: active && !state.searching },
  );
};
