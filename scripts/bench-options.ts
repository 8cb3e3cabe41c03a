/** The command-line options the benchmark scripts share: `--name value`, flags, and size lists. */
export const benchArgs = process.argv.slice(2);

/** The value after `--name`, if given. */
export const option = (name: string): string | undefined => {
  const at = benchArgs.indexOf(`--${name}`);
  return at >= 0 ? benchArgs[at + 1] : undefined;
};

/** `--sizes 1000,10_000,...` as numbers, or the default list. */
export const sizesOption = (fallback: string): number[] => (option('sizes') ?? fallback).split(',').map((s) => Number(s.replace(/_/g, '')));
