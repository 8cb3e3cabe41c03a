import { describe, expect, it } from 'vitest';
import { truncate } from './format.js';
import { displayPath } from './images.js';

describe('file names on the workbench screens', () => {
  it('are shown on one line with their control characters escaped (truncate, displayPath)', () => {
    expect(truncate('a\u001b[2Jb\nc.jpg', 40)).toBe('a\\u001b[2Jb\\nc.jpg');
    expect(truncate('x'.repeat(10) + '\n', 8)).toBe('xxxxxxx…');
    expect(displayPath('/photos/evil\u001b[31m\n.jpg', '/photos')).toBe('evil\\u001b[31m\\n.jpg');
    expect(displayPath('/photos/plain.jpg', null)).toBe('/photos/plain.jpg');
  });
});
