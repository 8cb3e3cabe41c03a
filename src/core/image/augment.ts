/**
 * Augmentations for the preprocessing experiments: what happens to an
 * embedding when the same photo is mirrored, rotated, darkened, blurred,
 * recompressed or shrunk. The pixels are transformed by sharp
 * (`augmentImage` in sharp-codec.ts); this module only describes the ops.
 */
import { BugError } from '../errors.js';

export type AugmentOp =
  /** Mirror left-right. */
  | { readonly kind: 'flip' }
  /** Rotate clockwise by any angle; the canvas grows and the corners are filled with the background. */
  | { readonly kind: 'rotate'; readonly degrees: number }
  /** Multiply brightness (1 = unchanged). */
  | { readonly kind: 'brightness'; readonly factor: number }
  /** Gaussian blur with this sigma in pixels (0.3 .. 100). */
  | { readonly kind: 'blur'; readonly sigma: number }
  /** Re-encode as JPEG at this quality (1 .. 100). */
  | { readonly kind: 'jpeg'; readonly quality: number }
  /** Resize the whole image by this factor (0 < factor <= 4): the input size seen by the detector. */
  | { readonly kind: 'scale'; readonly factor: number };

export type AugmentKind = AugmentOp['kind'];

/** Throws BugError for an op outside its documented range (ops come from code, not from users). */
export const checkAugmentOp = (op: AugmentOp): void => {
  const fail = (what: string): never => {
    throw new BugError(`augment ${op.kind}: ${what}, got ${JSON.stringify(op)}`);
  };
  switch (op.kind) {
    case 'flip':
      return;
    case 'rotate':
      if (!Number.isFinite(op.degrees)) fail('degrees must be finite');
      return;
    case 'brightness':
      if (!(op.factor > 0 && op.factor <= 10)) fail('factor must be in (0, 10]');
      return;
    case 'blur':
      if (!(op.sigma >= 0.3 && op.sigma <= 100)) fail('sigma must be in [0.3, 100]');
      return;
    case 'jpeg':
      if (!Number.isInteger(op.quality) || op.quality < 1 || op.quality > 100) fail('quality must be an integer 1..100');
      return;
    case 'scale':
      if (!(op.factor > 0 && op.factor <= 4)) fail('factor must be in (0, 4]');
      return;
  }
};

/** A short label, e.g. "rotate 15°", "JPEG q10", "scale x0.25". */
export const describeAugment = (op: AugmentOp): string => {
  switch (op.kind) {
    case 'flip':
      return 'flip (mirror)';
    case 'rotate':
      return `rotate ${op.degrees}°`;
    case 'brightness':
      return `brightness x${op.factor}`;
    case 'blur':
      return `blur σ${op.sigma}`;
    case 'jpeg':
      return `JPEG q${op.quality}`;
    case 'scale':
      return `scale x${op.factor}`;
  }
};

/** The standard experiment set: each op family from mild to harsh. */
export const standardAugmentations: readonly AugmentOp[] = [
  { kind: 'flip' },
  { kind: 'rotate', degrees: 10 },
  { kind: 'rotate', degrees: 30 },
  { kind: 'rotate', degrees: 90 },
  { kind: 'brightness', factor: 0.5 },
  { kind: 'brightness', factor: 1.6 },
  { kind: 'blur', sigma: 2 },
  { kind: 'blur', sigma: 6 },
  { kind: 'jpeg', quality: 30 },
  { kind: 'jpeg', quality: 5 },
  { kind: 'scale', factor: 0.5 },
  { kind: 'scale', factor: 0.25 },
  { kind: 'scale', factor: 0.1 },
];
