import { runCrashCleanups } from '../core/crash-hooks.js';
import { errorJson, ExitCode, printJson, processOutput, reportError, stdoutWritten } from './output.js';

/**
 * A bug that escapes every handler (an uncaught exception, a rejected promise nobody
 * awaited) ends the process like any other error: one line on stderr (the stack only
 * with --verbose), the --json error object when nothing reached stdout yet, exit 2.
 * Without this Node prints a stack trace and exits 1, which scripts read as "denied".
 * Called once by the CLI entry point.
 */
export const guardCrashes = (argv: readonly string[]): void => {
  const verbose = argv.includes('--verbose');
  const json = argv.includes('--json');
  const crash = (error: unknown): void => {
    runCrashCleanups();
    reportError(processOutput, error, verbose);
    if (json && !stdoutWritten()) printJson(processOutput, errorJson(error));
    process.exit(ExitCode.error);
  };
  process.on('uncaughtException', crash);
  process.on('unhandledRejection', crash);
};
