/**
 * The test run reads no user config: test/global-setup.ts points XDG_CONFIG_HOME at a
 * folder made for the run before any test file starts, so a threshold the developer
 * saved in ~/.config/face-auth-tui/config.yaml cannot change what the tests see.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { defaultConfigPath, loadConfig, userConfigPath } from '../src/core/config/load-config.js';
import { testConfigHomePrefix } from './global-setup.js';

describe('the test run and the user config', () => {
  it('XDG_CONFIG_HOME is a temporary folder of this run, holding at most where the model cache is', async () => {
    const home = process.env['XDG_CONFIG_HOME'] ?? '';
    expect(path.dirname(home)).toBe(path.resolve(os.tmpdir()));
    expect(path.basename(home)).toMatch(new RegExp(`^${testConfigHomePrefix}`));
    expect(fs.existsSync(home)).toBe(true);
    // What the tests load is the shipped config, except (if the developer moved it) the model cache.
    const shipped = (await loadConfig(undefined, { XDG_CONFIG_HOME: path.join(home, 'none') })).config;
    const { config, path: used } = await loadConfig();
    expect({ ...config, models: shipped.models }).toEqual(shipped);
    expect(used === defaultConfigPath() || used === userConfigPath()).toBe(true);
  });
});
