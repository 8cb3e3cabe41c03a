/** The ablation passes of an evaluation: the standard pipeline with one step left out or done wrong. */
import type { EmbedVariant } from '../face/types.js';

export type AblationVariant = Exclude<EmbedVariant, 'standard'>;

export const ablationVariants: readonly AblationVariant[] = ['no-align', 'no-detect', 'imagenet-norm'];

export const ablationDescriptions: Readonly<Record<EmbedVariant, string>> = {
  standard: 'detect, landmarks, 5-point alignment, model normalisation',
  'no-align': 'no alignment: the face box resized to 112x112',
  'no-detect': 'no detection: the whole image resized to 112x112',
  'imagenet-norm': 'wrong input normalisation (ImageNet mean/std)',
};

/** true or undefined: every ablation; false: none; or the listed ones. */
export const resolveAblations = (option: boolean | readonly AblationVariant[] | undefined): readonly AblationVariant[] =>
  option === undefined || option === true ? ablationVariants : option === false ? [] : option;
