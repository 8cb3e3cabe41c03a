import type { Rgb } from './rgb.js';

/** What the image codec (sharp-codec.ts) takes and gives, beside RawImage. */

export interface DecodeLimits {
  readonly maxPixels: number;
  readonly minSide: number;
  readonly background: Rgb;
}

/** 'lanczos3' (default) is sharpest; 'linear' is cheaper and plenty for model inputs. */
export type ResampleKernel = 'lanczos3' | 'linear';

export interface ResizeOptions {
  readonly fit?: 'fill' | 'contain';
  readonly background?: Rgb;
  readonly kernel?: ResampleKernel;
}

export interface AugmentedImage {
  /** Encoded: PNG (lossless), or JPEG for the 'jpeg' op. */
  readonly bytes: Uint8Array;
  readonly format: 'png' | 'jpeg';
  readonly width: number;
  readonly height: number;
}
