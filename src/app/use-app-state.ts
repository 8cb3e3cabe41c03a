/**
 * App-level state: which view is shown, the help and log overlays, what each
 * screen says about itself (text entry, at its root, footer hints), the
 * threshold the auth console uses, and quitting. A pure reducer plus a hook
 * that gives intention-named actions.
 */
import { useMemo } from 'react';
import { useSyncedReducer } from './use-synced-reducer.js';
import type { Hint } from './keymap.js';

export const screenIds = ['model', 'preprocess', 'similarity', 'storage', 'auth'] as const;
export type ScreenId = (typeof screenIds)[number];
export type View = 'menu' | ScreenId;

/** What a screen reports about itself, so global keys and the footer do the right thing. */
export interface ScreenMode {
  /** A text prompt has the keyboard: global letter keys are typed, not obeyed. */
  readonly textEntry: boolean;
  /** Esc at the root leaves the screen; elsewhere the screen handles it (closes a dialog...). */
  readonly atRoot: boolean;
  readonly hints: readonly Hint[];
}

export interface ThresholdSetting {
  readonly value: number;
  readonly source: 'config' | 'adopted';
}

export interface AppState {
  readonly view: View;
  /** Screens opened at least once: they stay mounted so their work goes on in the background. */
  readonly visited: readonly ScreenId[];
  /** The screen shown last (the menu's highlight comes back to it). */
  readonly lastScreen: ScreenId | null;
  readonly helpOpen: boolean;
  /** Lines the help is scrolled down by (it can be taller than a small terminal). */
  readonly helpScroll: number;
  readonly logOpen: boolean;
  readonly modes: Readonly<Partial<Record<ScreenId, ScreenMode>>>;
  readonly threshold: ThresholdSetting;
  readonly quitting: boolean;
  /** Ctrl+C presses so far. */
  readonly interrupts: number;
}

export type AppAction =
  | { readonly type: 'goto'; readonly view: View }
  | { readonly type: 'cycle'; readonly step: 1 | -1 }
  | { readonly type: 'back' }
  | { readonly type: 'toggleHelp' }
  | { readonly type: 'scrollHelp'; readonly by: number }
  | { readonly type: 'toggleLog' }
  | { readonly type: 'mode'; readonly screen: ScreenId; readonly mode: ScreenMode }
  | { readonly type: 'adoptThreshold'; readonly value: number }
  | { readonly type: 'quit' }
  | { readonly type: 'interrupt' };

export const initialAppState = (options: { threshold: number; logOpen: boolean; view?: View }): AppState => ({
  view: options.view ?? 'menu',
  visited: options.view === undefined || options.view === 'menu' ? [] : [options.view],
  lastScreen: options.view === undefined || options.view === 'menu' ? null : options.view,
  helpOpen: false,
  helpScroll: 0,
  logOpen: options.logOpen,
  modes: {},
  threshold: { value: options.threshold, source: 'config' },
  quitting: false,
  interrupts: 0,
});

const show = (state: AppState, view: View): AppState => ({
  ...state,
  view,
  helpOpen: false,
  visited: view === 'menu' || state.visited.includes(view) ? state.visited : [...state.visited, view],
  lastScreen: view === 'menu' ? state.lastScreen : view,
});

const sameMode = (a: ScreenMode | undefined, b: ScreenMode): boolean =>
  a !== undefined &&
  a.textEntry === b.textEntry &&
  a.atRoot === b.atRoot &&
  a.hints.length === b.hints.length &&
  a.hints.every((h, i) => h.keys === b.hints[i]?.keys && h.action === b.hints[i]?.action);

export const appReducer = (state: AppState, action: AppAction): AppState => {
  switch (action.type) {
    case 'goto':
      return show(state, action.view);
    case 'cycle': {
      const index = state.view === 'menu' ? (action.step === 1 ? -1 : 0) : screenIds.indexOf(state.view);
      const next = (index + action.step + screenIds.length) % screenIds.length;
      return show(state, screenIds[next] ?? 'model');
    }
    case 'back':
      if (state.helpOpen) return { ...state, helpOpen: false };
      return state.view === 'menu' ? state : show(state, 'menu');
    case 'toggleHelp':
      return { ...state, helpOpen: !state.helpOpen, helpScroll: 0 };
    case 'scrollHelp':
      return state.helpOpen ? { ...state, helpScroll: Math.min(200, Math.max(0, state.helpScroll + action.by)) } : state;
    case 'toggleLog':
      return { ...state, logOpen: !state.logOpen };
    case 'mode':
      return sameMode(state.modes[action.screen], action.mode) ? state : { ...state, modes: { ...state.modes, [action.screen]: action.mode } };
    case 'adoptThreshold':
      return { ...state, threshold: { value: action.value, source: 'adopted' } };
    case 'quit':
      return state.quitting ? state : { ...state, quitting: true };
    case 'interrupt':
      return { ...state, quitting: true, interrupts: state.interrupts + 1 };
  }
};

export interface AppActions {
  readonly goTo: (view: View) => void;
  readonly nextScreen: () => void;
  readonly previousScreen: () => void;
  readonly back: () => void;
  readonly toggleHelp: () => void;
  readonly scrollHelp: (by: number) => void;
  readonly toggleLog: () => void;
  readonly setMode: (screen: ScreenId, mode: ScreenMode) => void;
  readonly adoptThreshold: (value: number) => void;
  readonly quit: () => void;
  readonly interrupt: () => void;
}

export const useAppStateReducer = (initial: () => AppState): [AppState, AppActions, () => AppState] => {
  const [state, dispatch, current] = useSyncedReducer(appReducer, initial);
  const actions = useMemo<AppActions>(
    () => ({
      goTo: (view) => dispatch({ type: 'goto', view }),
      nextScreen: () => dispatch({ type: 'cycle', step: 1 }),
      previousScreen: () => dispatch({ type: 'cycle', step: -1 }),
      back: () => dispatch({ type: 'back' }),
      toggleHelp: () => dispatch({ type: 'toggleHelp' }),
      scrollHelp: (by) => dispatch({ type: 'scrollHelp', by }),
      toggleLog: () => dispatch({ type: 'toggleLog' }),
      setMode: (screen, mode) => dispatch({ type: 'mode', screen, mode }),
      adoptThreshold: (value) => dispatch({ type: 'adoptThreshold', value }),
      quit: () => dispatch({ type: 'quit' }),
      interrupt: () => dispatch({ type: 'interrupt' }),
    }),
    [dispatch],
  );
  return [state, actions, current];
};
