/**
 * The one keymap. Input hooks ask `commandFor(input, key, commands)` which of
 * the commands they accept was pressed; they never compare raw keys. The footer
 * and the help view read the labels from here, so what is shown is what works.
 */
import type { Key } from 'ink';

export type KeyName =
  | 'up'
  | 'down'
  | 'left'
  | 'right'
  | 'return'
  | 'escape'
  | 'tab'
  | 'pageUp'
  | 'pageDown'
  | 'home'
  | 'end'
  | 'backspace'
  | 'delete';

export interface KeySpec {
  /** The character typed (case-sensitive). */
  readonly input?: string;
  readonly name?: KeyName;
  /** Default false: a binding without ctrl never fires with Ctrl held. */
  readonly ctrl?: boolean;
  /** When set, Shift must be (or must not be) held; otherwise it does not matter. */
  readonly shift?: boolean;
}

export interface Binding {
  readonly keys: readonly KeySpec[];
  /** How the key is written in the footer and help ("Tab", "←/→"). */
  readonly label: string;
  /** What it does, in a few words. */
  readonly action: string;
}

const bindings = {
  quit: { keys: [{ input: 'q' }], label: 'q', action: 'quit' },
  interrupt: { keys: [{ input: 'c', ctrl: true }], label: 'Ctrl+C', action: 'quit (twice: force)' },
  help: { keys: [{ input: '?' }], label: '?', action: 'help' },
  toggleLog: { keys: [{ input: 'v' }], label: 'v', action: 'log' },
  nextScreen: { keys: [{ name: 'tab', shift: false }], label: 'Tab', action: 'next screen' },
  prevScreen: { keys: [{ name: 'tab', shift: true }], label: 'S-Tab', action: 'previous' },
  back: { keys: [{ name: 'escape' }], label: 'Esc', action: 'back' },
  goto: { keys: ['1', '2', '3', '4', '5'].map((input) => ({ input })), label: '1-5', action: 'screens' },
  up: { keys: [{ name: 'up' }, { input: 'k' }], label: '↑', action: 'up' },
  down: { keys: [{ name: 'down' }, { input: 'j' }], label: '↓', action: 'down' },
  left: { keys: [{ name: 'left', shift: false }], label: '←', action: 'left' },
  right: { keys: [{ name: 'right', shift: false }], label: '→', action: 'right' },
  coarseUp: { keys: [{ name: 'up' }, { name: 'right', shift: true }], label: '↑', action: 'up' },
  coarseDown: { keys: [{ name: 'down' }, { name: 'left', shift: true }], label: '↓', action: 'down' },
  fineUp: { keys: [{ input: ']' }], label: ']', action: 'fine up' },
  fineDown: { keys: [{ input: '[' }], label: '[', action: 'fine down' },
  recommended: { keys: [{ input: 't' }], label: 't', action: 'recommended threshold' },
  select: { keys: [{ name: 'return' }], label: 'Enter', action: 'run' },
  pageUp: { keys: [{ name: 'pageUp' }], label: 'PgUp', action: 'page up' },
  pageDown: { keys: [{ name: 'pageDown' }], label: 'PgDn', action: 'page down' },
  first: { keys: [{ name: 'home' }], label: 'Home', action: 'first' },
  last: { keys: [{ name: 'end' }], label: 'End', action: 'last' },
  complete: { keys: [{ name: 'tab', shift: false }], label: 'Tab', action: 'complete path' },
  submit: { keys: [{ name: 'return' }], label: 'Enter', action: 'ok' },
  cancel: { keys: [{ name: 'escape' }], label: 'Esc', action: 'cancel' },
  search: { keys: [{ input: '/' }], label: '/', action: 'search' },
  remove: { keys: [{ input: 'd' }, { name: 'delete' }], label: 'd', action: 'delete' },
  confirm: { keys: [{ input: 'y' }, { input: 'Y' }], label: 'y', action: 'yes' },
  deny: { keys: [{ input: 'n' }, { input: 'N' }, { name: 'escape' }], label: 'n', action: 'no' },
  metric: { keys: [{ input: 'm' }], label: 'm', action: 'metric' },
  adopt: { keys: [{ input: 'a' }], label: 'a', action: 'adopt threshold' },
  edgeCases: { keys: [{ input: 'e' }], label: 'e', action: 'edge cases' },
  open: { keys: [{ input: 'o' }], label: 'o', action: 'open folder' },
  integrity: { keys: [{ input: 'i' }], label: 'i', action: 'integrity check' },
  addPhotos: { keys: [{ input: 'a' }], label: 'a', action: 'add the photos' },
  fullReport: { keys: [{ input: 'f' }], label: 'f', action: 'full evaluation report' },
  force: { keys: [{ input: 'f' }], label: 'f', action: 'force' },
  refresh: { keys: [{ input: 'r' }], label: 'r', action: 'reload' },
  save: { keys: [{ input: 'w' }], label: 'w', action: 'write to config' },
  experiments: { keys: [{ input: 'x' }], label: 'x', action: 'experiments' },
  nextStep: { keys: [{ name: 'right', shift: false }, { input: 'n' }, { input: ' ' }], label: '→', action: 'next step' },
  prevStep: { keys: [{ name: 'left', shift: false }, { input: 'p' }], label: '←', action: 'previous step' },
} as const satisfies Record<string, Binding>;

export type Command = keyof typeof bindings;

export const keymap: Readonly<Record<Command, Binding>> = bindings;

const nameMatches = (name: KeyName, key: Key): boolean => {
  switch (name) {
    case 'up':
      return key.upArrow;
    case 'down':
      return key.downArrow;
    case 'left':
      return key.leftArrow;
    case 'right':
      return key.rightArrow;
    case 'return':
      return key.return;
    case 'escape':
      return key.escape;
    case 'tab':
      return key.tab;
    case 'pageUp':
      return key.pageUp;
    case 'pageDown':
      return key.pageDown;
    case 'home':
      return key.home;
    case 'end':
      return key.end;
    case 'backspace':
      return key.backspace;
    case 'delete':
      return key.delete;
  }
};

export const keyMatches = (spec: KeySpec, input: string, key: Key): boolean => {
  if ((spec.ctrl ?? false) !== key.ctrl) return false;
  if (spec.shift !== undefined && spec.shift !== key.shift) return false;
  if (spec.name !== undefined) return nameMatches(spec.name, key);
  return spec.input !== undefined && input === spec.input;
};

/** The first of `commands` whose keys match the keypress. */
export const commandFor = (input: string, key: Key, commands: readonly Command[]): Command | undefined =>
  commands.find((command) => keymap[command].keys.some((spec) => keyMatches(spec, input, key)));

/** Which of the five screens a number key picks (0-based), if any. */
export const screenIndexFor = (input: string, key: Key): number | undefined => {
  if (key.ctrl || key.meta || !/^[1-5]$/.test(input)) return undefined;
  return Number(input) - 1;
};

export interface Hint {
  readonly keys: string;
  readonly action: string;
}

/** A footer hint for a command, optionally with a screen-specific wording. */
export const hint = (command: Command, action?: string): Hint => ({
  keys: keymap[command].label,
  action: action ?? keymap[command].action,
});

/** ↑↓ as one hint. */
export const moveHint = (action: string): Hint => ({ keys: '↑↓', action });
