import wrapAnsi from 'wrap-ansi';

/**
 * The report's lines wrapped to the screen's width, so nothing is cut off: a long line
 * continues on the next ones, indented by two spaces under its start.
 */
export const wrapReportLines = (lines: readonly string[], columns: number): string[] => {
  const width = Math.max(10, columns);
  return lines.flatMap((line) => {
    if (line.length <= width) return [line];
    const [first = '', ...rest] = wrapAnsi(line, width, { hard: true, trim: false }).split('\n');
    if (rest.length === 0) return [first];
    const continued = wrapAnsi(rest.join(' ').trimStart(), width - 2, { hard: true }).split('\n');
    return [first, ...continued.map((part) => `  ${part}`)];
  });
};
