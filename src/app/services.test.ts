/**
 * The workbench's services on a real SQLite store in a temp folder, with models
 * that cannot be had (an empty model folder, fetching off): the store still
 * opens, lists and deletes; only the engine fails, with MODEL_MISSING.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cast } from '../../test/support/cast.js';
import { requireSharedFaces } from '../../test/support/faces.js';
import { syntheticRecord } from '../../test/support/store-fixtures.js';
import { storeProfileOf } from '../core/auth/profile.js';
import { parseConfig } from '../core/config/load-config.js';
import { engineIdentity, type FaceEngine } from '../core/face-engine.js';
import { openStore } from '../core/store/face-store.js';
import { ensureModels } from '../core/model/ensure-models.js';
import { loadManifest } from '../core/model/manifest.js';
import { resolveModelDir } from '../core/model/model-cache.js';
import { createLogBuffer } from './log-buffer.js';
import { createAppServices } from './services.js';
import { startTestEngine } from './testing/render-app.js';

describe('app services without models', () => {
  let tmp: string;
  beforeAll(() => {
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'services-test-'));
  });
  afterAll(() => {
    fs.rmSync(tmp, { recursive: true, force: true });
  });

  it('open the store and the auth service from the manifest identity while the engine fails; the engine starts once the models are there', async () => {
    const noModels = path.join(tmp, 'no-models');
    const config = parseConfig({ models: { dir: noModels, autoFetch: false } });
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
      expect(services.boot.snapshot()).toMatchObject({ phase: 'failed' });

      // The models arrive (fetched by hand, a network back): the next task that needs them starts the engine.
      const manifest = await loadManifest();
      const real = await ensureModels({ manifest, dir: resolveModelDir(parseConfig({})), autoFetch: true });
      fs.mkdirSync(noModels, { recursive: true });
      for (const file of Object.values(real)) fs.copyFileSync(file, path.join(noModels, path.basename(file)));
      const engine = await services.engine();
      expect(engine.modelId).toBe(manifest.models.find((m) => m.role === 'embedder')?.id);
      expect(services.boot.snapshot()).toMatchObject({ phase: 'ready', error: null });
    } finally {
      await services.close();
    }
  });
});

describe.runIf(requireSharedFaces())('app services on a store that does not exist yet (real worker, temp folder)', () => {
  let engine: FaceEngine;
  let tmp: string;
  beforeAll(async () => {
    engine = await startTestEngine();
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'services-absent-'));
  });
  afterAll(async () => {
    await engine?.close();
    fs.rmSync(tmp, { recursive: true, force: true });
  });

  it('create nothing on disk until someone registers; then the store and its audit log appear', async () => {
    const file = path.join(tmp, 'data', 'store.db');
    const services = createAppServices({ config: parseConfig({}), configPath: null, logs: createLogBuffer({ verbose: false }), engine, storeUri: `sqlite:${file}`, embeddingCacheDir: null });
    try {
      services.start();
      const store = await services.store();
      expect(await store.list()).toEqual([]);
      const auth = await services.auth(0.35);
      expect(await auth.authenticate(cast.adaProbe)).toMatchObject({ authenticated: false, reason: 'no-one-enrolled' });
      expect(fs.existsSync(path.join(tmp, 'data'))).toBe(false);
      expect((await auth.register('Ada', [cast.ada])).status).toBe('registered');
      expect(fs.existsSync(file)).toBe(true);
      expect((await auth.authenticate(cast.adaProbe)).authenticated).toBe(true);
      expect(fs.readFileSync(`${file}.audit.jsonl`, 'utf8').trim().split('\n').map((l) => (JSON.parse(l) as { event: string }).event)).toEqual(['register', 'authenticate']);
      expect((await store.list()).map((s) => s.name)).toEqual(['Ada']);
    } finally {
      await services.close();
    }
  });
});
