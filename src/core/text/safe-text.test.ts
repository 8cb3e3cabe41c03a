import { describe, expect, it } from 'vitest';
import { neutralise, oneLine } from './safe-text.js';

describe('safe text for the terminal', () => {
  it('escapes what would drive the terminal, and keeps the rest', () => {
    expect(neutralise('red \u001b[31mtext\u001b[0m')).toBe('red \\u001b[31mtext\\u001b[0m');
    expect(neutralise('a\rb\u0007c\u009bd\u202eevil\u2066x')).toBe('a\\u000db\\u0007c\\u009bd\\u202eevil\\u2066x');
    expect(neutralise('line one\nline two\twith a tab, Zoë 山田 👩‍💻')).toBe('line one\nline two\twith a tab, Zoë 山田 👩‍💻');
  });

  it('puts a file name on one line', () => {
    expect(oneLine('a.jpg\nboss.jpg  ACCEPTED')).toBe('a.jpg\\nboss.jpg  ACCEPTED');
    expect(oneLine('x\ty\u001b[2K.jpg')).toBe('x\\ty\\u001b[2K.jpg');
  });
});
