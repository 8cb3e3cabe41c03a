import type { Box } from '../core/face/types.js';
import { deleteHandle } from '../core/store/record.js';

/** "x,y WxH" in whole pixels. */
export const formatBox = (box: Box): string =>
  `${Math.round(box.x1)},${Math.round(box.y1)} ${Math.round(box.x2 - box.x1)}x${Math.round(box.y2 - box.y1)}`;

/**
 * A damaged entry as the CLI names it: its name when readable, plus its storage
 * key when that (not the name) is what `delete` needs, e.g. `"Zed" (key "bob")`.
 */
export const formatDamaged = (entry: { readonly key: string; readonly name?: string | undefined }): string => {
  const label = entry.name ?? entry.key;
  return deleteHandle(entry) === label ? JSON.stringify(label) : `${JSON.stringify(label)} (key ${JSON.stringify(entry.key)})`;
};
