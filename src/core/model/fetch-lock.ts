import fs from 'node:fs/promises';
import path from 'node:path';
import lockfile from 'proper-lockfile';
import { getErrorMessage, UserError } from '../errors.js';
import { silentLogger, type Logger } from '../logger.js';

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
