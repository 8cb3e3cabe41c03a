/**
 * A plain-text ROC plot: true accept rate (linear, zoomed to the range the
 * curve covers) against false accept rate on a log scale, from the smallest
 * FAR the pairs can measure (one false accept) to 1. The operating threshold's
 * point is marked. No colour codes; every glyph is one column wide.
 */
import { UserError } from '../errors.js';
import type { RocPoint } from './roc.js';

export interface RocPlotOptions {
  /** ROC points (corner points suffice), any order. */
  readonly roc: readonly RocPoint[];
  readonly impostorCount: number;
  /** The operating point to mark (FAR and TAR at the threshold). */
  readonly operating?: { readonly far: number; readonly tar: number; readonly threshold: number };
  /** Line length in characters (default 72, at least 40). */
  readonly width?: number;
  /** Plot rows (default 10, at least 4). */
  readonly height?: number;
}

export const CURVE_GLYPH = '•';
export const OPERATING_GLYPH = '◆';

/** The best TAR reachable with FAR <= far (the ROC as a step function). */
const tarAt = (points: readonly RocPoint[], far: number): number => {
  let best = 0;
  for (const p of points) if (p.far <= far * (1 + 1e-12) && p.tar > best) best = p.tar;
  return best;
};

const formatDecade = (exponent: number): string => (exponent === 0 ? '1' : `1e${exponent}`);

const formatPct = (rate: number): string => `${Number((rate * 100).toFixed(1))}%`;

/**
 *    TAR  ROC, FAR on a log scale
 *   100% ┤                        ••••••••••••••••••••••••••••••••••••••
 *        │                ◆•••••••
 *        │
 *    98% ┤
 *        │ •••••••••••••••
 *    ...
 *    94% ┤
 *        └┬──────────────┬───────────────┬──────────────┬──────────────┬ FAR
 *         1e-4           1e-3            1e-2           1e-1           1
 *   ◆ threshold 0.35: FAR 0.109%, TAR 99.7%
 *   leftmost FAR 1.1e-4 = one false accept of 9159 impostor pairs
 */
export const renderRocPlot = (options: RocPlotOptions): string[] => {
  const width = options.width ?? 72;
  const height = options.height ?? 10;
  if (!Number.isInteger(width) || width < 40) throw new UserError('INVALID_ARGUMENT', `width must be an integer of at least 40, got ${String(width)}.`);
  if (!Number.isInteger(height) || height < 4) throw new UserError('INVALID_ARGUMENT', `height must be an integer of at least 4, got ${String(height)}.`);
  if (options.roc.length === 0 || !(options.impostorCount >= 1)) return ['ROC: no pairs to plot'];

  const minExponent = Math.min(-1, Math.floor(Math.log10(1 / options.impostorCount)));
  const labelWidth = 5; // "100% "
  const columns = width - labelWidth - 1 - 4; // axis, then room for " FAR"
  const farAtColumn = (c: number): number => 10 ** (minExponent * (1 - c / (columns - 1)));
  const tars = Array.from({ length: columns }, (_v, c) => tarAt(options.roc, farAtColumn(c)));
  const lowest = Math.min(...tars, options.operating?.tar ?? 1);
  // Zoom: the bottom row is the lowest TAR shown, rounded down to a step of 1%, 5%, 10% or 20% that fits.
  const step = [0.01, 0.05, 0.1, 0.2].find((s) => (1 - Math.floor(lowest / s) * s) / s <= height * 2) ?? 0.2;
  const bottom = Math.max(0, Math.floor(lowest / step + 1e-9) * step);
  const rowOf = (tar: number): number => Math.round(((1 - tar) / (1 - bottom || 1)) * (height - 1));

  const grid = Array.from({ length: height }, () => Array.from({ length: columns }, () => ' '));
  tars.forEach((tar, c) => {
    grid[rowOf(tar)]![c] = CURVE_GLYPH;
  });
  const op = options.operating;
  if (op !== undefined) {
    const x = op.far <= 0 ? 0 : Math.log10(op.far) / minExponent;
    const c = Math.max(0, Math.min(columns - 1, Math.round((1 - x) * (columns - 1))));
    grid[rowOf(op.tar)]![c] = OPERATING_GLYPH;
  }

  const lines = [`${'TAR'.padStart(labelWidth - 1)}  ROC, FAR on a log scale`];
  grid.forEach((row, r) => {
    const tar = 1 - (r / (height - 1)) * (1 - bottom);
    const onStep = Math.abs(tar / step - Math.round(tar / step)) < 1e-6;
    const label = r === 0 || r === height - 1 || onStep ? formatPct(tar) : '';
    lines.push(`${label.padStart(labelWidth - 1)} ${r === 0 || label !== '' ? '┤' : '│'}${row.join('').trimEnd()}`);
  });
  const axis = Array.from({ length: columns }, () => '─');
  const ticks = Array.from({ length: columns }, () => ' ');
  for (let e = minExponent; e <= 0; e++) {
    const c = Math.round((1 - e / minExponent) * (columns - 1));
    axis[c] = '┬';
    const text = formatDecade(e);
    const start = Math.min(columns - text.length, c);
    if (ticks.slice(Math.max(0, start - 1), start + text.length + 1).every((t) => t === ' ')) {
      for (let i = 0; i < text.length; i++) ticks[start + i] = text[i]!;
    }
  }
  lines.push(`${' '.repeat(labelWidth)}└${axis.join('')} FAR`, `${' '.repeat(labelWidth + 1)}${ticks.join('').trimEnd()}`);
  if (op !== undefined) {
    const precise = (rate: number): string => `${Number((rate * 100).toPrecision(3))}%`;
    lines.push(`${OPERATING_GLYPH} threshold ${Number(op.threshold.toPrecision(6))}: FAR ${precise(op.far)}, TAR ${precise(op.tar)}`);
  }
  lines.push(`leftmost FAR ${(1 / options.impostorCount).toExponential(1)} = one false accept of ${options.impostorCount} impostor pairs`);
  return lines;
};
