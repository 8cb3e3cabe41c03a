import type { RawImage } from '../image/raw-image.js';
import { warpFromRegion, type FaceRegion } from './face-region.js';
import { estimateSimilarity, type Affine } from './similarity-transform.js';
import type { Point } from './types.js';

export interface AlignTemplate {
  readonly size: readonly number[];
  readonly template: ReadonlyArray<readonly number[]>;
}

/** Align a face to the template by the similarity transform of its five points. */
export const alignFace = (
  region: FaceRegion,
  fivePoints: readonly Point[],
  template: AlignTemplate,
  background: readonly [number, number, number],
): { aligned: RawImage; transform: Affine } => {
  const outW = template.size[0] ?? 112;
  const outH = template.size[1] ?? 112;
  const target = template.template.map(([x = 0, y = 0]) => ({ x, y }));
  const forward = estimateSimilarity(fivePoints, target);
  return { aligned: warpFromRegion(region, forward, outW, outH, background), transform: forward };
};
