export interface RunAppOptions {
  readonly verbose: boolean;
  readonly config?: string;
}

/** Placeholder until the workbench lands (issue 4): explains how to use the CLI. */
export const runApp = (options: RunAppOptions): Promise<number> => {
  void options;
  process.stdout.write('The interactive workbench is not built yet. Run `face-auth-tui --help` for the commands.\n');
  return Promise.resolve(0);
};
