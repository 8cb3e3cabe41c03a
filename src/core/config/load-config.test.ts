import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { UserError } from '../errors.js';
import { defaultConfigPath, loadConfig, userConfigPath, writableConfigPath } from './load-config.js';

describe('loadConfig', () => {
  let dir: string;
  let env: NodeJS.ProcessEnv;
  beforeEach(async () => {
    dir = await fs.mkdtemp(path.join(os.tmpdir(), 'face-config-'));
    env = { ...process.env, XDG_CONFIG_HOME: path.join(dir, 'xdg') };
  });
  afterEach(async () => {
    await fs.rm(dir, { recursive: true, force: true });
  });

  it('reads the shipped config.yaml when the user has none, and its values are the schema defaults', async () => {
    const { config, path: used } = await loadConfig(undefined, env);
    expect(used).toBe(defaultConfigPath());
    expect(config.verification.threshold).toBe(0.35);
    expect(config.detection.scoreThreshold).toBe(0.9);
  });

  it("prefers the user's config file, and --config over both", async () => {
    await fs.mkdir(path.dirname(userConfigPath(env)), { recursive: true });
    await fs.writeFile(userConfigPath(env), 'verification:\n  threshold: 0.4\n');
    const user = await loadConfig(undefined, env);
    expect(user.path).toBe(userConfigPath(env));
    expect(user.config.verification.threshold).toBe(0.4);
    const explicit = path.join(dir, 'mine.yaml');
    await fs.writeFile(explicit, 'verification:\n  threshold: 0.5\n');
    expect((await loadConfig(explicit, env)).config.verification.threshold).toBe(0.5);
  });

  it('names the key of a bad value and refuses a missing --config file', async () => {
    const bad = path.join(dir, 'bad.yaml');
    await fs.writeFile(bad, 'image:\n  maxPixels: -3\n');
    await expect(loadConfig(bad, env)).rejects.toThrow(/'image\.maxPixels'/);
    const missing = await loadConfig(path.join(dir, 'nope.yaml'), env).catch((e: unknown) => e);
    expect(missing).toBeInstanceOf(UserError);
    expect((missing as UserError).code).toBe('CONFIG_INVALID');
  });

  it('saves changed settings to --config or the user file, never the shipped one', () => {
    expect(writableConfigPath(undefined, env)).toBe(userConfigPath(env));
    expect(writableConfigPath('rel.yaml', env)).toBe(path.resolve('rel.yaml'));
    expect(writableConfigPath(undefined, env)).not.toBe(defaultConfigPath());
  });
});
