/** Every 1:1 verification figure for one set of genuine and impostor scores. */
import { auc } from './auc.js';
import { cornerPoints } from './curve-corners.js';
import { detPoints, type DetPoint } from './det.js';
import { dPrime } from './dprime.js';
import { eer } from './eer.js';
import { tarAtFar, type TarAtFar } from './far.js';
import { histogramBins, type HistogramBins } from './histogram-bins.js';
import { renderHistogram } from './histogram-render.js';
import { ratesAt, type Rates } from './rates.js';
import { rocCurve, type RocPoint } from './roc.js';
import type { Scores } from './scores.js';
import { scoreStats, type ScoreStats } from './stats.js';

export const DEFAULT_TAR_FARS: readonly number[] = [1e-2, 1e-3, 1e-4];

export interface TarAtFarRow extends TarAtFar {
  /** "insufficient data: ..." when there are fewer impostor pairs than 1 / FAR; otherwise null. */
  readonly note: string | null;
}

export interface VerificationOptions {
  /** The operating threshold (accept when score >= threshold). */
  readonly threshold: number;
  /** Also report the threshold reaching this FAR. */
  readonly targetFar?: number;
  /** Default 1e-2, 1e-3, 1e-4. */
  readonly tarFars?: readonly number[];
  /** Histogram bins (default 20) and text width (default 72). */
  readonly histogramBins?: number;
  readonly histogramWidth?: number;
}

/** The rates at the operating threshold (`threshold`), then the figures over all thresholds. */
export interface VerificationSummary extends Omit<Rates, 'genuineCount' | 'impostorCount'> {
  readonly eer: number;
  readonly eerThreshold: number;
  readonly auc: number;
  /** Decidability; Infinity (null in JSON) when both score sets have no spread and differ. */
  readonly dPrime: number;
  readonly stats: { readonly genuine: ScoreStats; readonly impostor: ScoreStats };
  readonly histogram: HistogramBins;
  /** `renderHistogram` lines with the threshold marked. */
  readonly histogramText: readonly string[];
  /** Corner points of the exact ROC curve (lossless for drawing), by ascending threshold. */
  readonly roc: readonly RocPoint[];
  /** Corner points of the DET curve; points with a zero rate are left out (log axes). */
  readonly det: readonly DetPoint[];
  readonly tarAtFar: readonly TarAtFarRow[];
  /** For `targetFar`, when given. */
  readonly targetFar: TarAtFarRow | null;
}

const formatFar = (far: number): string => String(Number(far.toPrecision(2)));

export const tarAtFarRow = (genuine: Scores, impostor: Scores, targetFar: number): TarAtFarRow => {
  const row = tarAtFar(genuine, impostor, targetFar);
  return {
    ...row,
    note: row.sufficient
      ? null
      : `insufficient data: ${impostor.length} impostor pairs, at least ${row.minImpostors} needed for FAR ${formatFar(targetFar)} (one false accept is already ${formatFar(1 / impostor.length)})`,
  };
};

export const verificationSummary = (genuine: Scores, impostor: Scores, options: VerificationOptions): VerificationSummary => {
  const { threshold } = options;
  const { genuineCount: _genuineCount, impostorCount: _impostorCount, ...atThreshold } = ratesAt(genuine, impostor, threshold);
  const equal = eer(genuine, impostor);
  const bins = options.histogramBins ?? 20;
  return {
    ...atThreshold,
    eer: equal.eer,
    eerThreshold: equal.threshold,
    auc: auc(genuine, impostor),
    dPrime: dPrime(genuine, impostor),
    stats: { genuine: scoreStats(genuine), impostor: scoreStats(impostor) },
    histogram: histogramBins({ genuine, impostor, threshold, bins }),
    histogramText: renderHistogram({ genuine, impostor, threshold, bins, width: options.histogramWidth ?? 72 }),
    roc: cornerPoints(rocCurve(genuine, impostor), (p) => p.far, (p) => p.tar),
    det: cornerPoints(detPoints(genuine, impostor), (p) => p.far, (p) => p.frr),
    tarAtFar: (options.tarFars ?? DEFAULT_TAR_FARS).map((far) => tarAtFarRow(genuine, impostor, far)),
    targetFar: options.targetFar === undefined ? null : tarAtFarRow(genuine, impostor, options.targetFar),
  };
};
