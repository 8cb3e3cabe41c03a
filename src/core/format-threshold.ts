/**
 * A threshold or score as people should read it next to the decision it makes: the
 * shortest decimal (at most 4 places) that is the value, so 0.35 stays "0.35", 0.318
 * is "0.318" (never "0.32", which reads as a different bar) and 0.3728 "0.3728".
 */
export const formatThreshold = (x: number): string => {
  if (!Number.isFinite(x)) return String(x);
  for (let d = 2; d <= 4; d++) if (Math.abs(Number(x.toFixed(d)) - x) < 1e-9) return x.toFixed(d);
  return x.toFixed(4);
};
