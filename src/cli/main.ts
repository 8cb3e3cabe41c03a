import { Command, CommanderError } from 'commander';
import { createRequire } from 'node:module';
import { registerCommands } from './commands/index.js';
import { contextFactory } from './command.js';
import { ExitCode, processOutput, reportError, type Output } from './output.js';

const require = createRequire(import.meta.url);
const { version } = require('../../package.json') as { version: string };

export const buildProgram = (output: Output): Command => {
  const program = new Command();
  program
    .name('face-auth-tui')
    .description(
      'A terminal workbench to learn, build, tune and run face authentication.\n' +
        'Run without a subcommand on a terminal to open the workbench.',
    )
    .version(version)
    .option('--json', 'print machine-readable JSON on stdout')
    .option('--config <path>', 'use this config.yaml instead of the default')
    .option('--verbose', 'log details (model loads, timings) and show stack traces')
    .option('--store <uri>', 'store location: memory:, file:<path.json> or sqlite:<path.db>')
    .showHelpAfterError('(run with --help for usage)')
    .configureOutput({
      writeOut: (text) => output.out(text.replace(/\n$/, '')),
      writeErr: (text) => output.err(text.replace(/\n$/, '')),
    })
    .exitOverride();
  registerCommands(program, contextFactory(output));
  return program;
};

const isInteractive = (): boolean => process.stdin.isTTY && process.stdout.isTTY;

/** Entry point: returns the process exit code. */
export const main = async (argv: readonly string[], output: Output = processOutput): Promise<number> => {
  const program = buildProgram(output);
  const hasSubcommand = argv.some((arg) => !arg.startsWith('-'));
  const wantsHelp = argv.some((arg) => ['-h', '--help', '-V', '--version'].includes(arg));
  if (!hasSubcommand && !wantsHelp) {
    if (isInteractive()) {
      const { runApp } = await import('../app/run-app.js');
      return runApp({ verbose: argv.includes('--verbose'), ...configArg(argv) });
    }
    output.out(program.helpInformation());
    return ExitCode.ok;
  }
  try {
    process.exitCode = 0;
    await program.parseAsync([...argv], { from: 'user' });
    return typeof process.exitCode === 'number' ? process.exitCode : 0;
  } catch (error) {
    if (error instanceof CommanderError) {
      return error.exitCode === 0 ? ExitCode.ok : ExitCode.error;
    }
    reportError(output, error, argv.includes('--verbose'));
    return ExitCode.error;
  }
};

const configArg = (argv: readonly string[]): { config?: string } => {
  const index = argv.indexOf('--config');
  const value = index >= 0 ? argv[index + 1] : undefined;
  return value === undefined ? {} : { config: value };
};
