/**
 * The enrolment quality gate: a template is only as good as the photo it came
 * from, so register refuses faces that are small, uncertain or blurred, and
 * says which limit was missed.
 */
import { BugError } from '../errors.js';
import type { FullEmbedResult } from '../face/pipeline.js';
import type { QualitySettings } from './settings.js';
import { laplacianVariance } from './sharpness.js';

export interface QualityReport {
  /** Width of the chosen face box, source pixels. */
  readonly faceWidth: number;
  readonly detectionScore: number;
  /** Variance of the Laplacian on the aligned face. */
  readonly sharpness: number;
}

/** Needs the result of `embed(file, { includeAligned: true })`. */
export const measureQuality = (result: FullEmbedResult, settings: Pick<QualitySettings, 'background'>): QualityReport => {
  if (result.aligned === undefined) throw new BugError('measureQuality needs the aligned face (embed with includeAligned)');
  const { box, score } = result.chosen;
  return { faceWidth: box.x2 - box.x1, detectionScore: score, sharpness: laplacianVariance(result.aligned, settings.background) };
};

/** Every limit the face misses, as a sentence each; empty when it passes. */
export const qualityProblems = (report: QualityReport, settings: QualitySettings): string[] => {
  const problems: string[] = [];
  if (report.faceWidth < settings.minFaceSize) {
    problems.push(`the face is ${Math.round(report.faceWidth)} px wide, below the ${settings.minFaceSize} px minimum for enrolment`);
  }
  if (report.detectionScore < settings.minDetectionScore) {
    problems.push(`the detector is only ${report.detectionScore.toFixed(3)} sure it is a face (minimum ${settings.minDetectionScore})`);
  }
  if (report.sharpness < settings.minSharpness) {
    problems.push(`the face is blurred (sharpness ${report.sharpness.toFixed(1)}, minimum ${settings.minSharpness})`);
  }
  return problems;
};

export const QUALITY_HINT = 'Use a sharp, well-lit, roughly frontal photo where the face is large (auth.min* in config.yaml set the limits).';
