import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import lockfile from 'proper-lockfile';
import { UserError } from '../errors.js';
import { silentLogger, type Logger } from '../logger.js';
import { makeModelsDir, modelsDirError } from './models-dir.js';

/** How often a waiting process tries the lock again. */
const pollMs = 500;

/**
 * Take the lock, retrying only while another process holds it (ELOCKED), and
 * for at most `waitMs`. Any other failure (the folder cannot take the lock
 * file: EACCES, EROFS, ENOSPC, ...) is not contention and is thrown at once.
 */
const acquire = async (dir: string, waitMs: number, logger: Logger): Promise<() => Promise<void>> => {
  const deadline = Date.now() + waitMs;
  const maxAttempts = Math.max(1, Math.ceil(waitMs / pollMs)) + 1;
  const lockfilePath = path.join(dir, '.fetch.lock');
  for (let attempt = 1; ; attempt += 1) {
    try {
      return await lockfile.lock(dir, {
        lockfilePath,
        realpath: false,
        stale: 30_000,
        update: 5_000,
        retries: 0,
        onCompromised: (error) => logger.warn(`model cache lock lost (${error.message}); continuing`),
      });
    } catch (error) {
      const held = (error as NodeJS.ErrnoException).code === 'ELOCKED';
      if (!held) throw await modelsDirError(dir, error, lockfilePath);
      if (attempt >= maxAttempts || Date.now() >= deadline) {
        throw new UserError('MODEL_FETCH_FAILED', `cannot lock the model cache ${dir}: another process has held it for over ${Math.round(waitMs / 1000)} s`, {
          hint: 'Another face-auth-tui process may be fetching models; wait for it, then run `face-auth-tui models fetch`.',
          cause: error,
        });
      }
      if (attempt === 1) logger.info(`waiting for another process that is fetching models into ${dir}`);
      await sleep(Math.min(pollMs, Math.max(0, deadline - Date.now())));
    }
  }
};

/**
 * Hold the cache's fetch lock while running `body`, so two processes do not
 * download the same tarball at once. Correctness does not depend on it (files
 * only appear by atomic rename); it only saves a second download. Makes the
 * folder first; a folder that cannot be made or locked is MODEL_FETCH_FAILED.
 */
export const withFetchLock = async <T>(
  dir: string,
  body: () => Promise<T>,
  options: { waitMs?: number; logger?: Logger } = {},
): Promise<T> => {
  const logger = options.logger ?? silentLogger;
  const waitMs = options.waitMs ?? 10 * 60_000;
  await makeModelsDir(dir);
  const release = await acquire(dir, waitMs, logger);
  try {
    return await body();
  } finally {
    await release().catch(() => undefined);
  }
};
