import { loadConfig } from '../src/core/config/load-config.js';
import { getErrorMessage, isUserError } from '../src/core/errors.js';
import { ensureModels } from '../src/core/model/ensure-models.js';
import { loadManifest } from '../src/core/model/manifest.js';
import { resolveModelDir } from '../src/core/model/model-cache.js';

const isCi = (): boolean => process.env['CI'] === 'true' || process.env['CI'] === '1';

/**
 * Runs once before the test files: makes sure the real model weights are in
 * the cache (config.models.dir, or FACE_AUTH_MODELS_DIR), fetching them if
 * needed, so test files never race to download. This is the only place tests
 * touch the real network. In CI a failure stops the run; elsewhere it warns and
 * the tests that need the models fail on their own.
 */
export const setup = async (): Promise<void> => {
  const started = performance.now();
  const { config } = await loadConfig();
  const dir = resolveModelDir(config);
  let fetched = false;
  try {
    const manifest = await loadManifest();
    await ensureModels({
      manifest,
      dir,
      autoFetch: true,
      onProgress: (event) => {
        if (event.phase === 'resolve') fetched = true;
      },
    });
  } catch (error) {
    const detail = isUserError(error) ? `[${error.code}] ${error.message}` : getErrorMessage(error);
    if (isCi()) throw new Error(`global-setup: the face models are not available in ${dir}: ${detail}`, { cause: error });
    console.warn(`[global-setup] face models unavailable in ${dir}, tests that need them will fail: ${detail}`);
    return;
  }
  const ms = Math.round(performance.now() - started);
  console.log(`[global-setup] face models ${fetched ? 'fetched and verified' : 'verified'} in ${dir} (${ms} ms)`);
};
