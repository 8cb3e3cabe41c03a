/**
 * A long-lived auth service (the workbench's) sees what another process does to the
 * store: here the other process is a second store connection and auth service on the
 * same SQLite file in a temp folder, with the real engine and real photos.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cachedEngine, type CachedEngine } from '../../../test/support/cached-engine.js';
import { cast } from '../../../test/support/cast.js';
import { requireSharedFaces } from '../../../test/support/faces.js';
import { parseConfig } from '../config/load-config.js';
import { startEngine } from '../face-engine.js';
import { openStore, type FaceStore } from '../store/face-store.js';
import { openMemoryAuditLog } from './audit-log.js';
import { createAuthService, type AuthService } from './auth-service.js';
import { storeProfileOf } from './profile.js';
import { authSettingsFrom } from './settings.js';

const { ada, adaProbe, bob, bobProbe } = cast;
const config = parseConfig({});

describe.runIf(requireSharedFaces())('auth service and changes made by another process (sqlite, temp folder)', () => {
  let engine: CachedEngine;
  let close: () => Promise<void>;
  let tmp: string;
  const stores: FaceStore[] = [];

  const serviceOn = async (file: string): Promise<AuthService> => {
    const store = await openStore(`sqlite:${file}`, storeProfileOf(engine));
    stores.push(store);
    return createAuthService({ engine, store, audit: openMemoryAuditLog(), settings: authSettingsFrom(config) });
  };

  beforeAll(async () => {
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'auth-fresh-test-'));
    const real = await startEngine({ config, workers: 2 });
    close = () => real.close();
    engine = cachedEngine(real);
  });
  afterAll(async () => {
    for (const store of stores) await store.close();
    await close();
    fs.rmSync(tmp, { recursive: true, force: true });
  });

  it('a person deleted elsewhere is no longer accepted; one registered elsewhere is', async () => {
    const file = path.join(tmp, 'shared.db');
    const workbench = await serviceOn(file);
    const other = await serviceOn(file);
    expect((await workbench.register('Ada', [ada])).status).toBe('registered');
    expect(await workbench.authenticate(adaProbe)).toMatchObject({ authenticated: true, name: 'Ada' });

    // The other process deletes Ada and registers Bob.
    expect(await other.delete('Ada')).toBe(true);
    expect((await other.register('Bob', [bob])).status).toBe('registered');

    expect(await workbench.authenticate(adaProbe)).toMatchObject({ authenticated: false, name: null });
    expect(await workbench.authenticate(adaProbe, { user: 'Ada' })).toMatchObject({ authenticated: false, reason: 'not-enrolled' });
    expect(await workbench.authenticate(bobProbe)).toMatchObject({ authenticated: true, name: 'Bob' });
    expect((await workbench.search(bobProbe, 5)).hits.map((h) => h.name)).toEqual(['Bob']);

    // Its own writes keep its gallery current without a reload (and without missing anything).
    expect((await workbench.register('Ada', [ada])).status).toBe('registered');
    expect(await workbench.authenticate(adaProbe)).toMatchObject({ authenticated: true, name: 'Ada' });
    expect(await other.authenticate(adaProbe)).toMatchObject({ authenticated: true, name: 'Ada' });

    // Its own delete after someone else's write does not hide that write: Bob is deleted elsewhere,
    // then the workbench deletes Ada; Bob must be gone for it too, and no one else be lost.
    expect(await other.delete('Bob')).toBe(true);
    expect(await workbench.delete('Ada')).toBe(true);
    expect(await workbench.authenticate(bobProbe)).toMatchObject({ authenticated: false, reason: 'no-one-enrolled' });
    expect((await other.register('Bob', [bob])).status).toBe('registered');
    expect(await workbench.delete('Nobody')).toBe(false);
    expect(await workbench.authenticate(bobProbe)).toMatchObject({ authenticated: true, name: 'Bob' });
  });

  it('the change stamp moves with every write to the file, and stays while nothing is written', async () => {
    const file = path.join(tmp, 'stamp.db');
    const service = await serviceOn(file);
    const store = service.store;
    const first = await store.changeStamp();
    expect(await store.changeStamp()).toBe(first);
    expect((await service.register('Ada', [ada])).status).toBe('registered');
    const second = await store.changeStamp();
    expect(second).not.toBe(first);
    await store.list();
    expect(await store.changeStamp()).toBe(second);
    expect(await store.delete('Ada')).toBe(true);
    expect(await store.changeStamp()).not.toBe(second);
  });
});
