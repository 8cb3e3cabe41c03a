import { Command, CommanderError } from 'commander';
import { createRequire } from 'node:module';
import { registerCommands } from './commands/index.js';
import { contextFactory } from './command.js';
import { UserError } from '../core/errors.js';
import { errorJson, ExitCode, printJson, processOutput, reportError, type Output } from './output.js';

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
    .option('--config <path>', 'settings file, laid over the shipped config.yaml (default: your ~/.config/face-auth-tui/config.yaml if any)')
    .option('--verbose', 'log details (model loads, timings) and show stack traces')
    .option('--store <uri>', 'store location: memory:, file:<path.json> or sqlite:<path.db>')
    // Each subcommand's --help lists --json, --config, --verbose and --store too.
    .configureHelp({ showGlobalOptions: true })
    .configureOutput({
      writeOut: (text) => output.out(text.replace(/\n$/, '')),
      writeErr: (text) => output.err(text.replace(/\n$/, '')),
      // A usage error is reported by `main` in the one-line error contract (see reportUsageError).
      outputError: () => undefined,
    })
    .exitOverride();
  registerCommands(program, contextFactory(output));
  return program;
};

const isInteractive = (): boolean => process.stdin.isTTY && process.stdout.isTTY;

/** Global options that take a value: their value is not a subcommand. */
const valueOptions = new Set(['--config', '--store']);

/**
 * Reads the global options before any subcommand: which subcommand (if any), and the
 * values the workbench needs. `--config x` alone is not a subcommand called "x".
 */
export interface ScannedArgv {
  subcommand: string | undefined;
  config?: string;
  store?: string;
  verbose: boolean;
  help: boolean;
  /** Options before any subcommand that are not global options, or that lack their value: usage errors. */
  invalid: string[];
}

export const scanArgv = (argv: readonly string[]): ScannedArgv => {
  const found: ScannedArgv = { subcommand: undefined, verbose: false, help: false, invalid: [] };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] ?? '';
    if (arg === '--') break;
    const [name = '', inline] = arg.startsWith('--') ? arg.split(/=(.*)/s, 2) : [arg];
    if (valueOptions.has(name)) {
      const value = inline ?? argv[++i];
      if (value === undefined) found.invalid.push(name);
      else found[name === '--config' ? 'config' : 'store'] = value;
    } else if (name === '--verbose') {
      found.verbose = true;
    } else if (['-h', '--help', '-V', '--version'].includes(name)) {
      found.help = true;
    } else if (name === '--json') {
      // Known; only the subcommands print JSON.
    } else if (arg.startsWith('-')) {
      found.invalid.push(name);
    } else {
      found.subcommand = arg;
      break;
    }
  }
  return found;
};

/** Commander's ways of showing help or the version (already printed): not usage errors. */
const helpCodes: ReadonlySet<string> = new Set(['commander.help', 'commander.helpDisplayed', 'commander.version']);

/** Whether `--json` was given as an option (not after `--`). */
const wantsJson = (argv: readonly string[]): boolean => {
  const end = argv.indexOf('--');
  return (end === -1 ? argv : argv.slice(0, end)).includes('--json');
};

/**
 * A usage error (missing argument, unknown option or command) in the error contract:
 * `error [INVALID_ARGUMENT]: <message> (run with --help for usage)` on one line, and
 * with --json the JSON error object on stdout too.
 */
const reportUsageError = (output: Output, error: CommanderError, argv: readonly string[]): void => {
  const message = error.message.replace(/^error:\s*/i, '').replace(/\s*\n\s*/g, ' ').trim();
  output.err(`error [INVALID_ARGUMENT]: ${message} (run with --help for usage)`);
  if (wantsJson(argv)) printJson(output, errorJson(new UserError('INVALID_ARGUMENT', message, { hint: 'Run with --help for usage.' })));
};

/** Entry point: returns the process exit code. */
export const main = async (argv: readonly string[], output: Output = processOutput): Promise<number> => {
  const program = buildProgram(output);
  const scanned = scanArgv(argv);
  // An unknown option (a typo such as --verbos) is left to the parser below, which reports it:
  // it must not open the workbench, or print help and succeed, as if it had not been typed.
  if (scanned.subcommand === undefined && !scanned.help && scanned.invalid.length === 0) {
    if (isInteractive()) {
      const { runApp } = await import('../app/run-app.js');
      return runApp({
        verbose: scanned.verbose,
        ...(scanned.config === undefined ? {} : { config: scanned.config }),
        ...(scanned.store === undefined ? {} : { store: scanned.store }),
      });
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
      if (error.exitCode === 0 || helpCodes.has(error.code)) return error.exitCode === 0 ? ExitCode.ok : ExitCode.error;
      reportUsageError(output, error, argv);
      return ExitCode.error;
    }
    reportError(output, error, argv.includes('--verbose'));
    return ExitCode.error;
  }
};
