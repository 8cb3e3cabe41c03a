/**
 * The workbench's services on a real SQLite store in a temp folder, with models
 * that cannot be had (an empty model folder, fetching off): the store still
 * opens, lists and deletes; only the engine fails, with MODEL_MISSING.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { syntheticRecord } from '../../test/support/store-fixtures.js';
import { storeProfileOf } from '../core/auth/profile.js';
import { parseConfig } from '../core/config/load-config.js';
import { engineIdentity } from '../core/face-engine.js';
import { openStore } from '../core/store/face-store.js';
import { createLogBuffer } from './log-buffer.js';
import { createAppServices } from './services.js';

describe('app services without models', () => {
  let tmp: string;
  beforeAll(() => {
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'services-test-'));
  });
  afterAll(() => {
    fs.rmSync(tmp, { recursive: true, force: true });
  });

  it('open the store and the auth service from the manifest identity while the engine fails', async () => {
    const config = parseConfig({ models: { dir: path.join(tmp, 'no-models'), autoFetch: false } });
    const file = path.join(tmp, 's.db');
    const profile = storeProfileOf(await engineIdentity(config));
    const seed = await openStore(`sqlite:${file}`, profile);
    await seed.put(syntheticRecord('Ada', 1, { profile }));
    await seed.put(syntheticRecord('Bob', 2, { profile }));
    await seed.close();

    const services = createAppServices({ config, configPath: null, logs: createLogBuffer({ verbose: false }), storeUri: `sqlite:${file}`, embeddingCacheDir: null });
    try {
      services.start();
      const store = await services.store();
      expect((await store.list()).map((s) => [s.name, s.status])).toEqual([
        ['Ada', 'ok'],
        ['Bob', 'ok'],
      ]);
      expect(await store.delete('Bob')).toBe(true);
      // The auth service lists and deletes too; only what embeds needs the models.
      const auth = await services.auth(0.35);
      expect((await auth.list()).map((s) => s.name)).toEqual(['Ada']);
      await expect(auth.authenticate(path.join(tmp, 'any.jpg'))).rejects.toMatchObject({ code: 'MODEL_MISSING' });
      expect(await auth.delete('Ada')).toBe(true);
      await expect(services.engine()).rejects.toMatchObject({ code: 'MODEL_MISSING' });
      expect(services.storeStatus.snapshot()).toMatchObject({ phase: 'open', kind: 'sqlite' });
    } finally {
      await services.close();
    }
  });
});
