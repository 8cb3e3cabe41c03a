import { useLayoutEffect } from 'react';
import { useAppActions } from './app-context.js';
import type { Hint } from './keymap.js';
import type { ScreenId } from './use-app-state.js';

/**
 * A screen tells the shell whether a prompt has the keyboard, whether Esc
 * should leave it, and which keys to list in the footer. A layout effect, so
 * the shell knows before the next keypress is read.
 */
export const useScreenMode = (screen: ScreenId, textEntry: boolean, atRoot: boolean, hints: readonly Hint[]): void => {
  const { setMode } = useAppActions();
  const hintKey = hints.map((h) => `${h.keys}\u0000${h.action}`).join('\u0001');
  useLayoutEffect(() => {
    setMode(screen, { textEntry, atRoot, hints });
    // hints are compared by content (hintKey), not identity
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [setMode, screen, textEntry, atRoot, hintKey]);
};
