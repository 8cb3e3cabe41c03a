/** The workbench's store on real files in a temp folder: absent at first, created by another writer. */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { makeTempDir, syntheticRecord, TEST_PROFILE } from '../../../test/support/store-fixtures.js';
import { openStoreCreatingOnWrite } from './create-on-write-store.js';
import { openStore } from './face-store.js';

const tmp = makeTempDir('create-on-write-');
afterAll(() => tmp.remove());

describe.each(['sqlite', 'file'] as const)('a %s: store opened to create on write', (kind) => {
  it('reads what another process created after it was opened, and creates nothing itself until written', async () => {
    const file = path.join(tmp.dir, kind, kind === 'sqlite' ? 's.db' : 's.json');
    const workbench = await openStoreCreatingOnWrite(`${kind}:${file}`, TEST_PROFILE);
    try {
      expect(workbench.absent).toBe(true);
      expect(await workbench.list()).toEqual([]);
      const before = await workbench.changeStamp();
      expect(fs.existsSync(file)).toBe(false);

      // Another process (the CLI) creates the store and registers Ada.
      const cli = await openStore(`${kind}:${file}`, TEST_PROFILE, { create: true });
      await cli.put(syntheticRecord('Ada', 1));
      await cli.close();

      expect(await workbench.changeStamp()).not.toBe(before);
      expect((await workbench.list()).map((s) => s.status === 'ok' && s.name)).toEqual(['Ada']);
      expect(workbench.absent).toBe(false);
      expect((await workbench.load()).records.map((r) => r.name)).toEqual(['Ada']);
      const names: string[] = [];
      for await (const record of workbench.iterate()) names.push(record.name);
      expect(names).toEqual(['Ada']);
      // And it writes to that store, not a second one.
      await workbench.put(syntheticRecord('Bob', 2));
      const check = await openStore(`${kind}:${file}`, TEST_PROFILE, { create: false });
      expect((await check.list()).map((s) => s.status === 'ok' && s.name)).toEqual(['Ada', 'Bob']);
      await check.close();
    } finally {
      await workbench.close();
    }
  });
});

describe.each(['sqlite', 'file'] as const)('a %s: store created on write, under concurrent use', (kind) => {
  it('reads and a first write at once, after another process created the store, leave one open store that keeps working', async () => {
    for (let round = 0; round < 5; round++) {
      const file = path.join(tmp.dir, `race-${kind}-${round}`, kind === 'sqlite' ? 's.db' : 's.json');
      const workbench = await openStoreCreatingOnWrite(`${kind}:${file}`, TEST_PROFILE);
      try {
        const cli = await openStore(`${kind}:${file}`, TEST_PROFILE, { create: true });
        await cli.put(syntheticRecord('Ada', 1));
        await cli.close();
        await Promise.all([workbench.list(), workbench.exclusive(() => workbench.put(syntheticRecord('Bob', 2))), workbench.load(), workbench.changeStamp()]);
        expect((await workbench.list()).map((e) => e.status === 'ok' && e.name)).toEqual(['Ada', 'Bob']);
        expect((await workbench.load()).records).toHaveLength(2);
      } finally {
        await workbench.close();
      }
    }
  });

  it('a creation that fails (a file where the folder should be) changes nothing: reads go on, and the next write succeeds once the way is clear', async () => {
    const folder = path.join(tmp.dir, `blocked-${kind}`);
    fs.writeFileSync(folder, 'in the way');
    const file = path.join(folder, kind === 'sqlite' ? 's.db' : 's.json');
    const workbench = await openStoreCreatingOnWrite(`${kind}:${file}`, TEST_PROFILE);
    try {
      await expect(workbench.put(syntheticRecord('Ada', 1))).rejects.toMatchObject({ code: 'STORE_ERROR' });
      expect(await workbench.list()).toEqual([]);
      expect(workbench.absent).toBe(true);
      fs.rmSync(folder);
      await workbench.put(syntheticRecord('Ada', 1));
      expect((await workbench.list()).map((e) => e.status === 'ok' && e.name)).toEqual(['Ada']);
    } finally {
      await workbench.close();
    }
  });
});

describe('the sqlite change stamp', () => {
  it('changes with every commit, even rewrites of a record in quick succession (within one tick of the file clock)', async () => {
    const file = path.join(tmp.dir, 'stamp', 's.db');
    const store = await openStore(`sqlite:${file}`, TEST_PROFILE, { create: true });
    try {
      await store.put(syntheticRecord('Ada', 1));
      const seen = new Set([await store.changeStamp()]);
      for (let i = 2; i <= 6; i++) {
        await store.put(syntheticRecord('Ada', i)); // new vectors, same record size
        seen.add(await store.changeStamp());
      }
      expect(seen.size).toBe(6);
    } finally {
      await store.close();
    }
  });
});
