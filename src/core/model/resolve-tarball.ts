import { execFile } from 'node:child_process';
import { z } from 'zod';
import { getErrorMessage, UserError } from '../errors.js';
import { fetchFailed } from './fetch-failed.js';
import type { ModelSource } from './manifest.js';

/**
 * Asks npm where the model source package's tarball is, so the user's
 * registry, proxy and auth settings apply and no address is pinned here.
 */

export interface NpmOptions {
  /** Variables merged over process.env for the npm child (e.g. npm_config_registry). */
  readonly env?: NodeJS.ProcessEnv;
  /** The npm executable; default "npm". */
  readonly npmCommand?: string;
}

export interface ResolvedTarball {
  readonly tarball: string;
  readonly integrity: string;
}

const npmDistSchema = z.object({ tarball: z.string().min(1), integrity: z.string().min(1) });
const npmErrorSchema = z.object({ error: z.object({ code: z.string().optional(), summary: z.string().optional() }) });

/** The result of one npm run: its output, and the error when it failed (or could not start). */
export interface NpmRun {
  readonly stdout: string;
  readonly stderr: string;
  readonly error: (Error & { code?: unknown }) | null;
}

/** Runs npm (never through a shell but on Windows, where npm is a .cmd script). */
export const runNpm = (command: string, args: string[], env: NodeJS.ProcessEnv): Promise<NpmRun> =>
  new Promise<NpmRun>((resolve) => {
    execFile(
      command,
      args,
      {
        env,
        timeout: 180_000,
        maxBuffer: 4 * 1024 * 1024,
        windowsHide: true,
        // npm is a .cmd script on Windows, which only runs through a shell.
        shell: process.platform === 'win32',
      },
      (error, stdout, stderr) => resolve({ stdout, stderr, error }),
    );
  });

/**
 * The environment of every npm child: the user's, with shorter network retries by default
 * (npm's own defaults retry an unreachable registry for over a minute in silence; one
 * retry with shorter waits fails within about 30 s). npm_config_* variables the user sets still win.
 */
export const npmEnv = (options: NpmOptions = {}): NodeJS.ProcessEnv => ({
  npm_config_fetch_retries: '1',
  npm_config_fetch_retry_mintimeout: '2000',
  npm_config_fetch_retry_maxtimeout: '5000',
  npm_config_fetch_timeout: '15000',
  ...process.env,
  npm_config_update_notifier: 'false',
  ...options.env,
});

const missingNpm = (): UserError =>
  new UserError('MODEL_FETCH_FAILED', 'npm was not found on PATH; it is needed to locate the model package', {
    hint: 'Install Node.js with npm, then run `face-auth-tui models fetch`.',
  });

/** Runs `npm <args>` with npmEnv; a missing npm is MODEL_FETCH_FAILED; stdout parsed as JSON when it is JSON. */
export const runNpmJson = async (args: string[], options: NpmOptions = {}): Promise<NpmRun & { json: unknown }> => {
  const run = await runNpm(options.npmCommand ?? 'npm', args, npmEnv(options));
  if (run.error !== null && run.error.code === 'ENOENT') throw missingNpm();
  let json: unknown;
  try {
    json = run.stdout.trim() === '' ? undefined : JSON.parse(run.stdout);
  } catch {
    json = undefined;
  }
  return { ...run, json };
};

/** Why an npm run failed, in one line: npm's JSON error (code and summary), else its first stderr line. */
export const npmFailure = (run: NpmRun & { json: unknown }): string => {
  const npmError = npmErrorSchema.safeParse(run.json);
  return npmError.success
    ? [npmError.data.error.code, npmError.data.error.summary].filter(Boolean).join(' ')
    : (run.stderr.split('\n').find((line) => line.trim() !== '') ?? getErrorMessage(run.error));
};

/** Ask npm where the source package's tarball is and what integrity it reports. */
export const resolveTarball = async (source: ModelSource, options: NpmOptions = {}): Promise<ResolvedTarball> => {
  const spec = `${source.package}@${source.version}`;
  const run = await runNpmJson(['view', spec, 'dist', '--json'], options);
  const { error, json: parsed } = run;
  if (error !== null) throw fetchFailed(`npm view ${spec} failed: ${npmFailure(run)}`, error);
  if (parsed === undefined) throw fetchFailed(`npm view ${spec} returned nothing: no such version in the registry`);
  const dist = npmDistSchema.safeParse(parsed);
  if (!dist.success) throw fetchFailed(`npm view ${spec} gave no tarball address and integrity`);
  return dist.data;
};
