/**
 * The storage screen on a real SQLite store in a temp folder holding a damaged
 * record: one stored under "bob" whose name was changed to "Zed" inside the
 * database. Deleting it goes by its storage key (its name is not its key).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { syntheticRecord } from '../../../test/support/store-fixtures.js';
import { sqliteRaw } from '../../../test/support/store-raw.js';
import { keys, renderApp, startTestEngine, type RenderedApp } from '../../app/testing/render-app.js';
import { storeProfileOf } from '../../core/auth/profile.js';
import type { FaceEngine } from '../../core/face-engine.js';
import { openStore } from '../../core/store/face-store.js';

describe('storage screen: a damaged record (real worker, temp SQLite store)', () => {
  let engine: FaceEngine;
  let app: RenderedApp | undefined;
  let tmp: string;
  let file: string;

  beforeAll(async () => {
    engine = await startTestEngine();
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'storage-damaged-test-'));
    file = path.join(tmp, 's.db');
    const profile = storeProfileOf(engine);
    const store = await openStore(`sqlite:${file}`, profile);
    await store.put(syntheticRecord('Ada', 1, { profile }));
    await store.put(syntheticRecord('bob', 2, { profile }));
    await store.close();
    const raw = sqliteRaw(file);
    await raw.write('bob', JSON.stringify({ ...(JSON.parse((await raw.read('bob'))!) as object), name: 'Zed' }));
    app = await renderApp({ engine, storeUri: `sqlite:${file}` });
  });
  afterAll(async () => {
    await app?.unmount();
    await engine?.close();
    fs.rmSync(tmp, { recursive: true, force: true });
  });

  it('deletes the damaged entry by its key', async () => {
    const ui = app!;
    await ui.press('4');
    await ui.waitFor((f) => f.includes('Zed') && f.includes('2 shown'));
    await ui.press(keys.down, 'd');
    await ui.waitFor((f) => f.includes('Delete Zed'));
    await ui.press('y');
    const frame = await ui.waitFor((f) => f.includes('deleted Zed') && f.includes('1 shown'));
    expect(frame).not.toContain('already gone');
    const store = await openStore(`sqlite:${file}`, storeProfileOf(engine));
    try {
      expect((await store.list()).map((s) => [s.key, s.status])).toEqual([['ada', 'ok']]);
    } finally {
      await store.close();
    }
  });
});
