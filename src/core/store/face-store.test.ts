import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  corruptDocument,
  makeTempDir,
  sameRecord,
  syntheticRecord,
  TEST_PROFILE,
  type Corruption,
} from '../../../test/support/store-fixtures.js';
import { fileRaw, keyvRaw, sqliteRaw, type RawAccess } from '../../../test/support/store-raw.js';
import { catchUserError } from '../../../test/support/user-errors.js';
import { openStore, type FaceStore } from './face-store.js';
import { KeyvFaceStore } from './keyv-face-store.js';
import { openMemoryBackend } from './memory-backend.js';
import type { PersonRecord, StoreProfile } from './record.js';

const OTHER_PROFILE: StoreProfile = { modelId: 'other-model@2', preprocessing: 'test-prep@1', dim: 512 };

interface Harness {
  readonly path: string | null;
  readonly raw: RawAccess;
  /** A new store over the same data (a new process would do the same). */
  open(profile?: StoreProfile): Promise<FaceStore>;
}

const backends: { kind: 'memory' | 'file' | 'sqlite'; make: (dir: string) => Harness }[] = [
  {
    kind: 'memory',
    make: () => {
      const backend = openMemoryBackend();
      return { path: null, raw: keyvRaw(backend), open: (profile = TEST_PROFILE) => Promise.resolve(new KeyvFaceStore(backend, profile)) };
    },
  },
  {
    kind: 'file',
    make: (dir) => {
      const file = path.join(dir, 'not', 'yet', 'faces.json');
      return { path: file, raw: fileRaw(file), open: (profile = TEST_PROFILE) => openStore(`file:${file}`, profile) };
    },
  },
  {
    kind: 'sqlite',
    make: (dir) => {
      const file = path.join(dir, 'not', 'yet', 'faces.db');
      return { path: file, raw: sqliteRaw(file), open: (profile = TEST_PROFILE) => openStore(`sqlite:${file}`, profile) };
    },
  },
];

const collect = async <T>(items: AsyncIterable<T>): Promise<T[]> => {
  const out: T[] = [];
  for await (const item of items) out.push(item);
  return out;
};

describe.each(backends)('$kind store', ({ kind, make }) => {
  let temp: ReturnType<typeof makeTempDir>;
  let harness: Harness;
  let store: FaceStore;
  const opened: FaceStore[] = [];
  const open = async (profile?: StoreProfile): Promise<FaceStore> => {
    const s = await harness.open(profile);
    opened.push(s);
    return s;
  };

  beforeEach(async () => {
    temp = makeTempDir();
    harness = make(temp.dir);
    store = await open();
  });

  afterEach(async () => {
    for (const s of opened.splice(0)) await s.close();
    temp.remove();
  });

  it('round-trips records bit for bit', async () => {
    // -0, a subnormal and long mantissas first; the rest makes it a unit vector.
    const special = new Float32Array(512).map((_, i) => [-0, 2 ** -149, 1 / 3, -1e-40, 0.5][i] ?? Math.sqrt((1 - 1 / 9 - 1 / 4) / 507));
    const ada = syntheticRecord('Ada Lovelace', 11, { templates: 3 });
    const adaSpecial: PersonRecord = { ...ada, templates: [{ ...ada.templates[0]!, embedding: special }, ...ada.templates.slice(1)] };
    const records = [adaSpecial, syntheticRecord('Alan Turing', 12, { templates: 1 }), syntheticRecord('Grace Hopper', 13, { templates: 5 })];
    for (const r of records) await store.put(r);
    await store.close();

    const again = await open();
    for (const r of records) {
      const back = await again.get(r.name);
      expect(back).toBeDefined();
      expect(sameRecord(back!, r)).toBe(true);
    }
    const back = (await again.get('ada lovelace'))!.templates[0]!.embedding;
    expect(Object.is(back[0], -0)).toBe(true);
    expect(back[1]).toBe(2 ** -149);
    expect(back[2]).toBe(Math.fround(1 / 3));

    const { records: loaded, corrupt } = await again.load();
    expect(corrupt).toEqual([]);
    expect(loaded.map((r) => r.name)).toEqual(['Ada Lovelace', 'Alan Turing', 'Grace Hopper']);
    expect(loaded.every((r, i) => sameRecord(r, records[i]!))).toBe(true);
    expect((await collect(again.iterate())).length).toBe(3);
    expect((await again.list()).map((s) => [s.status, s.name, s.status === 'corrupt' ? undefined : s.templates])).toEqual([
      ['ok', 'Ada Lovelace', 3],
      ['ok', 'Alan Turing', 1],
      ['ok', 'Grace Hopper', 5],
    ]);
    const stats = await again.stats();
    expect(stats).toMatchObject({ people: 3, templates: 9, corrupt: 0, mismatched: 0 });
    if (kind === 'memory') expect(stats.bytes).toBeNull();
    else expect(stats.bytes).toBeGreaterThan(9 * 512 * 4);
  });

  it('keeps names unique regardless of case, preserving the case given', async () => {
    await store.put(syntheticRecord('Ada', 21));
    expect((await store.get('ADA'))?.name).toBe('Ada');
    await store.put(syntheticRecord('ADA', 22));
    expect((await store.list()).map((s) => s.name)).toEqual(['ADA']);
    expect(await store.delete('ada')).toBe(true);
    expect(await store.delete('ada')).toBe(false);
    expect(await store.get('Ada')).toBeUndefined();
    for (const bad of ['', '  ', 'new\nline', 'bell\u0007']) {
      expect((await catchUserError(() => store.put(syntheticRecord(bad, 23)))).code).toBe('INVALID_ARGUMENT');
      expect((await catchUserError(() => store.get(bad))).code).toBe('INVALID_ARGUMENT');
    }
  });

  it('reports damaged records by key and reason, leaves them untouched and keeps serving the rest', async () => {
    const kinds: Corruption[] = ['checksum', 'dim', 'nan', 'json'];
    const names = ['Bad Checksum', 'Bad Dim', 'Bad NaN', 'Bad JSON'];
    for (const [i, name] of names.entries()) await store.put(syntheticRecord(name, 30 + i));
    await store.put(syntheticRecord('Good', 39));
    for (const [i, name] of names.entries()) {
      const key = name.toLowerCase();
      await harness.raw.write(key, corruptDocument((await harness.raw.read(key))!, kinds[i]!));
    }
    const before = await harness.raw.snapshot();

    const fresh = await open();
    const { records, corrupt } = await fresh.load();
    expect(records.map((r) => r.name)).toEqual(['Good']);
    expect(corrupt.map((c) => c.key).sort()).toEqual(['bad checksum', 'bad dim', 'bad json', 'bad nan']);
    const reason = (key: string): string => corrupt.find((c) => c.key === key)!.reason;
    expect(reason('bad checksum')).toMatch(/checksum mismatch/);
    expect(reason('bad dim')).toMatch(/dimension 512, but the record says 256/);
    expect(reason('bad nan')).toMatch(/NaN/);
    expect(reason('bad json')).toMatch(/not valid JSON/);
    expect(corrupt.find((c) => c.key === 'bad nan')!.name).toBe('Bad NaN');

    expect(await fresh.stats()).toMatchObject({ people: 1, templates: 2, corrupt: 4 });
    const list = await fresh.list();
    expect(list.filter((s) => s.status === 'corrupt')).toHaveLength(4);
    expect(list.find((s) => s.key === 'good')?.status).toBe('ok');
    const skipped: string[] = [];
    expect((await collect(fresh.iterate({ onCorrupt: (c) => skipped.push(c.key) }))).map((r) => r.name)).toEqual(['Good']);
    expect(skipped).toHaveLength(4);

    const getError = await catchUserError(() => fresh.get('Bad Checksum'));
    expect(getError.code).toBe('STORE_ERROR');
    expect(getError.message).toMatch(/damaged: template 0: embedding checksum mismatch/);
    expect(getError.hint).toMatch(/face-auth-tui delete "Bad Checksum"/);
    // Overwriting would destroy the evidence: refused.
    expect((await catchUserError(() => fresh.put(syntheticRecord('bad nan', 50)))).code).toBe('STORE_ERROR');

    expect(await harness.raw.snapshot()).toBe(before);
    await fresh.close();
    // Still reported by a new store: never silently dropped.
    const later = await open();
    expect((await later.stats()).corrupt).toBe(4);
    // Deleting by name is the way out.
    expect(await later.delete('Bad JSON')).toBe(true);
    expect((await later.stats()).corrupt).toBe(3);
  });

  it('a record renamed inside ("bob" named "Zed") is reported by its key, and deleteKey removes it', async () => {
    await store.put(syntheticRecord('Bob', 70));
    await store.put(syntheticRecord('Good', 71));
    const doc = JSON.parse((await harness.raw.read('bob'))!) as { name: string };
    await harness.raw.write('bob', JSON.stringify({ ...doc, name: 'Zed' }));

    const fresh = await open();
    expect((await fresh.list()).filter((s) => s.status === 'corrupt')).toEqual([
      { status: 'corrupt', key: 'bob', name: 'Zed', reason: 'stored under key "bob" but named "Zed"' },
    ]);
    // The hint names what delete takes: the key, not the name inside.
    expect((await catchUserError(() => fresh.get('bob'))).hint).toMatch(/face-auth-tui delete "bob",/);
    expect(await fresh.delete('Zed')).toBe(false);
    expect(await fresh.deleteKey('zed')).toBe(false);
    expect(await fresh.deleteKey('bob')).toBe(true);
    expect(await fresh.deleteKey('bob')).toBe(false);
    expect((await fresh.list()).map((s) => [s.key, s.status])).toEqual([['good', 'ok']]);
    expect((await catchUserError(() => fresh.deleteKey(''))).code).toBe('INVALID_ARGUMENT');
    if (kind !== 'sqlite') {
      // A key that is no valid name (written by hand): only deleteKey reaches it.
      await harness.raw.write('Odd Key ', JSON.stringify(doc));
      const odd = await open();
      expect((await odd.list()).find((s) => s.key === 'Odd Key ')?.status).toBe('corrupt');
      expect((await catchUserError(() => odd.delete('Odd Key '))).code).toBe('INVALID_ARGUMENT');
      expect(await odd.deleteKey('Odd Key ')).toBe(true);
      expect((await odd.list()).map((s) => s.key)).toEqual(['good']);
    }
  });

  it('leaves out records of another model or preprocessing (reported, left in place) and serves the rest; get() refuses them', async () => {
    await store.put(syntheticRecord('Current', 60));
    const other = await open(OTHER_PROFILE);
    await other.put(syntheticRecord('Legacy', 61, { profile: OTHER_PROFILE }));

    const { records, corrupt, mismatched } = await store.load();
    expect(records.map((r) => r.name)).toEqual(['Current']);
    expect(corrupt).toEqual([]);
    expect(mismatched).toEqual([{ key: 'legacy', name: 'Legacy', reason: 'enrolled with model other-model@2 (current: test-model@1)' }]);
    const skipped: string[] = [];
    expect((await collect(store.iterate({ onMismatch: (m) => skipped.push(m.name) }))).map((r) => r.name)).toEqual(['Current']);
    expect(skipped).toEqual(['Legacy']);

    const getError = await catchUserError(() => store.get('legacy'));
    expect(getError.code).toBe('STORE_MISMATCH');
    expect(getError.message).toMatch(/Legacy: enrolled with model other-model@2 \(current: test-model@1\)/);
    expect(getError.message).toMatch(/fingerprint covers the face models .*, the pipeline version and the image\.background setting/);
    expect(getError.hint).toMatch(/face-auth-tui delete "Legacy" then face-auth-tui register "Legacy"/);
    expect((await store.get('current'))?.name).toBe('Current');
    expect((await catchUserError(() => store.put(syntheticRecord('Mixed', 62, { profile: OTHER_PROFILE })))).code).toBe('STORE_MISMATCH');
    const preprocessingChanged = { ...TEST_PROFILE, preprocessing: 'test-prep@2' };
    expect((await catchUserError(() => store.put(syntheticRecord('Prep', 63, { profile: preprocessingChanged })))).code).toBe('STORE_MISMATCH');

    expect((await store.list()).map((s) => [s.name, s.status])).toEqual([
      ['Current', 'ok'],
      ['Legacy', 'mismatch'],
    ]);
    expect(await store.stats()).toMatchObject({ people: 1, mismatched: 1 });

    // Re-enrolment: delete, then register again with the current model.
    expect(await store.delete('Legacy')).toBe(true);
    await store.put(syntheticRecord('Legacy', 64));
    expect((await store.load()).records.map((r) => r.name)).toEqual(['Current', 'Legacy']);
  });

  it('a full read is one snapshot: entries deleted while a reader iterates do not make it skip others', async () => {
    const names = Array.from({ length: 60 }, (_, i) => `P${String(i).padStart(2, '0')}`);
    for (const [i, name] of names.entries()) await store.put(syntheticRecord(name, 100 + i, { templates: 1 }));
    const writer = await open();
    const seen: string[] = [];
    for await (const record of store.iterate()) {
      // After the first record, another store deletes the first 20 (a second connection, like another process).
      if (seen.length === 0) for (const name of names.slice(0, 20)) await writer.delete(name);
      seen.push(record.name);
    }
    expect(seen.sort()).toEqual(names);
    expect((await store.load()).records.map((r) => r.name)).toEqual(names.slice(20));
  });

  if (kind !== 'memory') {
    it('creates the file with mode 0600 and its missing parent folders', async () => {
      await store.put(syntheticRecord('Ada', 70));
      const file = harness.path!;
      expect(fs.statSync(file).mode & 0o777).toBe(0o600);
      expect(fs.statSync(path.dirname(file)).isDirectory()).toBe(true);
      // Rewrites keep the mode.
      await store.put(syntheticRecord('Alan', 71));
      expect(fs.statSync(file).mode & 0o777).toBe(0o600);
    });
  }
});
