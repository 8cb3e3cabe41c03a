import stringWidth from 'string-width';
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

/**
 * Rows of cells as aligned text columns (two spaces apart, the last column unpadded),
 * measured in terminal columns: a CJK character or an emoji takes two, a combining mark none.
 */
export const formatColumns = (rows: readonly (readonly string[])[]): string[] => {
  const widths: number[] = [];
  for (const row of rows) row.forEach((cell, col) => (widths[col] = Math.max(widths[col] ?? 0, stringWidth(cell))));
  return rows.map((row) => row.map((cell, col) => (col === row.length - 1 ? cell : cell + ' '.repeat(Math.max(0, (widths[col] ?? 0) - stringWidth(cell))))).join('  '));
};
