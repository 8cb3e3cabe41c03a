import type { RawImage } from '../image/raw-image.js';
import type { InputNormalisation } from './tensor.js';
import type { DetectedFace } from './types.js';

/** The ImageNet statistics many vision models use: the wrong ones for this embedder. */
export const imagenetNormalisation: InputNormalisation = {
  colorOrder: 'RGB',
  mean: [123.675, 116.28, 103.53],
  std: [58.395, 57.12, 57.375],
};

/** The 'no detection' ablation treats the whole image as the face. */
export const wholeImageFace = (image: RawImage): DetectedFace => ({
  box: { x1: 0, y1: 0, x2: image.width, y2: image.height },
  score: 1,
});
