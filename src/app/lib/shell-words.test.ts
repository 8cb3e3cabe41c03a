import { describe, expect, it } from 'vitest';
import { splitPaths } from './path-complete.js';
import { escapeWord, splitWords } from './shell-words.js';

describe('splitWords / splitPaths', () => {
  it('splits on spaces and commas', () => {
    expect(splitPaths('a.jpg, b.jpg  c.jpg')).toEqual(['a.jpg', 'b.jpg', 'c.jpg']);
  });
  it('honours quotes and backslash-escapes', () => {
    expect(splitPaths(`"c d.jpg" 'e f.jpg' g\\ h.jpg /x/My\\ Photos/a.jpg`)).toEqual(['c d.jpg', 'e f.jpg', 'g h.jpg', '/x/My Photos/a.jpg']);
    expect(splitPaths(`/x/"My Photos"/a.jpg`)).toEqual(['/x/My Photos/a.jpg']);
    expect(splitPaths(`"say \\"hi\\".jpg"`)).toEqual(['say "hi".jpg']);
  });
  it('gives where each word starts, and the word being typed', () => {
    expect(splitWords('a.jpg My\\ Ph', true)).toEqual([
      { value: 'a.jpg', start: 0 },
      { value: 'My Ph', start: 6 },
    ]);
    expect(splitWords('a.jpg ', true).at(-1)).toEqual({ value: '', start: 6 });
    expect(splitWords('a.jpg "My Ph', true).at(-1)).toEqual({ value: 'My Ph', start: 6 });
  });
  it('escapes a path so that it splits back whole', () => {
    const tricky = `/x/My Photos/it's, "odd"\\.jpg`;
    expect(splitPaths(`a.jpg ${escapeWord(tricky)}`)).toEqual(['a.jpg', tricky]);
    expect(escapeWord('/plain/path.jpg')).toBe('/plain/path.jpg');
  });
});
