import { describe, expect, it } from 'vitest';
import { wrapReportLines } from './report-lines.js';

describe('wrapReportLines', () => {
  it('keeps short lines, and wraps a long one with its continuation indented, losing no word', () => {
    const long = 'insufficient data: 9159 impostor pairs, at least 10000 needed for FAR 0.0001 (one false accept is already 1.1e-4)';
    const lines = wrapReportLines(['title', '', long], 40);
    expect(lines.slice(0, 2)).toEqual(['title', '']);
    expect(lines.length).toBeGreaterThan(4);
    for (const line of lines) expect(line.length).toBeLessThanOrEqual(40);
    for (const line of lines.slice(3)) expect(line.startsWith('  ')).toBe(true);
    expect(lines.slice(2).map((l) => l.trim()).join(' ')).toBe(long);
  });

  it('cuts a word longer than the width rather than overflow', () => {
    const lines = wrapReportLines(['x'.repeat(25)], 10);
    expect(lines.every((l) => l.length <= 10)).toBe(true);
    expect(lines.join('').replace(/ /g, '')).toBe('x'.repeat(25));
  });
});
