import { useStdout } from 'ink';
import { useEffect, useState } from 'react';

export interface TerminalSize {
  readonly columns: number;
  readonly rows: number;
}

/** The terminal's size, updated on resize; `fallback` when the stream does not know (tests, pipes). */
export const useTerminalSize = (fallback: TerminalSize): TerminalSize => {
  const { stdout } = useStdout();
  const [size, setSize] = useState<TerminalSize>(() => ({
    columns: stdout.columns || fallback.columns,
    rows: stdout.rows || fallback.rows,
  }));
  useEffect(() => {
    const onResize = (): void => setSize({ columns: stdout.columns || fallback.columns, rows: stdout.rows || fallback.rows });
    stdout.on('resize', onResize);
    return () => {
      stdout.off('resize', onResize);
    };
  }, [stdout, fallback.columns, fallback.rows]);
  return size;
};
