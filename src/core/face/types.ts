/** Plain data that crosses the worker boundary and reaches the front ends. */

export interface Box {
  readonly x1: number;
  readonly y1: number;
  readonly x2: number;
  readonly y2: number;
}

export interface Point {
  readonly x: number;
  readonly y: number;
}

export interface DetectedFace {
  /** In source-image pixels (after EXIF orientation). */
  readonly box: Box;
  readonly score: number;
}

export interface FaceAnalysis extends DetectedFace {
  /** 68 iBUG points in source-image pixels. */
  readonly landmarks: readonly Point[];
  /** Eye centres, nose tip, mouth corners. */
  readonly fivePoints: readonly Point[];
}

export interface ImageInfo {
  readonly format: string;
  readonly width: number;
  readonly height: number;
  readonly orientation: number;
  readonly sourceSpace: string;
  readonly sourceDepth: string;
  readonly hadAlpha: boolean;
}

export interface StageTimings {
  decode: number;
  detect: number;
  landmarks: number;
  align: number;
  embed: number;
  liveness: number;
  total: number;
  /** Time spent inside the models themselves (all stages). */
  models: number;
}

export interface EmbedResult {
  readonly image: ImageInfo;
  /** Every face found, largest first. */
  readonly faces: readonly DetectedFace[];
  /** The face that was embedded (the largest). */
  readonly chosen: FaceAnalysis;
  /** L2-normalised. */
  readonly embedding: Float32Array;
  /** Norm of the raw model output before normalisation. */
  readonly rawNorm: number;
  /** Experimental: probability-like score that the face is live. */
  readonly liveness: number;
  /** SHA-256 of the file's bytes. */
  readonly sha256: string;
  readonly timings: StageTimings;
}

/**
 * Ablations for the evaluation lab, never used as a fallback: 'no-align' embeds the
 * face box resized; 'no-detect' the whole image resized; 'imagenet-norm' aligns
 * properly but normalises with ImageNet mean/std instead of the model's own.
 */
export type EmbedVariant = 'standard' | 'no-align' | 'no-detect' | 'imagenet-norm';

export interface EmbedOptions {
  /** Default 'standard'. */
  readonly variant?: EmbedVariant;
  /**
   * Require exactly one face (registration): any second face found (at least
   * detection.minFaceSize wide) is MULTIPLE_FACES, and the search runs every pass.
   */
  readonly requireSingleFace?: boolean;
  /**
   * With requireSingleFace: how small a second face the fine tiles search down to
   * (default detection.minFaceSize; registration uses its gate, auth.minFaceSize, to
   * keep a large photo's search short). Faces found anyway still count.
   */
  readonly singleFaceMinSize?: number;
  /** Also return the aligned 112x112 RGB crop (for the preprocessing screen). */
  readonly includeAligned?: boolean;
}
