import { UserError } from '../errors.js';
import { silentLogger, type Logger } from '../logger.js';
import { fetchModels } from './fetch-models.js';
import type { ProgressListener } from './fetch-progress.js';
import type { Manifest } from './manifest.js';
import { checkModelFile, type ModelStatus } from './model-cache.js';
import type { NpmOptions } from './resolve-tarball.js';

export type { FetchProgress, ProgressListener } from './fetch-progress.js';

export interface EnsureModelsOptions extends NpmOptions {
  readonly manifest: Manifest;
  readonly dir: string;
  /** Fetch missing or corrupt models (config.models.autoFetch); otherwise throw. */
  readonly autoFetch: boolean;
  /** Only these models; default every model in the manifest. */
  readonly ids?: readonly string[];
  readonly onProgress?: ProgressListener;
  readonly logger?: Logger;
}

const fetchCommandHint = 'Run `face-auth-tui models fetch`';

const describe = (status: ModelStatus): string =>
  status.status === 'missing'
    ? `${status.id} is missing (${status.file})`
    : `${status.id} is corrupt (${status.file}: ${status.size ?? '?'} of ${status.expectedSize} bytes${
        status.size === status.expectedSize ? ', SHA-256 mismatch' : ''
      })`;

const problemError = (bad: readonly ModelStatus[]): UserError => {
  const code = bad.some((s) => s.status === 'missing') ? 'MODEL_MISSING' : 'MODEL_CORRUPT';
  return new UserError(code, `model weights not usable: ${bad.map(describe).join('; ')}`, { hint: fetchCommandHint });
};

/**
 * Make sure every requested model is in the cache and verifies (size and
 * SHA-256): returns model id -> absolute path of a verified file. A missing,
 * truncated or altered file is never handed out. With a warm cache this never
 * runs npm or touches the network.
 */
export const ensureModels = async (options: EnsureModelsOptions): Promise<Record<string, string>> => {
  const { manifest, dir } = options;
  const logger = options.logger ?? silentLogger;
  const wanted =
    options.ids === undefined ? manifest.models : manifest.models.filter((m) => options.ids?.includes(m.id) === true);
  const unknown = (options.ids ?? []).filter((id) => !manifest.models.some((m) => m.id === id));
  if (unknown.length > 0) {
    throw new UserError('INVALID_ARGUMENT', `unknown model(s): ${unknown.join(', ')}`, {
      hint: `Known models: ${manifest.models.map((m) => m.id).join(', ')}.`,
    });
  }

  const check = () => Promise.all(wanted.map((model) => checkModelFile(dir, model)));
  let statuses = await check();
  let bad = statuses.filter((s) => s.status !== 'ok');
  if (bad.length > 0) {
    if (!options.autoFetch) throw problemError(bad);
    for (const status of bad) logger.info(`${describe(status)}; fetching`);
    await fetchModels({
      manifest,
      dir,
      ids: bad.map((s) => s.id),
      logger,
      ...(options.onProgress === undefined ? {} : { onProgress: options.onProgress }),
      ...(options.env === undefined ? {} : { env: options.env }),
      ...(options.npmCommand === undefined ? {} : { npmCommand: options.npmCommand }),
    });
    statuses = await check();
    bad = statuses.filter((s) => s.status !== 'ok');
    if (bad.length > 0) throw problemError(bad);
  }
  return Object.fromEntries(statuses.map((s) => [s.id, s.file]));
};
