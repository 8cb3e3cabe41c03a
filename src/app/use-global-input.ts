import { useInput } from 'ink';
import { commandFor, screenIndexFor } from './keymap.js';
import { screenIds, type AppActions, type AppState } from './use-app-state.js';

/**
 * Keys that work everywhere: Ctrl+C always; the rest only when no prompt has
 * the keyboard. Esc leaves a screen only when the screen is at its root.
 */
export const useGlobalInput = (current: () => AppState, actions: AppActions): void => {
  useInput((input, key) => {
    const state = current();
    if (commandFor(input, key, ['interrupt']) !== undefined) {
      actions.interrupt();
      return;
    }
    const mode = state.view === 'menu' ? undefined : state.modes[state.view];
    if (state.helpOpen) {
      const command = commandFor(input, key, ['back', 'help', 'quit', 'up', 'down', 'pageUp', 'pageDown']);
      if (command === 'quit') actions.quit();
      else if (command === 'up' || command === 'down') actions.scrollHelp(command === 'up' ? -1 : 1);
      else if (command === 'pageUp' || command === 'pageDown') actions.scrollHelp(command === 'pageUp' ? -10 : 10);
      else if (command !== undefined) actions.toggleHelp();
      return;
    }
    if (mode?.textEntry === true) return;
    const index = screenIndexFor(input, key);
    if (index !== undefined) {
      actions.goTo(screenIds[index] ?? 'model');
      return;
    }
    switch (commandFor(input, key, ['quit', 'help', 'toggleLog', 'prevScreen', 'nextScreen', 'back'])) {
      case 'quit':
        actions.quit();
        return;
      case 'help':
        actions.toggleHelp();
        return;
      case 'toggleLog':
        actions.toggleLog();
        return;
      case 'prevScreen':
        actions.previousScreen();
        return;
      case 'nextScreen':
        actions.nextScreen();
        return;
      case 'back':
        if (state.view !== 'menu' && (mode?.atRoot ?? true)) actions.back();
        return;
      case undefined:
        return;
    }
  });
};
