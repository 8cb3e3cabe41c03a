import type { Box } from './types.js';

export const boxWidth = (b: Box): number => b.x2 - b.x1;
export const boxHeight = (b: Box): number => b.y2 - b.y1;
export const boxArea = (b: Box): number => Math.max(0, boxWidth(b)) * Math.max(0, boxHeight(b));

export const iou = (a: Box, b: Box): number => {
  const ix = Math.max(0, Math.min(a.x2, b.x2) - Math.max(a.x1, b.x1));
  const iy = Math.max(0, Math.min(a.y2, b.y2) - Math.max(a.y1, b.y1));
  const inter = ix * iy;
  const union = boxArea(a) + boxArea(b) - inter;
  return union <= 0 ? 0 : inter / union;
};

/** Share of b's area that lies inside a. */
export const containedFraction = (a: Box, b: Box): number => {
  const ix = Math.max(0, Math.min(a.x2, b.x2) - Math.max(a.x1, b.x1));
  const iy = Math.max(0, Math.min(a.y2, b.y2) - Math.max(a.y1, b.y1));
  const area = boxArea(b);
  return area <= 0 ? 0 : (ix * iy) / area;
};

export interface ScoredBox {
  readonly box: Box;
  readonly score: number;
}

/**
 * Greedy non-maximum suppression: keeps the best box of each overlapping group. A box
 * lying mostly inside a better one (a part of a face: an eye, a mouth) is dropped too.
 */
export const nonMaxSuppression = <T extends ScoredBox>(candidates: readonly T[], iouThreshold: number, maxContained = 0.8): T[] => {
  const sorted = [...candidates].sort((a, b) => b.score - a.score);
  const kept: T[] = [];
  for (const candidate of sorted) {
    const overlaps = kept.some((k) => iou(k.box, candidate.box) > iouThreshold || containedFraction(k.box, candidate.box) > maxContained);
    if (!overlaps) kept.push(candidate);
  }
  return kept;
};
