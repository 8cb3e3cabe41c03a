import { describe, expect, it } from 'vitest';
import { rocCurve } from './roc.js';
import { CURVE_GLYPH, OPERATING_GLYPH, renderRocPlot } from './roc-plot.js';

// 4 genuine, 100 impostor scores. Impostors 0.00..0.99 step 0.01; genuine 0.5, 0.985, 0.995, 0.999.
// FAR <= 1e-2 (one false accept, threshold down to 0.985) keeps three genuine scores: TAR 75%;
// FAR 0.5 (threshold 0.5) accepts every genuine score: TAR 100%. Operating point: threshold 0.99, FAR 1%, TAR 50%.
const impostor = Float64Array.from({ length: 100 }, (_v, i) => i / 100);
const genuine = Float64Array.from([0.5, 0.985, 0.995, 0.999]);
const roc = rocCurve(genuine, impostor);

describe('renderRocPlot', () => {
  const lines = renderRocPlot({ roc, impostorCount: 100, operating: { far: 0.01, tar: 0.5, threshold: 0.99 }, width: 60, height: 6 });

  it('fits the width and labels the decades from one false accept (1e-2) to 1', () => {
    for (const line of lines) expect([...line].length).toBeLessThanOrEqual(60);
    const ticks = lines.find((l) => l.includes('1e-2'))!;
    expect(ticks.trim().split(/\s+/)).toEqual(['1e-2', '1e-1', '1']);
    expect(lines.at(-1)).toBe('leftmost FAR 1.0e-2 = one false accept of 100 impostor pairs');
  });

  it('draws the step curve: 75% at the left, 100% once FAR reaches 0.5, and marks the operating point', () => {
    const rows = lines.slice(1, 7);
    expect(rows[0]).toMatch(/^100% ┤/);
    expect(rows[5]).toMatch(/^ 50% ┤/); // zoomed: the lowest TAR shown (the operating point's) is the bottom row
    // 75% lies between rows 2 (80%) and 3 (70%): rounded to row 3 (row height 10%).
    expect(rows.map((r) => r.slice(0, 6))).toEqual(['100% ┤', ' 90% ┤', ' 80% ┤', ' 70% ┤', ' 60% ┤', ' 50% ┤']);
    expect(rows[3]!.slice(6).startsWith(CURVE_GLYPH.repeat(10))).toBe(true);
    const body = (r: string): string => r.slice(6);
    // TAR 100% from FAR 0.5 (3/4 of the way along the log axis 1e-2..1) to the right end.
    const top = body(rows[0]!);
    expect(top.indexOf(CURVE_GLYPH)).toBeGreaterThan(0.8 * top.length);
    expect(top.trimEnd().endsWith(CURVE_GLYPH)).toBe(true);
    // The operating point (FAR 1e-2, TAR 50%) sits at the left end of the bottom row.
    expect(body(rows[5]!).startsWith(OPERATING_GLYPH)).toBe(true);
    expect(lines).toContain(`${OPERATING_GLYPH} threshold 0.99: FAR 1%, TAR 50%`);
  });

  it('says so when there is nothing to plot, and refuses a width it cannot draw in', () => {
    expect(renderRocPlot({ roc: [], impostorCount: 0 })).toEqual(['ROC: no pairs to plot']);
    expect(() => renderRocPlot({ roc, impostorCount: 100, width: 20 })).toThrow(/width/);
  });
});
