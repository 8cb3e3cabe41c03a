import { Box, Text } from 'ink';
import { useLayout, useTheme } from '../../app/app-context.js';
import { formatPercent } from '../../app/lib/format.js';
import { GENUINE_GLYPH, IMPOSTOR_GLYPH, THRESHOLD_MARK, histogramBins } from '../../core/evaluation/index.js';
import { similarityFor } from '../../core/similarity/metrics.js';
import { ratesFor, type MetricScores } from './similarity-tasks.js';

/** At least `decimals` decimals, up to 2 more when the value has them (fine steps, the recommended value, a converted threshold). */
const formatThreshold = (x: number, decimals: number): string => {
  for (let d = decimals; d < decimals + 2; d++) if (Math.abs(Number(x.toFixed(d)) - x) < 1e-9) return x.toFixed(d);
  return x.toFixed(decimals + 2);
};

const decimalsFor = (step: number): number => Math.max(0, Math.min(6, Math.ceil(-Math.log10(step) + 1e-9)));

const bar = (count: number, max: number, length: number, glyph: string): string =>
  count === 0 || max === 0 ? '' : glyph.repeat(Math.max(1, Math.round((count / max) * length)));

/**
 * Genuine (right, █) and impostor (left, ░) score histograms, one row per bin,
 * lowest values first, the threshold's bin marked ▶; FAR and FRR underneath.
 * Bars are scaled per series (a few hundred genuine pairs stay visible next to
 * thousands of impostors).
 */
export const HistogramView = ({ scores, threshold }: { readonly scores: MetricScores; readonly threshold: number }) => {
  const theme = useTheme();
  const { columns, bodyRows } = useLayout();
  // Rows left for bins: the screen's title and data lines, the column header, three figure lines and a notice.
  const bins = Math.max(3, Math.min(40, bodyRows - 8));
  const h = histogramBins({ genuine: scores.genuine, impostor: scores.impostor, bins, threshold });
  const decimals = Math.max(decimalsFor(h.binWidth), 1);
  const labels = h.edges.map((e) => e.toFixed(decimals));
  const labelWidth = Math.max('value'.length, ...labels.map((l) => l.length));
  const maxImpostor = Math.max(0, ...h.impostor);
  const maxGenuine = Math.max(0, ...h.genuine);
  const countWidth = Math.max(3, String(Math.max(maxImpostor, maxGenuine)).length);
  const half = Math.max(4, Math.floor((columns - labelWidth - 3 - 2 * countWidth - 4) / 2));
  const rates = ratesFor(scores, threshold);
  const info = similarityFor(scores.metric);
  const accepts = (b: number): boolean => (scores.higherIsBetter ? (h.edges[b + 1] ?? Infinity) > threshold : (h.edges[b] ?? -Infinity) <= threshold);
  return (
    <Box flexDirection="column">
      <Text {...theme.muted}>
        {'value'.padStart(labelWidth)}   {`impostor ${IMPOSTOR_GLYPH}`.padStart(half)}│{`${GENUINE_GLYPH} genuine`.padEnd(half)} {'imp'.padStart(countWidth)} {'gen'.padStart(countWidth)}
      </Text>
      {h.genuine.map((g, b) => {
        const i = h.impostor[b] ?? 0;
        const marked = b === h.thresholdBin;
        return (
          <Text key={labels[b]}>
            <Text {...(marked ? theme.threshold : accepts(b) ? {} : theme.muted)}>
              {(labels[b] ?? '').padStart(labelWidth)} {marked ? THRESHOLD_MARK : ' '}{' '}
            </Text>
            <Text {...theme.impostor}>{bar(i, maxImpostor, half, IMPOSTOR_GLYPH).padStart(half)}</Text>│
            <Text {...theme.genuine}>{bar(g, maxGenuine, half, GENUINE_GLYPH).padEnd(half)}</Text> {String(i).padStart(countWidth)} {String(g).padStart(countWidth)}
          </Text>
        );
      })}
      <Text wrap="truncate-end">
        <Text {...theme.threshold}>
          {THRESHOLD_MARK} threshold {formatThreshold(threshold, Math.max(2, decimals))}
        </Text>
        {/* The figures being tuned first: a narrow terminal cuts the details, not them. */}
        {' '}· FAR <Text {...theme.value}>{formatPercent(rates.far, 2)}</Text> ({rates.falseAccepts}/{rates.impostor}) · FRR{' '}
        <Text {...theme.value}>{formatPercent(rates.frr, 2)}</Text> ({rates.falseRejects}/{rates.genuine}) · accept {scores.higherIsBetter ? '>=' : '<='} ·{' '}
        {info.label.toLowerCase()}
      </Text>
      <Text {...theme.muted} wrap="truncate-end">
        EER {formatPercent(scores.eer.eer, 2)} at {scores.eer.threshold.toFixed(Math.max(3, decimals))} · AUC {scores.auc.toFixed(5)} · d&apos; {Number.isFinite(scores.dPrime) ? scores.dPrime.toFixed(2) : 'inf'} ·{' '}
        {scores.tarAtFar.map((r) => `TAR ${formatPercent(r.tar, 1)} at FAR ${r.far.toExponential(0)}${r.note === null ? '' : ' (too few pairs)'}`).join(' · ')}
      </Text>
      <Text {...theme.muted} wrap="truncate-end">
        recommended {formatThreshold(scores.recommended, 2)} (t; from the EER point, as evaluate --write-threshold) · values {scores.min.toFixed(3)} .. {scores.max.toFixed(3)}
      </Text>
    </Box>
  );
};
