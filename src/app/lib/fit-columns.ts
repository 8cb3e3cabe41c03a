/**
 * Which table columns fit a width: columns are dropped lowest priority first
 * until the table (cells padded by one space a side, plus borders) fits.
 */
export const fitColumns = <K extends string>(
  rows: readonly Readonly<Record<K, string | number>>[],
  priority: readonly K[],
  width: number,
): K[] => {
  const widthOf = (key: K): number => Math.max(key.length, ...rows.map((r) => String(r[key]).length)) + 3;
  const kept = [...priority];
  while (kept.length > 1 && kept.reduce((sum, k) => sum + widthOf(k), 1) > width) kept.pop();
  return kept;
};
