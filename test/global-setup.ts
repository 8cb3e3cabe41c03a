import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { loadConfig, parseConfig, userConfigPath } from '../src/core/config/load-config.js';
import { getErrorMessage, isUserError } from '../src/core/errors.js';
import { ensureModels } from '../src/core/model/ensure-models.js';
import { loadManifest } from '../src/core/model/manifest.js';
import { resolveModelDir } from '../src/core/model/model-cache.js';

const isCi = (): boolean => process.env['CI'] === 'true' || process.env['CI'] === '1';

/** The name of the temporary config folder a run makes (test/config-isolation.test.ts checks it). */
export const testConfigHomePrefix = 'face-auth-tui-test-config-';

/**
 * The tests must never read the developer's own settings ($XDG_CONFIG_HOME/face-auth-tui/
 * config.yaml: a threshold saved there by `evaluate --write-threshold` broke screen tests).
 * Before any test file starts (the workers inherit this process's environment),
 * XDG_CONFIG_HOME points at an empty folder made for the run. The model cache stays where
 * it is: if the developer's config moves it (models.dir), the temporary config holds that
 * one setting, so nothing is fetched again. Returns the folder, removed at teardown.
 */
const isolateUserConfig = async (): Promise<string> => {
  // A damaged user config must not stop the tests, which do not read it.
  const real = await loadConfig().catch(() => null);
  const modelsDir = resolveModelDir(real?.config ?? parseConfig({}));
  const home = await fs.mkdtemp(path.join(os.tmpdir(), testConfigHomePrefix));
  const env = { ...process.env, XDG_CONFIG_HOME: home };
  if (resolveModelDir((await loadConfig(undefined, env)).config, env) !== modelsDir) {
    const file = userConfigPath(env);
    await fs.mkdir(path.dirname(file), { recursive: true });
    await fs.writeFile(file, `# Made by test/global-setup.ts: only where the model cache is.\nmodels:\n  dir: ${JSON.stringify(modelsDir)}\n`);
  }
  process.env['XDG_CONFIG_HOME'] = home;
  return home;
};

/**
 * Runs once before the test files: isolates the tests from the user's config (see
 * isolateUserConfig), then makes sure the real model weights are in the cache
 * (config.models.dir, or FACE_AUTH_MODELS_DIR), fetching them if needed, so test files
 * never race to download. This is the only place tests touch the real network. In CI a
 * failure stops the run; elsewhere it warns and the tests that need the models fail on
 * their own.
 */
export const setup = async (): Promise<() => Promise<void>> => {
  const started = performance.now();
  const home = await isolateUserConfig();
  const teardown = (): Promise<void> => fs.rm(home, { recursive: true, force: true });
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
    if (isCi()) {
      await teardown();
      throw new Error(`global-setup: the face models are not available in ${dir}: ${detail}`, { cause: error });
    }
    console.warn(`[global-setup] face models unavailable in ${dir}, tests that need them will fail: ${detail}`);
    return teardown;
  }
  const ms = Math.round(performance.now() - started);
  console.log(`[global-setup] face models ${fetched ? 'fetched and verified' : 'verified'} in ${dir} (${ms} ms); no user config is read (XDG_CONFIG_HOME=${home})`);
  return teardown;
};
