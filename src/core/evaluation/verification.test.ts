import { describe, expect, it } from 'vitest';
import { verificationSummary } from './verification.js';

// Hand-checked: 4 genuine, 5 impostor scores.
const genuine = [0.9, 0.7, 0.5, 0.3];
const impostor = [0.6, 0.2, 0.1, 0.0, -0.1];

describe('verificationSummary', () => {
  const summary = verificationSummary(genuine, impostor, { threshold: 0.5, targetFar: 0.2, tarFars: [0.5, 0.01] });

  it('gives the rates at the operating threshold', () => {
    // genuine 0.3 < 0.5 is rejected; impostor 0.6 >= 0.5 is accepted.
    expect(summary).toMatchObject({ threshold: 0.5, far: 1 / 5, frr: 1 / 4, tar: 3 / 4, falseAccepts: 1, falseRejects: 1, accuracy: 7 / 9 });
  });

  it('gives EER, AUC and d-prime', () => {
    // At 0.5: FAR 0.2, FRR 0.25 (gap 0.05, the smallest): EER 0.225.
    expect(summary.eer).toBeCloseTo(0.225, 12);
    expect(summary.eerThreshold).toBe(0.5);
    // Pairs with genuine > impostor: 0.9, 0.7 beat all 5; 0.5 beats 4; 0.3 beats 4: 18 of 20.
    expect(summary.auc).toBeCloseTo(18 / 20, 12);
    expect(summary.dPrime).toBeGreaterThan(1);
    expect(summary.stats.genuine).toMatchObject({ count: 4, min: 0.3, max: 0.9 });
  });

  it('marks a TAR at a FAR the impostor count cannot support', () => {
    expect(summary.tarAtFar.map((r) => [r.targetFar, r.tar, r.sufficient])).toEqual([
      [0.5, 1, true],
      [0.01, 0.5, false],
    ]);
    expect(summary.tarAtFar[0]!.note).toBeNull();
    expect(summary.tarAtFar[1]!.note).toBe('insufficient data: 5 impostor pairs, at least 100 needed for FAR 0.01 (one false accept is already 0.2)');
    // FAR <= 0.2 allows one false accept (0.6): the lowest such threshold is the next score above 0.2, i.e. 0.3, TAR 1.
    expect(summary.targetFar).toMatchObject({ targetFar: 0.2, threshold: 0.3, tar: 1, achievedFar: 0.2, sufficient: true });
  });

  it('keeps the corner points of ROC and DET and the histogram with the threshold', () => {
    expect(summary.roc[0]).toMatchObject({ far: 1, tar: 1 });
    expect(summary.roc.at(-1)).toMatchObject({ far: 0, tar: 0 });
    expect(summary.det.every((p) => p.far > 0 && p.frr > 0)).toBe(true);
    expect(summary.histogram.genuine.reduce((a, b) => a + b, 0)).toBe(4);
    expect(summary.histogramText.join('\n')).toContain('threshold 0.5');
  });
});
