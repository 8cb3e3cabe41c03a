import { isUserError, getErrorMessage } from '../core/errors.js';
import { neutralise, oneLine } from '../core/text/safe-text.js';

/** Where a command writes; injected so tests can capture it. */
export interface Output {
  out(text: string): void;
  err(text: string): void;
}

let stdoutClosed = false;
let stderrClosed = false;
let wroteStdout = false;

/** Whether anything was written to stdout through processOutput. */
export const stdoutWritten = (): boolean => wroteStdout;

/**
 * A reader that goes away (`face-auth-tui embed *.jpg | head -1`) is not an error:
 * further output is dropped and the command finishes normally (its workers are never
 * killed mid-run). Called once by the CLI entry point.
 */
export const guardClosedPipes = (): void => {
  process.stdout.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code !== 'EPIPE') throw error;
    stdoutClosed = true;
  });
  process.stderr.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code !== 'EPIPE') throw error;
    stderrClosed = true;
  });
};

export const processOutput: Output = {
  out: (text) => {
    wroteStdout = true;
    const safe = neutralise(text);
    if (!stdoutClosed) process.stdout.write(safe.endsWith('\n') ? safe : `${safe}\n`);
  },
  err: (text) => {
    const safe = neutralise(text);
    if (!stderrClosed) process.stderr.write(safe.endsWith('\n') ? safe : `${safe}\n`);
  },
};

export const printJson = (output: Output, value: unknown): void => {
  output.out(JSON.stringify(value, (_key, v: unknown) => (v instanceof Float32Array ? Array.from(v) : v), 2));
};

/** "message. Hint" on one line (the hint is what to do next). */
const withHint = (message: string, hint: string | undefined): string => {
  const text = message.replace(/\s*\n\s*/g, ' ').trim();
  if (hint === undefined || hint === '') return text;
  return `${text}${/[.!?:;]$/.test(text) ? '' : '.'} ${hint.replace(/\s*\n\s*/g, ' ').trim()}`;
};

/** What a failure looks like in --json output: `{ "error": { "code", "message", "hint" } }`. */
export const errorJson = (error: unknown): { error: { code: string; message: string; hint: string | null } } =>
  isUserError(error)
    ? { error: { code: error.code, message: getErrorMessage(error), hint: error.hint ?? null } }
    : { error: { code: 'BUG', message: getErrorMessage(error), hint: 'This is a bug in face-auth-tui. Run again with --verbose for details and report it.' } };

/** `error [CODE]: message. Hint` on one line: how every error the user can fix is printed. */
export const errorLine = (code: string, message: string, hint: string | undefined): string => `error [${code}]: ${withHint(message, hint)}`;

/** One line for a user error, with what to do next; a bug says it is a bug. Stacks only when verbose. */
export const reportError = (output: Output, error: unknown, verbose: boolean): void => {
  if (isUserError(error)) output.err(errorLine(error.code, error.message, error.hint));
  else output.err(`internal error: ${withHint(getErrorMessage(error), 'This is a bug in face-auth-tui. Run again with --verbose for details and report it.')}`);
  if (verbose && error instanceof Error && error.stack !== undefined) output.err(error.stack);
};

/** A user error about one item of a batch: the item's name leads the line. */
export const reportErrorFor = (output: Output, rawLabel: string, error: unknown, verbose: boolean): void => {
  const label = oneLine(rawLabel);
  if (isUserError(error)) {
    output.err(`${label}: ${errorLine(error.code, error.message, error.hint)}`);
    if (verbose && error.stack !== undefined) output.err(error.stack);
    return;
  }
  output.err(`${label}: internal error: ${getErrorMessage(error)}`);
  reportError(output, error, verbose);
};

/** Exit codes: 0 success/match/accepted, 1 no match/denied, 2 error. */
export const ExitCode = { ok: 0, negative: 1, error: 2 } as const;
export type ExitCode = (typeof ExitCode)[keyof typeof ExitCode];
