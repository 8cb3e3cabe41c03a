/** The knobs of enrolment and authentication, read from the config once. */
import type { Config } from '../config/schema.js';
import type { DecodeLimits } from '../image/codec-types.js';

export interface QualitySettings {
  /** Minimum face width in source pixels. */
  readonly minFaceSize: number;
  readonly minDetectionScore: number;
  /** Minimum variance of the Laplacian of the aligned face (see sharpness.ts). */
  readonly minSharpness: number;
  /** The colour alignment pads with (config image.background). */
  readonly background: readonly [number, number, number];
  /** How photos are decoded (config image.*), for the checks that look at a photo again. */
  readonly decode: DecodeLimits;
}

export interface LockoutPolicy {
  /** Consecutive failures for one claimed user that start a cool-down. */
  readonly maxFailures: number;
  readonly cooldownSeconds: number;
}

export interface AuthSettings {
  /** Cosine similarity at or above which a face is accepted as an enrolled person. */
  readonly threshold: number;
  readonly lockout: LockoutPolicy;
  readonly quality: QualitySettings;
}

export const authSettingsFrom = (config: Config, overrides: { readonly threshold?: number } = {}): AuthSettings => ({
  threshold: overrides.threshold ?? config.verification.threshold,
  lockout: { maxFailures: config.auth.maxFailures, cooldownSeconds: config.auth.cooldownSeconds },
  quality: {
    minFaceSize: config.auth.minFaceSize,
    minDetectionScore: config.auth.minDetectionScore,
    minSharpness: config.auth.minSharpness,
    background: config.image.background,
    decode: { maxPixels: config.image.maxPixels, minSide: config.image.minSide, background: config.image.background },
  },
});
