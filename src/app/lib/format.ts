/** Number and text formatting shared by the screens. */
import { oneLine } from '../../core/text/safe-text.js';

export const formatMs = (ms: number): string =>
  !Number.isFinite(ms) ? '-' : ms >= 10_000 ? `${(ms / 1000).toFixed(1)} s` : ms >= 100 ? `${Math.round(ms)} ms` : `${ms.toFixed(1)} ms`;

export { formatBytes } from '../../core/format-bytes.js';

export const formatPercent = (fraction: number, decimals = 1): string =>
  Number.isFinite(fraction) ? `${(fraction * 100).toFixed(decimals)}%` : '-';

export const formatScore = (value: number, decimals = 3): string =>
  Number.isFinite(value) ? (value >= 0 ? ` ${value.toFixed(decimals)}` : value.toFixed(decimals)) : String(value);

/** Signed, e.g. "+0.123" / "-0.040". */
export const formatSigned = (value: number, decimals = 3): string =>
  `${value >= 0 ? '+' : ''}${value.toFixed(decimals)}`;

/** Cuts text to `width` columns with an ellipsis (keeps the end for paths when `keepEnd`). */
export const truncate = (raw: string, width: number, keepEnd = false): string => {
  // What is truncated is shown: text from outside (file names) on one line, its controls escaped.
  const text = oneLine(raw);
  if (width <= 0) return '';
  if (text.length <= width) return text;
  if (width === 1) return '…';
  return keepEnd ? `…${text.slice(text.length - width + 1)}` : `${text.slice(0, width - 1)}…`;
};

export const shortHash = (hex: string, length = 12): string => (hex.length > length ? `${hex.slice(0, length)}…` : hex);

export const plural = (count: number, one: string, many = `${one}s`): string => `${count} ${count === 1 ? one : many}`;
