import { describe, expect, it } from 'vitest';
import { charsetOf, colorDepthOf } from '../theme.js';
import { toAscii } from './ascii-output.js';

describe('toAscii', () => {
  it('turns every glyph the workbench draws into one ASCII column, escape sequences untouched', () => {
    const line = '\u001B[32m●\u001B[0m models ready │ ○ store · ▶ threshold ≥ 0.35 … ✔ ✖ → ← ↑ ↓ █░▀ ┌─┬┐ ╔═╗ ⠋⠙';
    const ascii = toAscii(line);
    expect(ascii).toBe('\u001B[32m*\u001B[0m models ready | o store . > threshold > 0.35 ~ v x > < ^ v #:" +-++ +=+ \\/');
    expect([...ascii].every((c) => c.charCodeAt(0) < 0x80)).toBe(true);
    // Column for column: Ink laid the frame out with the Unicode widths.
    const plain = (text: string): string => text.split('\u001B[32m').join('').split('\u001B[0m').join('');
    expect(plain(ascii).length).toBe([...plain(line)].length);
  });

  it('keeps the letter of accented names, and the width of wide characters', () => {
    expect(toAscii('José Müller')).toBe('Jose Muller');
    expect(toAscii('e\u0301')).toBe('e');
    expect(toAscii('李雷 😀')).toBe('???? ??');
    expect(toAscii('Ω')).toBe('?');
  });
});

describe('what the environment says the terminal can do', () => {
  it('colour depth from NO_COLOR, FORCE_COLOR, COLORTERM and TERM', () => {
    expect(colorDepthOf({ NO_COLOR: '1', COLORTERM: 'truecolor' })).toBe('none');
    expect(colorDepthOf({ TERM: 'dumb' })).toBe('none');
    expect(colorDepthOf({ FORCE_COLOR: '0', TERM: 'xterm-256color' })).toBe('none');
    expect(colorDepthOf({ TERM: 'xterm-256color', COLORTERM: 'truecolor' })).toBe('truecolor');
    expect(colorDepthOf({ TERM: 'xterm-direct' })).toBe('truecolor');
    expect(colorDepthOf({ TERM: 'tmux-256color' })).toBe('ansi256');
    expect(colorDepthOf({})).toBe('ansi256');
    expect(colorDepthOf({ TERM: 'linux' })).toBe('ansi16');
    expect(colorDepthOf({ TERM: 'vt100' })).toBe('ansi16');
  });

  it('charset from LC_ALL, LC_CTYPE, LANG (first set wins) and TERM=dumb', () => {
    expect(charsetOf({})).toBe('unicode');
    expect(charsetOf({ LANG: 'en_GB.UTF-8' })).toBe('unicode');
    expect(charsetOf({ LANG: 'C.utf8' })).toBe('unicode');
    expect(charsetOf({ LANG: 'C' })).toBe('ascii');
    expect(charsetOf({ LC_ALL: 'POSIX', LANG: 'en_US.UTF-8' })).toBe('ascii');
    expect(charsetOf({ LC_ALL: '', LC_CTYPE: 'de_DE.ISO-8859-1' })).toBe('ascii');
    expect(charsetOf({ LANG: 'en_US.UTF-8', TERM: 'dumb' })).toBe('ascii');
  });
});
