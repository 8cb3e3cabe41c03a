import { describe, expect, it } from 'vitest';
import { qualityProblems } from './quality-gate.js';
import type { QualitySettings } from './settings.js';

const settings: QualitySettings = {
  minFaceSize: 80,
  minDetectionScore: 0.95,
  minSharpness: 40,
  background: [255, 255, 255],
  decode: { maxPixels: 64_000_000, minSide: 32, background: [255, 255, 255] },
};

describe('qualityProblems', () => {
  it('passes a face at every limit', () => {
    expect(qualityProblems({ faceWidth: 80, detectionScore: 0.95, sharpness: 40 }, settings)).toEqual([]);
  });

  it('names every limit missed, with the measured value and the minimum', () => {
    expect(qualityProblems({ faceWidth: 61.6, detectionScore: 0.912, sharpness: 12.34 }, settings)).toEqual([
      'the face is 62 px wide, below the 80 px minimum for enrolment',
      'the detector is only 0.912 sure it is a face (minimum 0.95)',
      'the face is blurred (sharpness 12.3, minimum 40)',
    ]);
  });
});
