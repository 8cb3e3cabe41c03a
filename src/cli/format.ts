import type { Box } from '../core/face/types.js';

/** "x,y WxH" in whole pixels. */
export const formatBox = (box: Box): string =>
  `${Math.round(box.x1)},${Math.round(box.y1)} ${Math.round(box.x2 - box.x1)}x${Math.round(box.y2 - box.y1)}`;
