/**
 * The interactive workbench: called by the CLI when there is no subcommand and
 * both stdin and stdout are terminals. Returns the exit code.
 *
 * Quitting (q, Ctrl+C) unmounts Ink at once, gives the terminal back, then stops
 * the inference workers and closes the store; whatever is still running after
 * 200 ms is cut short (once the workers are out of their native call, at most
 * 1.5 s). A second Ctrl+C (or SIGINT/SIGTERM while quitting) forces the quit: it
 * too waits that long at most for the native calls; forcing it once more exits at once.
 */
import { loadConfig } from '../core/config/load-config.js';
import { onCrash } from '../core/crash-hooks.js';
import { getErrorMessage, isUserError } from '../core/errors.js';
import { asciiStdout } from './lib/ascii-output.js';
import { pacedStdin } from './lib/paced-input.js';
import { createLogBuffer } from './log-buffer.js';
import { createAppServices } from './services.js';
import { createTerminalSession } from './terminal.js';
import { charsetOf } from './theme.js';

export interface RunAppOptions {
  readonly verbose: boolean;
  readonly config?: string;
  /** --store: overrides config store.uri. */
  readonly store?: string;
}

/** Quitting never takes longer than this, whatever is still running. */
export const QUIT_DEADLINE_MS = 200;

/** What a workbench crash prints: one line; the stack trace too only with --verbose. */
export const crashReport = (error: unknown, verbose: boolean): string => {
  const message = getErrorMessage(error).replace(/\s*\n\s*/g, ' ').trim();
  const line = `face-auth-tui: the workbench crashed (a bug): ${message}`;
  const stack = error instanceof Error ? error.stack : undefined;
  if (!verbose) return `${line}; run again with --verbose for the stack trace\n`;
  return stack === undefined ? `${line}\n` : `${line}\n${stack}\n`;
};

const delay = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms).unref());

/**
 * How long the deadline (or a forced quit) still waits for the workers to end the native call
 * they are in (an ONNX run, a libvips decode: tens of milliseconds). Ending the process under one
 * aborts it ("terminate called after throwing an instance of 'Napi::Error'", exit 134).
 */
const NATIVE_CALL_CAP_MS = 1500;

export const runApp = async (options: RunAppOptions): Promise<number> => {
  let loaded;
  try {
    loaded = await loadConfig(options.config);
  } catch (error) {
    process.stderr.write(`face-auth-tui: ${getErrorMessage(error)}\n`);
    if (isUserError(error) && error.hint !== undefined) process.stderr.write(`  ${error.hint}\n`);
    return 2;
  }
  // Ink renders only the last frame when it believes it runs in CI (CI or CONTINUOUS_INTEGRATION set,
  // read once when Ink is loaded). This is an interactive terminal, so a stray CI variable would only
  // freeze the screen: hide it from Ink, which is imported just below for that reason.
  for (const name of ['CI', 'CONTINUOUS_INTEGRATION']) delete process.env[name];
  const [{ render }, { createElement }, { App }] = await Promise.all([import('ink'), import('react'), import('./app.js')]);
  const logs = createLogBuffer({ verbose: options.verbose });
  const services = createAppServices({
    config: loaded.config,
    configPath: loaded.path,
    logs,
    verbose: options.verbose,
    ...(options.store === undefined ? {} : { storeUri: options.store }),
  });
  const terminal = createTerminalSession(process.stdout, process.stdin);

  let quitStarted = 0;
  /** The services closing (workers stopping at the end of their current native call), once begun. */
  let closing: Promise<unknown> | undefined;
  const exitWhenWorkersStopped = (code: number): void => {
    void Promise.race([closing ?? Promise.resolve(), delay(NATIVE_CALL_CAP_MS)]).then(() => process.exit(code));
  };
  // Ctrl+C (or SIGINT) quits with 130, SIGTERM with 143, a hang-up with 129, as a shell expects of a
  // program ended by that signal; q with 0.
  let signalCode = 0;
  /** Whether a forced quit is already waiting for the workers' native calls. */
  let forcing = false;
  const force = (): void => {
    terminal.restore();
    const code = signalCode === 0 ? 130 : signalCode;
    // Forced again while the first forced quit waits: the user will not wait any longer.
    if (forcing) process.exit(code);
    forcing = true;
    process.stderr.write('face-auth-tui: forced to quit\n');
    if (closing === undefined) closing = services.close();
    exitWhenWorkersStopped(code);
  };
  const beginQuit = (): void => {
    if (quitStarted !== 0) return;
    quitStarted = Date.now();
    // The safety net: nothing may keep the process alive past the deadline.
    setTimeout(() => {
      terminal.restore();
      exitWhenWorkersStopped(typeof process.exitCode === 'number' ? process.exitCode : signalCode);
    }, QUIT_DEADLINE_MS).unref();
  };

  terminal.enter();
  // A bug that escapes React (a rejected promise nobody awaited) must not leave the terminal raw.
  const undoCrashHook = onCrash(() => terminal.restore());
  const instance = render(
    createElement(App, {
      services,
      onQuit: (forced: boolean, byInterrupt: boolean) => {
        if (byInterrupt && signalCode === 0) signalCode = 130;
        if (forced) force();
        beginQuit();
      },
    }),
    {
      exitOnCtrlC: false,
      patchConsole: true,
      // Keys read together reach Ink one by one, each after the last one's screen change has rendered.
      stdin: pacedStdin(process.stdin),
      // A terminal that cannot show Unicode gets the same screen in ASCII.
      ...(charsetOf(process.env) === 'ascii' ? { stdout: asciiStdout(process.stdout) } : {}),
    },
  );
  const onSignal = (signal: NodeJS.Signals): void => {
    if (signalCode === 0) signalCode = signal === 'SIGINT' ? 130 : signal === 'SIGTERM' ? 143 : 129;
    if (quitStarted !== 0) force();
    beginQuit();
    instance.unmount();
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  process.on('SIGHUP', onSignal);
  // A terminal that goes away may send no hang-up before its input ends: quit then too.
  const onInputGone = (): void => onSignal('SIGHUP');
  process.stdin.once('end', onInputGone);
  process.stdin.once('error', onInputGone);

  let code = 0;
  try {
    await instance.waitUntilExit();
  } catch (error) {
    code = 1;
    terminal.restore();
    process.stderr.write(crashReport(error, options.verbose));
  }
  beginQuit();
  terminal.restore();
  process.stdin.pause();
  const left = QUIT_DEADLINE_MS - (Date.now() - quitStarted) - 20;
  closing ??= services.close();
  await Promise.race([closing, delay(Math.max(0, left))]);
  undoCrashHook();
  process.off('SIGINT', onSignal);
  process.off('SIGTERM', onSignal);
  process.off('SIGHUP', onSignal);
  process.stdin.off('end', onInputGone);
  process.stdin.off('error', onInputGone);
  return code === 0 ? signalCode : code;
};
