import type { Key } from 'ink';
import { describe, expect, it } from 'vitest';
import { editLine, keysOf, keysOfText, type Line, type LineKey } from './line-editor.js';

const noKey: Key = {
  upArrow: false,
  downArrow: false,
  leftArrow: false,
  rightArrow: false,
  pageDown: false,
  pageUp: false,
  home: false,
  end: false,
  return: false,
  escape: false,
  ctrl: false,
  shift: false,
  tab: false,
  backspace: false,
  delete: false,
  meta: false,
  super: false,
  hyper: false,
  capsLock: false,
  numLock: false,
};

const apply = (line: Line, keys: readonly LineKey[]): Line => keys.reduce(editLine, line);
const at = (value: string): Line => ({ value, cursor: value.length });

describe('keysOfText (a read holding several keys)', () => {
  it('splits text and control bytes into keys, in order', () => {
    expect(keysOfText('ab\u007F\u007Fc\r')).toEqual([
      { type: 'insert', text: 'ab' },
      { type: 'backspace' },
      { type: 'backspace' },
      { type: 'insert', text: 'c' },
      { type: 'submit' },
    ]);
    expect(keysOfText('x\u0015y\u0017\t')).toEqual([{ type: 'insert', text: 'x' }, { type: 'clear' }, { type: 'insert', text: 'y' }, { type: 'deleteWord' }, { type: 'complete' }]);
  });
  it('drops other control bytes', () => {
    expect(keysOfText('a\u0007b')).toEqual([{ type: 'insert', text: 'a' }, { type: 'insert', text: 'b' }]);
  });
});

describe('keysOf', () => {
  it('reads three Backspaces in one read as three', () => {
    expect(apply(at('/work/photos'), keysOf('\u007F\u007F\u007F', noKey)).value).toBe('/work/pho');
  });
  it('reads Ctrl+U and Ctrl+W as editing, not letters', () => {
    expect(keysOf('u', { ...noKey, ctrl: true })).toEqual([{ type: 'clear' }]);
    expect(keysOf('w', { ...noKey, ctrl: true })).toEqual([{ type: 'deleteWord' }]);
    expect(keysOf('x', { ...noKey, ctrl: true })).toEqual([]);
  });
  it('reads named keys', () => {
    expect(keysOf('', { ...noKey, delete: true })).toEqual([{ type: 'backspace' }]);
    expect(keysOf('', { ...noKey, return: true })).toEqual([{ type: 'submit' }]);
    expect(keysOf('', { ...noKey, escape: true, meta: true })).toEqual([{ type: 'cancel' }]);
    expect(keysOf('', { ...noKey, tab: true })).toEqual([{ type: 'complete' }]);
    expect(keysOf('', { ...noKey, tab: true, shift: true })).toEqual([]);
    expect(keysOf('', { ...noKey, leftArrow: true })).toEqual([{ type: 'left' }]);
  });
});

describe('editLine', () => {
  it('inserts at the cursor and moves it', () => {
    expect(editLine({ value: 'ac', cursor: 1 }, { type: 'insert', text: 'b' })).toEqual({ value: 'abc', cursor: 2 });
  });
  it('Backspace deletes before the cursor, nothing at the start', () => {
    expect(editLine({ value: 'abc', cursor: 2 }, { type: 'backspace' })).toEqual({ value: 'ac', cursor: 1 });
    expect(editLine({ value: 'abc', cursor: 0 }, { type: 'backspace' })).toEqual({ value: 'abc', cursor: 0 });
    expect(editLine(at('a😀'), { type: 'backspace' })).toEqual(at('a'));
  });
  it('Ctrl+U deletes to the start of the line', () => {
    expect(editLine(at('/work/shared'), { type: 'clear' })).toEqual(at(''));
    expect(editLine({ value: 'abcd', cursor: 2 }, { type: 'clear' })).toEqual({ value: 'cd', cursor: 0 });
  });
  it('Ctrl+W deletes a word or a path segment', () => {
    expect(editLine(at('a.jpg b.jpg'), { type: 'deleteWord' })).toEqual(at('a.jpg '));
    expect(editLine(at('a.jpg  '), { type: 'deleteWord' })).toEqual(at(''));
    expect(editLine(at('/work/shared/'), { type: 'deleteWord' })).toEqual(at('/work/'));
    expect(editLine(at('/work/sha'), { type: 'deleteWord' })).toEqual(at('/work/'));
  });
  it('moves the cursor within the line', () => {
    const line = { value: 'abc', cursor: 1 };
    expect(editLine(line, { type: 'left' }).cursor).toBe(0);
    expect(editLine({ ...line, cursor: 0 }, { type: 'left' }).cursor).toBe(0);
    expect(editLine(line, { type: 'right' }).cursor).toBe(2);
    expect(editLine(at('abc'), { type: 'right' }).cursor).toBe(3);
    expect(editLine(line, { type: 'home' }).cursor).toBe(0);
    expect(editLine(line, { type: 'end' }).cursor).toBe(3);
  });
});
