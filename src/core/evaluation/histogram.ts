/**
 * Histograms of genuine vs impostor scores: `histogramBins` for the counts
 * (UIs draw their own), `renderHistogram` for plain-text lines (no colour
 * codes; a caller may colour them).
 *
 * Bins are [edge_b, edge_b+1), the last one closed: [edge_n-1, edge_n].
 */
import { UserError } from '../errors.js';
import { assertScores, type Scores } from './scores.js';

export interface HistogramInput {
  readonly genuine: Scores;
  readonly impostor: Scores;
  /** Number of bins, default 20. With the automatic range it is a maximum: round edges may need fewer. */
  readonly bins?: number;
  /**
   * [low, high]. Scores outside it are counted in `outside`, not in a bin.
   * Default: a range with round edges (steps of 1, 2, 2.5 or 5 times a power
   * of ten) covering every score and the threshold.
   */
  readonly range?: readonly [number, number];
  /** Marked in its bin. */
  readonly threshold?: number;
}

export interface OutsideCounts {
  readonly below: number;
  readonly above: number;
}

export interface HistogramBins {
  readonly range: readonly [number, number];
  readonly binWidth: number;
  /** bins + 1 edges, ascending. */
  readonly edges: readonly number[];
  readonly genuine: readonly number[];
  readonly impostor: readonly number[];
  readonly outside: { readonly genuine: OutsideCounts; readonly impostor: OutsideCounts };
  readonly threshold: number | null;
  /** Index of the bin holding the threshold; null without a threshold or when it is outside the range. */
  readonly thresholdBin: number | null;
}

const DEFAULT_BINS = 20;
const MAX_BINS = 1000;

const roundTo = (x: number, decimals: number): number => Number(x.toFixed(decimals));

const linearEdges = (low: number, high: number, bins: number): number[] => {
  const edges: number[] = [];
  for (let b = 0; b < bins; b++) edges.push(low + ((high - low) * b) / bins);
  edges.push(high);
  return edges;
};

/**
 * Round edges: the smallest step f * 10^e (f in 1, 2, 2.5, 5) whose grid
 * covers [low, high] in at most `bins` bins; only the bins needed are kept.
 */
const niceEdges = (low: number, high: number, bins: number): number[] => {
  if (low === high) {
    low -= 0.5;
    high += 0.5;
  }
  const raw = (high - low) / bins;
  const first = Math.floor(Math.log10(raw));
  // Absurd spans (overflow, or beyond what toFixed rounds cleanly) get plain linear edges.
  if (!Number.isFinite(first) || Math.abs(first) > 12) return linearEdges(low, high, bins);
  for (let exponent = first; exponent <= first + 2; exponent++) {
    for (const factor of [1, 2, 2.5, 5]) {
      const step = factor * 10 ** exponent;
      if (step < raw * (1 - 1e-12)) continue;
      const decimals = Math.min(20, Math.max(0, -exponent + (factor === 2.5 ? 1 : 0)));
      let q = Math.floor(low / step + 1e-9);
      if (roundTo(q * step, decimals) > low) q--;
      const edges = [roundTo(q * step, decimals)];
      for (let b = 1; b <= bins; b++) {
        const edge = roundTo((q + b) * step, decimals);
        edges.push(edge);
        if (edge >= high) return edges;
      }
    }
  }
  return linearEdges(low, high, bins);
};

/** Bin index, or -1 below the range, or `bins` above it. */
const binOf = (v: number, edges: readonly number[]): number => {
  const bins = edges.length - 1;
  const low = edges[0]!;
  const high = edges[bins]!;
  if (v < low) return -1;
  if (v > high) return bins;
  let b = Math.floor(((v - low) / (high - low)) * bins);
  b = Math.max(0, Math.min(bins - 1, b));
  // Agree with the stored (possibly rounded) edges exactly.
  while (b > 0 && v < edges[b]!) b--;
  while (b < bins - 1 && v >= edges[b + 1]!) b++;
  return b;
};

const assertBins = (bins: number): void => {
  if (!Number.isInteger(bins) || bins < 1 || bins > MAX_BINS) {
    throw new UserError('INVALID_ARGUMENT', `bins must be an integer from 1 to ${MAX_BINS}, got ${String(bins)}.`);
  }
};

export const histogramBins = (input: HistogramInput): HistogramBins => {
  const { genuine, impostor, range } = input;
  const bins = input.bins ?? DEFAULT_BINS;
  const threshold = input.threshold ?? null;
  assertBins(bins);
  assertScores('genuine', genuine, 0);
  assertScores('impostor', impostor, 0);
  if (threshold !== null && !Number.isFinite(threshold)) {
    throw new UserError('INVALID_ARGUMENT', `The threshold must be a finite number, got ${String(threshold)}.`);
  }

  let edges: number[];
  if (range !== undefined) {
    const [low, high] = range;
    if (!(Number.isFinite(low) && Number.isFinite(high) && low < high)) {
      throw new UserError('INVALID_ARGUMENT', `The range must be two finite numbers, low < high; got [${String(low)}, ${String(high)}].`);
    }
    edges = linearEdges(low, high, bins);
  } else {
    let low = Infinity;
    let high = -Infinity;
    for (const scores of [genuine, impostor]) {
      for (let i = 0; i < scores.length; i++) {
        low = Math.min(low, scores[i]!);
        high = Math.max(high, scores[i]!);
      }
    }
    if (threshold !== null) {
      low = Math.min(low, threshold);
      high = Math.max(high, threshold);
    }
    if (low > high) {
      throw new UserError('INVALID_ARGUMENT', 'Nothing to draw: no scores, no threshold and no range.');
    }
    edges = niceEdges(low, high, bins);
  }

  const binCount = edges.length - 1;
  const count = (scores: Scores): { counts: number[]; outside: OutsideCounts } => {
    const counts = new Array<number>(binCount).fill(0);
    let below = 0;
    let above = 0;
    for (let i = 0; i < scores.length; i++) {
      const b = binOf(scores[i]!, edges);
      if (b < 0) below++;
      else if (b >= binCount) above++;
      else counts[b] = counts[b]! + 1;
    }
    return { counts, outside: { below, above } };
  };
  const g = count(genuine);
  const im = count(impostor);
  let thresholdBin: number | null = null;
  if (threshold !== null) {
    const b = binOf(threshold, edges);
    if (b >= 0 && b < binCount) thresholdBin = b;
  }
  const low = edges[0]!;
  const high = edges[edges.length - 1]!;
  return {
    range: [low, high],
    binWidth: (high - low) / (edges.length - 1),
    edges,
    genuine: g.counts,
    impostor: im.counts,
    outside: { genuine: g.outside, impostor: im.outside },
    threshold,
    thresholdBin,
  };
};

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
