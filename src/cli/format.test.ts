import { describe, expect, it } from 'vitest';
import { formatColumns } from './format.js';

describe('formatColumns', () => {
  it('aligns columns by terminal width: CJK and emoji take two columns, combining marks none', () => {
    const lines = formatColumns([
      ['NAME', 'TEMPLATES', 'STATUS'],
      ['Ada', '1', 'ok'],
      ['山田', '2', 'ok'],
      ['👩\u200D💻', '3', 'ok'],
      ['Zoe\u0308', '4', 'ok'],
    ]);
    expect(lines).toEqual(['NAME  TEMPLATES  STATUS', 'Ada   1          ok', '山田  2          ok', '👩\u200D💻    3          ok', 'Zoe\u0308   4          ok']);
  });
});
