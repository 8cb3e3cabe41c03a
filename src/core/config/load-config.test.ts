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

  it('lays the user or --config file over the shipped one: keys left out keep the shipped values', async () => {
    const shipped = await loadConfig(undefined, env);
    // The shipped facesDir is relative to the shipped file, whichever file is on top.
    expect(shipped.config.workbench.facesDir).toBe(path.resolve(path.dirname(defaultConfigPath()), '../shared/faces'));
    await fs.mkdir(path.dirname(userConfigPath(env)), { recursive: true });
    await fs.writeFile(userConfigPath(env), 'verification:\n  threshold: 0.4\nauth:\n  maxFailures: 2\n');
    const { config } = await loadConfig(undefined, env);
    expect(config.verification.threshold).toBe(0.4);
    expect(config.auth).toMatchObject({ maxFailures: 2, cooldownSeconds: shipped.config.auth.cooldownSeconds });
    expect(config.workbench.facesDir).toBe(shipped.config.workbench.facesDir);
    expect({ ...config, verification: shipped.config.verification, auth: shipped.config.auth }).toEqual(shipped.config);
    // A relative facesDir in an upper file is relative to that file; null switches it off.
    const explicit = path.join(dir, 'sub', 'mine.yaml');
    await fs.mkdir(path.dirname(explicit), { recursive: true });
    await fs.writeFile(explicit, 'workbench:\n  facesDir: photos\n');
    expect((await loadConfig(explicit, env)).config.workbench.facesDir).toBe(path.join(dir, 'sub', 'photos'));
    await fs.writeFile(explicit, 'workbench:\n  facesDir: null\n');
    expect((await loadConfig(explicit, env)).config.workbench.facesDir).toBeNull();
  });

  it('every relative path a config file sets is relative to that file, not to the current folder; ~ and absolute paths stay', async () => {
    const file = path.join(dir, 'sub', 'settings.yaml');
    await fs.mkdir(path.dirname(file), { recursive: true });
    const sub = path.dirname(file);
    const load = async (text: string) => {
      await fs.writeFile(file, text);
      return (await loadConfig(file, env)).config;
    };
    const relative = await load('models:\n  dir: models\nstore:\n  uri: sqlite:./people.db\nauth:\n  auditLog: logs/audit.jsonl\nworkbench:\n  facesDir: ../photos\n');
    expect(relative.models.dir).toBe(path.join(sub, 'models'));
    expect(relative.store.uri).toBe(`sqlite:${path.join(sub, 'people.db')}`);
    expect(relative.auth.auditLog).toBe(path.join(sub, 'logs', 'audit.jsonl'));
    expect(relative.workbench.facesDir).toBe(path.join(dir, 'photos'));
    expect((await load('store:\n  uri: file:data/s.json\n')).store.uri).toBe(`file:${path.join(sub, 'data', 's.json')}`);
    expect((await load('store:\n  uri: SQLite:s.db\n')).store.uri).toBe(`SQLite:${path.join(sub, 's.db')}`);
    // Left alone: ~, absolute paths, file:// URLs, memory:.
    const kept = await load('models:\n  dir: ~/models\nstore:\n  uri: sqlite:~/faces.db\nauth:\n  auditLog: /var/log/faces.jsonl\nworkbench:\n  facesDir: /data/faces\n');
    expect([kept.models.dir, kept.store.uri, kept.auth.auditLog, kept.workbench.facesDir]).toEqual(['~/models', 'sqlite:~/faces.db', '/var/log/faces.jsonl', '/data/faces']);
    expect((await load('store:\n  uri: file:///srv/faces.json\n')).store.uri).toBe('file:///srv/faces.json');
    expect((await load('store:\n  uri: "memory:"\n')).store.uri).toBe('memory:');
    // The user's own config file too.
    await fs.mkdir(path.dirname(userConfigPath(env)), { recursive: true });
    await fs.writeFile(userConfigPath(env), 'store:\n  uri: sqlite:people.db\n');
    expect((await loadConfig(undefined, env)).config.store.uri).toBe(`sqlite:${path.join(path.dirname(userConfigPath(env)), 'people.db')}`);
  });

  it('checks store.uri when the config is read, not when a store is first opened', async () => {
    const bad = path.join(dir, 'store.yaml');
    await fs.writeFile(bad, 'store:\n  uri: ftp://x\n');
    await expect(loadConfig(bad, env)).rejects.toThrow(/'store\.uri': Unknown store scheme "ftp:" .*Use memory:, file:<path\.json>, sqlite:<path\.db>/);
    await fs.writeFile(bad, 'store:\n  uri: "memory:extra"\n');
    await expect(loadConfig(bad, env)).rejects.toThrow(/'store\.uri': "memory:" takes no path/);
    await fs.writeFile(bad, 'store:\n  uri: "sqlite:./people.db"\n');
    // Valid, and relative to the file that sets it.
    expect((await loadConfig(bad, env)).config.store.uri).toBe(`sqlite:${path.join(dir, 'people.db')}`);
  });

  it('names the file and the key of a bad value', async () => {
    await fs.mkdir(path.dirname(userConfigPath(env)), { recursive: true });
    await fs.writeFile(userConfigPath(env), 'detection:\n  nmsIou: 7\n');
    await expect(loadConfig(undefined, env)).rejects.toThrow(`${userConfigPath(env)}: 'detection.nmsIou'`);
    await fs.writeFile(userConfigPath(env), 'detection: [1\n');
    await expect(loadConfig(undefined, env)).rejects.toThrow(`${userConfigPath(env)}: not valid YAML`);
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
