/** Plain-text histogram lines (no colour codes; a caller may colour them). */
import { UserError } from '../errors.js';
import { histogramBins, type HistogramInput } from './histogram-bins.js';
import { roundTo } from './histogram-edges.js';

export interface RenderHistogramOptions extends HistogramInput {
  /** Target line length in characters (default 72, at least 30). The bars take what the labels and counts leave. */
  readonly width?: number;
  /**
   * 'separate' (default): each series is scaled to its own tallest bin, so a
   * few hundred genuine scores stay visible next to many thousand impostors.
   * 'shared': one scale for both.
   */
  readonly scale?: 'separate' | 'shared';
}

export const GENUINE_GLYPH = '█';
export const IMPOSTOR_GLYPH = '░';
export const THRESHOLD_MARK = '▶';

/** Fewest decimals that show every edge to within 1% of a bin. */
const labelDecimals = (edges: readonly number[], binWidth: number): number => {
  const start = Math.max(0, Math.ceil(-Math.log10(binWidth) - 1e-9));
  for (let d = start; d < 10; d++) {
    if (edges.every((e) => Math.abs(roundTo(e, d) - e) <= binWidth * 0.01)) return d;
  }
  return 10;
};

const formatFixed = (x: number, decimals: number): string => {
  const text = x.toFixed(decimals);
  return Number(text) === 0 ? text.replace('-', '') : text;
};

const formatThreshold = (x: number): string => String(Number(x.toPrecision(6)));

const bar = (count: number, max: number, length: number, glyph: string): string =>
  count === 0 || max === 0 ? '' : glyph.repeat(Math.max(1, Math.round((count / max) * length)));

/**
 * Plain-text lines, one row per bin, lowest scores first, impostor bars
 * growing left and genuine bars growing right from a shared axis. With
 * width 44, bins 4 and threshold 0.25:
 *
 *   score      impostor ░│█ genuine     imp gen
 *     0.0        ░░░░░░░░│                3   0
 *     0.1   ░░░░░░░░░░░░░│                5   0
 *     0.2 ▶      ░░░░░░░░│███             3   1
 *     0.3                │█████████████   0   5
 *     0.4   ─────────────┴─────────────
 *   ░ impostor n=11  █ genuine n=6
 *   bars scaled per series
 *   ▶ threshold 0.25 in bin [0.2, 0.3)
 *   accept: score >= threshold
 *
 * Each row is labelled with its bin's lower edge; the axis line shows the top
 * edge. `▶` marks the bin holding the threshold. Rows are at most `width`
 * characters when it leaves room for one bar character a side; legend lines
 * are wrapped to it. Every glyph is one column wide.
 */
export const renderHistogram = (options: RenderHistogramOptions): string[] => {
  const width = options.width ?? 72;
  if (!Number.isInteger(width) || width < 30) {
    throw new UserError('INVALID_ARGUMENT', `width must be an integer of at least 30, got ${String(width)}.`);
  }
  const h = histogramBins(options);
  const bins = h.edges.length - 1;
  const decimals = labelDecimals(h.edges, h.binWidth);
  const labels = h.edges.map((e) => formatFixed(e, decimals));
  const labelWidth = Math.max('score'.length, ...labels.map((l) => l.length));
  const maxImpostor = Math.max(0, ...h.impostor);
  const maxGenuine = Math.max(0, ...h.genuine);
  const impostorCountWidth = Math.max(3, String(maxImpostor).length);
  const genuineCountWidth = Math.max(3, String(maxGenuine).length);
  const fixed = labelWidth + 3 + 1 + 1 + impostorCountWidth + 1 + genuineCountWidth;
  const half = Math.max(1, Math.floor((width - fixed) / 2));
  const shared = options.scale === 'shared';
  const impostorScale = shared ? Math.max(maxImpostor, maxGenuine) : maxImpostor;
  const genuineScale = shared ? Math.max(maxImpostor, maxGenuine) : maxGenuine;

  const impostorHead = half >= 10 ? `impostor ${IMPOSTOR_GLYPH}` : IMPOSTOR_GLYPH;
  const genuineHead = half >= 9 ? `${GENUINE_GLYPH} genuine` : GENUINE_GLYPH;
  const lines: string[] = [
    `${'score'.padStart(labelWidth)}   ${impostorHead.padStart(half)}│${genuineHead.padEnd(half)} ${'imp'.padStart(impostorCountWidth)} ${'gen'.padStart(genuineCountWidth)}`,
  ];
  for (let b = 0; b < bins; b++) {
    const impostorCount = h.impostor[b]!;
    const genuineCount = h.genuine[b]!;
    const mark = b === h.thresholdBin ? THRESHOLD_MARK : ' ';
    lines.push(
      `${labels[b]!.padStart(labelWidth)} ${mark} ${bar(impostorCount, impostorScale, half, IMPOSTOR_GLYPH).padStart(half)}│${bar(genuineCount, genuineScale, half, GENUINE_GLYPH).padEnd(half)} ${String(impostorCount).padStart(impostorCountWidth)} ${String(genuineCount).padStart(genuineCountWidth)}`,
    );
  }
  lines.push(`${labels[bins]!.padStart(labelWidth)}   ${'─'.repeat(half)}┴${'─'.repeat(half)}`);

  // Legend and notes: short phrases packed greedily into lines of at most `width`.
  const pack = (phrases: readonly string[]): void => {
    let line = '';
    for (const text of phrases) {
      const phrase = text.length <= width ? text : `${text.slice(0, width - 1)}…`;
      if (line === '') line = phrase;
      else if (line.length + 2 + phrase.length <= width) line += `  ${phrase}`;
      else {
        lines.push(line);
        line = phrase;
      }
    }
    if (line !== '') lines.push(line);
  };
  pack([
    `${IMPOSTOR_GLYPH} impostor n=${options.impostor.length}`,
    `${GENUINE_GLYPH} genuine n=${options.genuine.length}`,
    shared ? 'bars on one scale' : 'bars scaled per series',
  ]);
  if (h.threshold !== null) {
    const t = formatThreshold(h.threshold);
    const b = h.thresholdBin;
    pack(
      b === null
        ? [`threshold ${t} is outside the range`]
        : [
            `${THRESHOLD_MARK} threshold ${t}`,
            `in bin [${labels[b]!}, ${labels[b + 1]!}${b === bins - 1 ? ']' : ')'}`,
            'accept: score >= threshold',
          ],
    );
  }
  const { genuine: og, impostor: oi } = h.outside;
  if (og.below + og.above + oi.below + oi.above > 0) {
    pack([
      'outside the range:',
      `impostor ${oi.below} below, ${oi.above} above;`,
      `genuine ${og.below} below, ${og.above} above`,
    ]);
  }
  return lines;
};
