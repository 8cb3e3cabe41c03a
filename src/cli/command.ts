import type { Command } from 'commander';
import { createContext, type CommandContext, type GlobalOptions } from './context.js';
import { errorJson, ExitCode, printJson, reportError, type Output } from './output.js';

export type CommandContextFactory = (command: Command) => CommandContext;

/** The output, remembering whether anything reached stdout (a --json failure then prints its error there). */
const trackedOutput = (output: Output): Output & { wroteOut: () => boolean } => {
  let wrote = false;
  return {
    out: (text) => {
      wrote = true;
      output.out(text);
    },
    err: (text) => output.err(text),
    wroteOut: () => wrote,
  };
};

export const contextFactory =
  (output: Output): CommandContextFactory =>
  (command) => {
    const raw = command.optsWithGlobals<{ json?: boolean; verbose?: boolean; config?: string; store?: string }>();
    const options: GlobalOptions = {
      json: raw.json === true,
      verbose: raw.verbose === true,
      ...(raw.config === undefined ? {} : { config: raw.config }),
      ...(raw.store === undefined ? {} : { store: raw.store }),
    };
    return createContext(options, trackedOutput(output));
  };

/** Runs a command body: reports errors the right way, closes services, records the exit code. */
export const runCommand = async (
  ctx: CommandContext,
  body: (ctx: CommandContext) => Promise<ExitCode>,
): Promise<ExitCode> => {
  let code: ExitCode;
  try {
    code = await body(ctx);
  } catch (error) {
    reportError(ctx.output, error, ctx.options.verbose);
    // A script reading --json output gets something to parse, unless the command already printed its JSON.
    const tracked = ctx.output as Partial<ReturnType<typeof trackedOutput>>;
    if (ctx.options.json && tracked.wroteOut?.() !== true) printJson(ctx.output, errorJson(error));
    code = ExitCode.error;
  } finally {
    try {
      await ctx.close();
    } catch (error) {
      // A store that could not be closed may not have kept what the command wrote: not a success.
      reportError(ctx.output, error, ctx.options.verbose);
      code = ExitCode.error;
    }
  }
  process.exitCode = code;
  return code;
};

/** Helper to attach an action that runs through runCommand. */
export const action =
  <Args extends unknown[]>(
    makeContext: CommandContextFactory,
    body: (ctx: CommandContext, ...args: Args) => Promise<ExitCode>,
  ) =>
  async (...args: unknown[]): Promise<void> => {
    const command = args[args.length - 1] as Command;
    const ctx = makeContext(command);
    await runCommand(ctx, (c) => body(c, ...(args.slice(0, -1) as Args)));
  };
