import { BugError } from '../errors.js';
import type { Point } from './types.js';

/** A 2x3 affine matrix [a, b, tx, c, d, ty]: x' = a x + b y + tx, y' = c x + d y + ty. */
export type Affine = readonly [number, number, number, number, number, number];

/**
 * Least-squares similarity transform (rotation, uniform scale, translation) mapping
 * `from` onto `to` (Umeyama 1991, without reflection), as used for ArcFace alignment.
 */
export const estimateSimilarity = (from: readonly Point[], to: readonly Point[]): Affine => {
  const n = from.length;
  if (n < 2 || n !== to.length) throw new BugError('estimateSimilarity needs matching point lists of 2 or more');
  let mfx = 0, mfy = 0, mtx = 0, mty = 0;
  for (let i = 0; i < n; i++) {
    const f = from[i] as Point;
    const t = to[i] as Point;
    mfx += f.x; mfy += f.y; mtx += t.x; mty += t.y;
  }
  mfx /= n; mfy /= n; mtx /= n; mty /= n;
  // For a similarity without reflection the closed form reduces to:
  // a = sum(fx*tx + fy*ty) / sum(|f|^2), b = sum(fx*ty - fy*tx) / sum(|f|^2) on centred points.
  let sxx = 0, sxy = 0, norm = 0;
  for (let i = 0; i < n; i++) {
    const f = from[i] as Point;
    const t = to[i] as Point;
    const fx = f.x - mfx, fy = f.y - mfy, tx = t.x - mtx, ty = t.y - mty;
    sxx += fx * tx + fy * ty;
    sxy += fx * ty - fy * tx;
    norm += fx * fx + fy * fy;
  }
  if (norm === 0) throw new BugError('estimateSimilarity: all source points coincide');
  const a = sxx / norm;
  const b = sxy / norm;
  // [x'] = [a -b][x] + t
  // [y']   [b  a][y]
  return [a, -b, mtx - (a * mfx - b * mfy), b, a, mty - (b * mfx + a * mfy)];
};

export const applyAffine = (m: Affine, p: Point): Point => ({
  x: m[0] * p.x + m[1] * p.y + m[2],
  y: m[3] * p.x + m[4] * p.y + m[5],
});

export const invertAffine = (m: Affine): Affine => {
  const [a, b, tx, c, d, ty] = m;
  const det = a * d - b * c;
  if (det === 0) throw new BugError('invertAffine: singular matrix');
  const ia = d / det, ib = -b / det, ic = -c / det, id = a / det;
  return [ia, ib, -(ia * tx + ib * ty), ic, id, -(ic * tx + id * ty)];
};

/** Scale factor of a similarity transform (output pixels per input pixel). */
export const affineScale = (m: Affine): number => Math.sqrt(Math.abs(m[0] * m[4] - m[1] * m[3]));

/** Compose: first `first`, then `second`. */
export const composeAffine = (second: Affine, first: Affine): Affine => {
  const [a2, b2, t2x, c2, d2, t2y] = second;
  const [a1, b1, t1x, c1, d1, t1y] = first;
  return [
    a2 * a1 + b2 * c1, a2 * b1 + b2 * d1, a2 * t1x + b2 * t1y + t2x,
    c2 * a1 + d2 * c1, c2 * b1 + d2 * d1, c2 * t1x + d2 * t1y + t2y,
  ];
};
