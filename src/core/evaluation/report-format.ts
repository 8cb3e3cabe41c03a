/**
 * Plain-text and Markdown renderings of an `EvaluationReport` (no colours, no
 * terminal codes), shared by the CLI and any front end that exports a report.
 * Names from the dataset (files, folders, links) and the messages quoting them are
 * shown on one line with control characters escaped: a file name must not fake a
 * row of a table or drive the terminal.
 */
import { formatThreshold } from '../format-threshold.js';
import { oneLine } from '../text/safe-text.js';
import type { ComparisonRow } from './comparison-row.js';
import type { EvaluationReport } from './evaluation-report.js';
import { renderRocPlot } from './roc-plot.js';
import type { ScoreStats } from './stats.js';

export interface ReportFormatOptions {
  /** Where the operating threshold came from, e.g. "config" or "--threshold". */
  readonly thresholdSource?: string;
}

type Table = { readonly header: readonly string[]; readonly rows: readonly (readonly string[])[]; readonly right?: readonly number[] };

/** Percent with enough decimals for small rates: 0.33%, 12.5%, 100%. */
export const formatPercent = (rate: number): string => {
  const pct = rate * 100;
  if (pct === 0 || pct === 100) return `${pct}%`;
  const decimals = pct >= 10 ? 1 : pct >= 0.1 ? 2 : 3;
  return `${pct.toFixed(decimals)}%`;
};

export const formatScore = (x: number | null): string => (x === null ? '-' : Number.isFinite(x) ? x.toFixed(4) : String(x));

const formatAuc = (x: number | null): string => (x === null ? '-' : x.toFixed(5));

const formatFarTarget = (far: number): string => (far >= 0.1 ? String(far) : far.toExponential());

const count = (n: number, of: number): string => `${n}/${of}`;

const textTable = (table: Table): string[] => {
  const all = [table.header, ...table.rows];
  const widths = table.header.map((_h, col) => Math.max(...all.map((row) => (row[col] ?? '').length)));
  const right = new Set(table.right ?? []);
  return all.map((row) =>
    row
      .map((cell, col) => (right.has(col) ? cell.padStart(widths[col]!) : col === row.length - 1 ? cell : cell.padEnd(widths[col]!)))
      .join('  ')
      .trimEnd(),
  );
};

const escapeCell = (cell: string): string => cell.replace(/\|/g, '\\|');

const markdownTable = (table: Table): string[] => {
  const right = new Set(table.right ?? []);
  return [
    `| ${table.header.map(escapeCell).join(' | ')} |`,
    `|${table.header.map((_h, col) => (right.has(col) ? '---:' : '---')).join('|')}|`,
    ...table.rows.map((row) => `| ${row.map(escapeCell).join(' | ')} |`),
  ];
};

const statsTable = (report: EvaluationReport): Table => {
  const row = (name: string, s: ScoreStats): string[] => [
    name,
    String(s.count),
    formatScore(s.mean),
    formatScore(s.std),
    formatScore(s.min),
    formatScore(s.median),
    formatScore(s.max),
  ];
  return {
    header: ['scores', 'count', 'mean', 'std', 'min', 'median', 'max'],
    rows: [row('genuine', report.stats.genuine), row('impostor', report.stats.impostor)],
    right: [1, 2, 3, 4, 5, 6],
  };
};

/** Operating points: TAR at FAR (ROC) with the FRR beside it (DET). */
const tarTable = (report: EvaluationReport): Table => ({
  header: ['FAR', 'TAR', 'FRR', 'threshold', 'achieved FAR', 'note'],
  rows: [...report.tarAtFar, ...(report.targetFar === null ? [] : [report.targetFar])].map((r, k) => [
    `${formatFarTarget(r.targetFar)}${k >= report.tarAtFar.length ? ' (target)' : ''}`,
    formatPercent(r.tar),
    formatPercent(1 - r.tar),
    formatScore(r.threshold),
    formatPercent(r.achievedFar),
    r.note ?? '',
  ]),
  right: [1, 2, 3, 4],
});

const unitOf = (row: ComparisonRow): string => (row.metric === 'euclidean' || row.metric === 'manhattan' ? 'distance <=' : 'score >=');

const comparisonTable = (rows: readonly ComparisonRow[], first: string): Table => ({
  header: [first, 'EER', 'AUC', 'EER threshold', 'pairs (gen/imp)', 'what'],
  rows: rows.map((r) => [
    r.name,
    r.eer === null ? '-' : formatPercent(r.eer),
    formatAuc(r.auc),
    r.eerThreshold === null ? '-' : `${unitOf(r)} ${formatScore(r.eerThreshold)}`,
    `${r.genuine}/${r.impostor}`,
    r.note === null ? r.description : `${r.description} (${r.note})`,
  ]),
  right: [1, 2],
});

/** What a group photo in a person's folder means for the figures. */
const multiFaceNote = (n: number): string =>
  `${n} photo${n === 1 ? ' holds' : 's hold'} several faces; each was scored by its largest face: check it is the person`;

interface Section {
  readonly title: string;
  readonly lines: readonly string[];
  readonly tables: readonly Table[];
  readonly code?: readonly string[];
  readonly after?: readonly string[];
}

const sections = (report: EvaluationReport, options: ReportFormatOptions): Section[] => {
  const { images, pairs } = report;
  const source = options.thresholdSource === undefined ? '' : ` (${options.thresholdSource})`;
  const out: Section[] = [];
  out.push({
    title: 'Data',
    lines: [
      `folder: ${oneLine(report.dir)}`,
      `model: ${report.model.id} (fingerprint ${report.model.fingerprint}); verification and identification use cosine similarity`,
      `images: ${images.usable} usable of ${images.found} found, ${images.identities} people` +
        (images.multipleFaces.length > 0 ? `; ${multiFaceNote(images.multipleFaces.length)} (listed below)` : '') +
        (images.skippedFolders.length > 0 ? `; skipped folders: ${images.skippedFolders.map(oneLine).join(', ')}` : '') +
        (images.ignoredFiles.length > 0 ? `; ${images.ignoredFiles.length} non-image file(s) ignored` : '') +
        (images.skippedLinks.length > 0 ? `; folder links not followed (a loop, or into a person folder): ${images.skippedLinks.map(oneLine).join(', ')}` : ''),
      `embeddings: ${report.embedded} computed, ${report.cached} from the cache` +
        (report.cache.dir === null ? ' (cache off)' : ` (${oneLine(report.cache.dir)})`) +
        `, ${(report.durationMs / 1000).toFixed(1)} s`,
      `pairs: ${pairs.description}`,
      ...images.duplicates.map((group) => `identical files (each still counts): ${group.map(oneLine).join(', ')}`),
      ...report.cache.warnings.map((w) => `warning: ${oneLine(w)}`),
    ],
    tables: [],
  });
  if (images.failed.length > 0) {
    out.push({
      title: `Images without a usable face (${images.failed.length}, left out)`,
      lines: [],
      tables: [{ header: ['image', 'code', 'reason'], rows: images.failed.map((f) => [oneLine(f.file), f.code, oneLine(f.message)]) }],
    });
  }
  if (images.multipleFaces.length > 0) {
    out.push({
      title: `Photos with several faces (${images.multipleFaces.length})`,
      lines: [`${multiFaceNote(images.multipleFaces.length)}`],
      tables: [{ header: ['image', 'person', 'faces'], rows: images.multipleFaces.map((m) => [oneLine(m.file), oneLine(m.label), String(m.faces)]), right: [2] }],
    });
  }
  out.push({
    title: 'Verification (1:1)',
    lines: [
      `EER ${formatPercent(report.eer)} at threshold ${formatScore(report.eerThreshold)}; AUC ${formatAuc(report.auc)}; d' ${Number.isFinite(report.dPrime) ? report.dPrime.toFixed(2) : String(report.dPrime)}`,
      `at threshold ${formatThreshold(report.threshold)}${source}: FAR ${formatPercent(report.far)} (${count(report.falseAccepts, pairs.impostor)}), ` +
        `FRR ${formatPercent(report.frr)} (${count(report.falseRejects, pairs.genuine)}), accuracy ${formatPercent(report.accuracy)}`,
    ],
    tables: [statsTable(report), tarTable(report)],
    code: report.histogramText,
  });
  out.push({
    title: 'ROC curve',
    lines: [],
    tables: [],
    code: renderRocPlot({
      roc: report.roc,
      impostorCount: pairs.impostor,
      operating: { far: report.far, tar: 1 - report.frr, threshold: report.threshold },
    }),
  });
  const id = report.identification;
  out.push({
    title: 'Identification (1:N, leave-one-out gallery)',
    lines: id.available
      ? [
          `rank-1 ${formatPercent(id.rank1)}, rank-5 ${formatPercent(id.rank5)} over ${id.evaluated} probes` +
            (id.excluded > 0 ? ` (${id.excluded} image(s) of people with a single usable image excluded)` : ''),
          `open set at threshold ${formatThreshold(id.openSet.threshold)}: FPIR ${formatPercent(id.openSet.fpir)} (${count(id.openSet.falsePositives, id.openSet.nonMatedSearches)} non-mated searches matched someone), ` +
            `FNIR ${formatPercent(id.openSet.fnir)} (${count(id.openSet.falseNegatives, id.openSet.matedSearches)} mated searches missed)`,
        ]
      : [`not available: ${id.reason}`],
    tables: [],
  });
  out.push({
    title: 'Comparison (same pairs)',
    lines: [],
    tables: [
      comparisonTable(report.comparison.metrics, 'metric'),
      ...(report.comparison.ablations === null ? [] : [comparisonTable(report.comparison.ablations, 'pipeline')]),
    ],
    after: report.comparison.ablations === null ? ['ablations skipped (--no-ablations)'] : [],
  });
  const rec = report.recommended;
  out.push({
    title: 'Recommended threshold',
    lines: [
      `${formatThreshold(rec.threshold)}: ${rec.note}`,
      `at it: FAR ${formatPercent(rec.far)}, FRR ${formatPercent(rec.frr)}`,
    ],
    tables: [],
  });
  return out;
};

/** Lines for a terminal. */
export const formatReportText = (report: EvaluationReport, options: ReportFormatOptions = {}): string[] => {
  const lines: string[] = [];
  for (const section of sections(report, options)) {
    if (lines.length > 0) lines.push('');
    lines.push(section.title, '-'.repeat(section.title.length), ...section.lines);
    for (const table of section.tables) lines.push('', ...textTable(table));
    if (section.code !== undefined) lines.push('', ...section.code);
    lines.push(...(section.after ?? []));
  }
  return lines;
};

/** A Markdown document with every table and the histogram. */
export const formatReportMarkdown = (report: EvaluationReport, options: ReportFormatOptions = {}): string => {
  const lines: string[] = ['# Face verification evaluation', ''];
  for (const section of sections(report, options)) {
    lines.push(`## ${section.title}`, '');
    for (const line of section.lines) lines.push(`- ${line}`);
    if (section.lines.length > 0) lines.push('');
    for (const table of section.tables) lines.push(...markdownTable(table), '');
    if (section.code !== undefined) lines.push('```text', ...section.code, '```', '');
    for (const line of section.after ?? []) lines.push(line, '');
  }
  return `${lines.join('\n').trimEnd()}\n`;
};
