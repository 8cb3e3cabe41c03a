import { describe, expect, it } from 'vitest';
import { UserError } from '../errors.js';
import { mulberry32 } from './prng.js';
import { histogramBins } from './histogram-bins.js';
import { GENUINE_GLYPH, IMPOSTOR_GLYPH, THRESHOLD_MARK, renderHistogram } from './histogram-render.js';

// Explicit range [0, 1], 4 bins: [0, .25) [.25, .5) [.5, .75) [.75, 1]
//   genuine  0.1 -> 0, 0.3 -> 1, 0.5 -> 2, 0.55 -> 2, 1.0 -> 3 (last bin closed)     => [1, 1, 2, 1]
//   impostor 0 -> 0, 0.2 -> 0, 0.25 -> 1 (an edge belongs to the bin above), 0.75 -> 3,
//            -0.1 below, 1.2 above                                                 => [2, 1, 0, 1]
const genuine = [0.1, 0.3, 0.5, 0.55, 1.0];
const impostor = [0, 0.25, 0.2, 0.75, -0.1, 1.2];

describe('histogramBins', () => {
  it('counts per bin with an explicit range', () => {
    const h = histogramBins({ genuine, impostor, bins: 4, range: [0, 1], threshold: 0.5 });
    expect(h.edges).toEqual([0, 0.25, 0.5, 0.75, 1]);
    expect(h.binWidth).toBe(0.25);
    expect(h.genuine).toEqual([1, 1, 2, 1]);
    expect(h.impostor).toEqual([2, 1, 0, 1]);
    expect(h.outside).toEqual({ genuine: { below: 0, above: 0 }, impostor: { below: 1, above: 1 } });
    expect(h.thresholdBin).toBe(2); // 0.5 is the lower edge of bin 2
  });

  it('places the threshold in the right bin', () => {
    const at = (threshold: number): number | null =>
      histogramBins({ genuine, impostor, bins: 4, range: [0, 1], threshold }).thresholdBin;
    expect(at(0)).toBe(0);
    expect(at(0.2499)).toBe(0);
    expect(at(0.49)).toBe(1);
    expect(at(0.75)).toBe(3);
    expect(at(1)).toBe(3);
    expect(at(1.5)).toBeNull();
    expect(histogramBins({ genuine, impostor, bins: 4, range: [0, 1] }).thresholdBin).toBeNull();
  });

  it('automatic range: round edges covering the scores and the threshold', () => {
    // scores span [-0.13, 0.71]; 0.84 / 20 bins = 0.042 -> step 0.05, from -0.15;
    // -0.15 + 18 * 0.05 = 0.75 >= 0.71, so 18 bins are enough.
    // threshold 0.35 = -0.15 + 10 * 0.05 -> bin 10, [0.35, 0.40)
    const h = histogramBins({ genuine: [0.32, 0.71], impostor: [-0.13, 0.05], bins: 20, threshold: 0.35 });
    expect(h.range).toEqual([-0.15, 0.75]);
    expect(h.edges).toHaveLength(19);
    expect(h.edges[10]).toBe(0.35);
    expect(h.thresholdBin).toBe(10);
    expect(h.genuine[9]).toBe(1); // 0.32 in [0.30, 0.35)
    expect(h.genuine[17]).toBe(1); // 0.71 in [0.70, 0.75]
    expect(h.impostor[0]).toBe(1); // -0.13 in [-0.15, -0.10)
    expect(h.impostor[4]).toBe(1); // 0.05 in [0.05, 0.10)
  });

  it('automatic range widens to include a far threshold; a single value still gets a bin', () => {
    const h = histogramBins({ genuine: [0.5], impostor: [], bins: 10, threshold: 0.9 });
    expect(h.range[0]).toBeLessThanOrEqual(0.5);
    expect(h.range[1]).toBeGreaterThanOrEqual(0.9);
    expect(h.thresholdBin).not.toBeNull();
    const single = histogramBins({ genuine: [0.3], impostor: [0.3], bins: 3 });
    expect(single.genuine.reduce((a, b) => a + b)).toBe(1);
  });

  it('automatic range always holds every score in at most `bins` increasing bins', () => {
    const random = mulberry32(123);
    for (let trial = 0; trial < 200; trial++) {
      const centre = (random() - 0.5) * 10 ** Math.floor(random() * 6 - 2);
      const spread = 10 ** Math.floor(random() * 8 - 5);
      const g = Array.from({ length: 20 }, () => centre + spread * random());
      const i = Array.from({ length: 30 }, () => centre - spread * random());
      const bins = 1 + Math.floor(random() * 40);
      const h = histogramBins({ genuine: g, impostor: i, bins });
      expect(h.edges.length - 1).toBeLessThanOrEqual(bins);
      for (let b = 1; b < h.edges.length; b++) expect(h.edges[b]!).toBeGreaterThan(h.edges[b - 1]!);
      expect(h.genuine.reduce((a, b) => a + b)).toBe(20);
      expect(h.impostor.reduce((a, b) => a + b)).toBe(30);
    }
    // absurd spans fall back to linear edges instead of looping
    const huge = histogramBins({ genuine: [1e300], impostor: [-1e300], bins: 4 });
    expect(huge.genuine.reduce((a, b) => a + b) + huge.impostor.reduce((a, b) => a + b)).toBe(2);
  });

  it('rejects bad input', () => {
    expect(() => histogramBins({ genuine: [], impostor: [] })).toThrow(/Nothing to draw/);
    expect(() => histogramBins({ genuine, impostor, bins: 0 })).toThrow(UserError);
    expect(() => histogramBins({ genuine, impostor, range: [1, 0] })).toThrow(UserError);
    expect(() => histogramBins({ genuine: [NaN], impostor })).toThrow(UserError);
    expect(() => histogramBins({ genuine, impostor, threshold: NaN })).toThrow(UserError);
  });
});

describe('renderHistogram', () => {
  const lines = renderHistogram({ genuine, impostor, bins: 4, range: [0, 1], threshold: 0.6, width: 60 });
  const rows = lines.slice(1, 5);

  it('plain text within the width, one row per bin plus header and axis', () => {
    for (const line of lines) {
      expect(line.includes(String.fromCharCode(27))).toBe(false); // no colour codes (ESC)
      expect(line.length).toBeLessThanOrEqual(60);
    }
    expect(lines[0]).toMatch(/score/);
    expect(lines[0]).toContain(`impostor ${IMPOSTOR_GLYPH}`);
    expect(lines[0]).toContain(`${GENUINE_GLYPH} genuine`);
    expect(rows.map((r) => r.trim().split(/\s+/)[0])).toEqual(['0.00', '0.25', '0.50', '0.75']);
    expect(lines[5]).toMatch(/^\s*1\.00\s+─+┴─+$/);
  });

  it('series are told apart by glyph and side, with their counts', () => {
    rows.forEach((row, b) => {
      const [left = '', right = ''] = row.split('│');
      const impostorCount = [2, 1, 0, 1][b]!;
      const genuineCount = [1, 1, 2, 1][b]!;
      expect(left.includes(IMPOSTOR_GLYPH)).toBe(impostorCount > 0);
      expect(left.includes(GENUINE_GLYPH)).toBe(false);
      expect(right.includes(GENUINE_GLYPH)).toBe(genuineCount > 0);
      expect(right.includes(IMPOSTOR_GLYPH)).toBe(false);
      expect(right.trim().split(/\s+/).slice(-2)).toEqual([String(impostorCount), String(genuineCount)]);
    });
    // the tallest bin of each series fills its half; others are proportional
    const barLength = (row: string, glyph: string): number => row.split(glyph).length - 1;
    const half = barLength(rows[0]!, IMPOSTOR_GLYPH);
    expect(barLength(rows[1]!, IMPOSTOR_GLYPH)).toBe(Math.round(half / 2));
    expect(barLength(rows[2]!, GENUINE_GLYPH)).toBe(half);
    expect(barLength(rows[0]!, GENUINE_GLYPH)).toBe(Math.round(half / 2));
  });

  it('marks exactly the threshold bin', () => {
    // 0.6 is in [0.5, 0.75): row 2
    expect(rows.map((r) => r.includes(THRESHOLD_MARK))).toEqual([false, false, true, false]);
    expect(lines.join('\n')).toContain(`${THRESHOLD_MARK} threshold 0.6  in bin [0.50, 0.75)`);
    expect(lines.join('\n')).toMatch(/impostor 1 below, 1 above/);
  });

  it('marks the last (closed) bin and handles narrow widths', () => {
    const narrow = renderHistogram({ genuine, impostor, bins: 4, range: [0, 1], threshold: 1, width: 30 });
    expect(narrow.slice(1, 5).map((r) => r.includes(THRESHOLD_MARK))).toEqual([false, false, false, true]);
    expect(narrow.join('\n')).toContain('[0.75, 1.00]');
    for (const line of narrow) expect(line.length).toBeLessThanOrEqual(30);
    expect(() => renderHistogram({ genuine, impostor, width: 10 })).toThrow(UserError);
  });
});
