/**
 * Histograms of genuine vs impostor scores: `histogramBins` for the counts
 * (UIs draw their own), `renderHistogram` for plain-text lines. Kept as one
 * entry point for the front ends; the code lives in histogram-bins.ts,
 * histogram-edges.ts and histogram-render.ts.
 */
export { histogramBins, type HistogramBins, type HistogramInput, type OutsideCounts } from './histogram-bins.js';
export { GENUINE_GLYPH, IMPOSTOR_GLYPH, THRESHOLD_MARK, renderHistogram, type RenderHistogramOptions } from './histogram-render.js';
