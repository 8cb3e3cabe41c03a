import type { Key } from 'ink';
import { describe, expect, it } from 'vitest';
import { commandFor, screenIndexFor } from './keymap.js';

const key = (overrides: Partial<Key> = {}): Key => ({
  upArrow: false, downArrow: false, leftArrow: false, rightArrow: false, pageDown: false, pageUp: false, home: false, end: false,
  return: false, escape: false, ctrl: false, shift: false, tab: false, backspace: false, delete: false, meta: false,
  super: false, hyper: false, capsLock: false, numLock: false, ...overrides,
});

describe('keymap', () => {
  it('tells Tab from Shift-Tab', () => {
    expect(commandFor('', key({ tab: true }), ['prevScreen', 'nextScreen'])).toBe('nextScreen');
    expect(commandFor('', key({ tab: true, shift: true }), ['prevScreen', 'nextScreen'])).toBe('prevScreen');
  });

  it('a letter binding never fires with Ctrl held; Ctrl+C is its own command', () => {
    expect(commandFor('c', key({ ctrl: true }), ['quit', 'interrupt'])).toBe('interrupt');
    expect(commandFor('q', key({ ctrl: true }), ['quit'])).toBeUndefined();
    expect(commandFor('q', key(), ['quit'])).toBe('quit');
  });

  it('only offers the commands a screen accepts', () => {
    expect(commandFor('m', key(), ['adopt'])).toBeUndefined();
    expect(commandFor('m', key(), ['adopt', 'metric'])).toBe('metric');
  });

  it('number keys pick screens 1-5', () => {
    expect(screenIndexFor('1', key())).toBe(0);
    expect(screenIndexFor('5', key())).toBe(4);
    expect(screenIndexFor('6', key())).toBeUndefined();
  });
});
