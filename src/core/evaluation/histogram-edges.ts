/** The bin grid of a histogram: edges (round or linear) and the bin a value falls in. */

export const roundTo = (x: number, decimals: number): number => Number(x.toFixed(decimals));

export const linearEdges = (low: number, high: number, bins: number): number[] => {
  const edges: number[] = [];
  for (let b = 0; b < bins; b++) edges.push(low + ((high - low) * b) / bins);
  edges.push(high);
  return edges;
};

/**
 * Round edges: the smallest step f * 10^e (f in 1, 2, 2.5, 5) whose grid
 * covers [low, high] in at most `bins` bins; only the bins needed are kept.
 */
export const niceEdges = (low: number, high: number, bins: number): number[] => {
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
export const binOf = (v: number, edges: readonly number[]): number => {
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
