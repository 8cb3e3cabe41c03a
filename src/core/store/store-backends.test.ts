import fs from 'node:fs';
import path from 'node:path';
import { KeyvSqlite } from '@keyv/sqlite';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { makeTempDir, syntheticRecord, TEST_PROFILE } from '../../../test/support/store-fixtures.js';
import { withSqlite } from '../../../test/support/store-raw.js';
import { catchUserError } from '../../../test/support/user-errors.js';
import { openStore } from './face-store.js';
import { KeyvFaceStore } from './keyv-face-store.js';
import { openSqliteBackend, SQLITE_TABLE } from './sqlite-backend.js';
import { exclusiveLockPath } from './store-lock.js';

describe('file store specifics', () => {
  let temp: ReturnType<typeof makeTempDir>;
  beforeEach(() => {
    temp = makeTempDir();
  });
  afterEach(() => temp.remove());

  it('refuses to touch a file that is not valid JSON at all', async () => {
    const file = path.join(temp.dir, 'faces.json');
    fs.writeFileSync(file, '{"format":"keyv-json-file","version":1,"entries":{"person:a');
    const store = await openStore(`file:${file}`, TEST_PROFILE);
    const error = await catchUserError(() => store.load());
    expect(error.code).toBe('STORE_ERROR');
    expect(error.message).toMatch(/is damaged: not valid JSON/);
    expect(error.hint).toMatch(/move it aside/);
    expect((await catchUserError(() => store.put(syntheticRecord('Ada', 80)))).code).toBe('STORE_ERROR');
    expect(fs.readFileSync(file, 'utf8')).toBe('{"format":"keyv-json-file","version":1,"entries":{"person:a');
    await store.close();
  });

  it('stores readable JSON: one object per person, embeddings tagged f32le-base64', async () => {
    const file = path.join(temp.dir, 'faces.json');
    const store = await openStore(`file:${file}`, TEST_PROFILE);
    await store.put(syntheticRecord('Ada', 81));
    const doc = JSON.parse(fs.readFileSync(file, 'utf8')) as { format: string; entries: Record<string, { name: string; templates: { embedding: { format: string } }[] }> };
    expect(doc.format).toBe('keyv-json-file');
    expect(doc.entries['person:ada']!.name).toBe('Ada');
    expect(doc.entries['person:ada']!.templates[0]!.embedding.format).toBe('f32le-base64');
    expect(fs.readdirSync(temp.dir).sort()).toEqual(['faces.json']); // no temp or lock files left
    await store.close();
  });
});

describe('sqlite store specifics', () => {
  it('turns a database that stays locked past the busy timeout into a STORE_ERROR', async () => {
    const temp = makeTempDir();
    try {
      const file = path.join(temp.dir, 'faces.db');
      const store = new KeyvFaceStore(await openSqliteBackend(file, { busyTimeoutMs: 100 }), TEST_PROFILE);
      const holder = new KeyvSqlite({ uri: `sqlite://${file}`, table: SQLITE_TABLE });
      await holder.query('BEGIN IMMEDIATE');
      const error = await catchUserError(() => store.put(syntheticRecord('Ada', 90)));
      expect(error.code).toBe('STORE_ERROR');
      expect(error.message).toMatch(/SQLITE_BUSY/);
      await holder.query('COMMIT');
      await holder.disconnect();
      await store.put(syntheticRecord('Ada', 90));
      expect((await store.stats()).people).toBe(1);
      await store.close();
    } finally {
      temp.remove();
    }
  });

  it('refuses a file that is not a database, leaving it alone', async () => {
    const temp = makeTempDir();
    try {
      const file = path.join(temp.dir, 'faces.db');
      fs.writeFileSync(file, 'this is not a database, but it is long enough to have a header of sorts.'.repeat(20));
      const error = await catchUserError(() => openStore(`sqlite:${file}`, TEST_PROFILE));
      expect(error.code).toBe('STORE_ERROR');
      expect(error.message).toMatch(/not a database/);
      expect(fs.readFileSync(file, 'utf8').startsWith('this is not a database')).toBe(true);
    } finally {
      temp.remove();
    }
  });
});

describe('a SQLite row whose value is no document (NULL, a BLOB, a number)', () => {
  it('is reported as a damaged record by its key, counted, skipped, never overwritten, and deletable', async () => {
    const temp = makeTempDir();
    try {
      const file = path.join(temp.dir, 'faces.db');
      const store = await openStore(`sqlite:${file}`, TEST_PROFILE);
      for (const [i, name] of ['Ada', 'Bob', 'Cy', 'Dee'].entries()) await store.put(syntheticRecord(name, 300 + i));
      await withSqlite(file, async (db) => {
        await db.query(`UPDATE ${SQLITE_TABLE} SET value = NULL WHERE key = 'person:bob'`);
        await db.query(`UPDATE ${SQLITE_TABLE} SET value = zeroblob(12) WHERE key = 'person:cy'`);
        await db.query(`UPDATE ${SQLITE_TABLE} SET value = 42 WHERE key = 'person:dee'`);
      });
      const fresh = await openStore(`sqlite:${file}`, TEST_PROFILE);
      expect((await fresh.list()).map((s) => [s.key, s.status, s.status === 'corrupt' ? s.reason : ''])).toEqual([
        ['ada', 'ok', ''],
        ['bob', 'corrupt', 'the stored value is NULL, not a record document (JSON text)'],
        ['cy', 'corrupt', 'the stored value is a BLOB of 12 bytes, not a record document (JSON text)'],
        // The column's TEXT affinity stores 42 as the text "42": a JSON number, not a document.
        ['dee', 'corrupt', 'Invalid input: expected object, received number'],
      ]);
      expect(await fresh.stats()).toMatchObject({ people: 1, corrupt: 3 });
      const { records, corrupt } = await fresh.load();
      expect(records.map((r) => r.name)).toEqual(['Ada']);
      expect(corrupt.map((c) => c.key)).toEqual(['bob', 'cy', 'dee']);
      const getError = await catchUserError(() => fresh.get('Bob'));
      expect(getError.code).toBe('STORE_ERROR');
      expect(getError.message).toBe('The stored record for "bob" is damaged: the stored value is NULL, not a record document (JSON text).');
      expect(getError.hint).toContain('face-auth-tui delete "bob"');
      // Registering over it would destroy the evidence.
      expect((await catchUserError(() => fresh.put(syntheticRecord('Cy', 310)))).code).toBe('STORE_ERROR');
      expect(await fresh.deleteKey('bob')).toBe(true);
      expect(await fresh.delete('Cy')).toBe(true);
      expect((await fresh.list()).map((s) => s.key)).toEqual(['ada', 'dee']);
      await fresh.close();
      await store.close();
    } finally {
      temp.remove();
    }
  });
});

describe('opening without creating (commands that only read)', () => {
  it.each(['sqlite', 'file'] as const)('%s: a missing store reads as empty and nothing is created on disk', async (kind) => {
    const temp = makeTempDir();
    try {
      const file = path.join(temp.dir, 'not', 'there', kind === 'sqlite' ? 'faces.db' : 'faces.json');
      const store = await openStore(`${kind}:${file}`, TEST_PROFILE, { create: false });
      expect(store.absent).toBe(true);
      expect(store.uri).toBe(`${kind}:${file}`);
      expect(await store.list()).toEqual([]);
      expect(await store.load()).toEqual({ records: [], corrupt: [], mismatched: [] });
      expect(await store.stats()).toMatchObject({ people: 0, bytes: null });
      expect(await store.get('Ada')).toBeUndefined();
      expect(await store.delete('Ada')).toBe(false);
      await store.close();
      expect(fs.readdirSync(temp.dir)).toEqual([]);
      // An existing store opens as usual.
      const created = await openStore(`${kind}:${file}`, TEST_PROFILE);
      await created.put(syntheticRecord('Ada', 320));
      await created.close();
      const again = await openStore(`${kind}:${file}`, TEST_PROFILE, { create: false });
      expect(again.absent).toBe(false);
      expect((await again.list()).map((s) => s.name)).toEqual(['Ada']);
      await again.close();
    } finally {
      temp.remove();
    }
  });
});

describe('the exclusive lock', () => {
  it('runs critical sections one at a time in a process, and leaves no lock behind', async () => {
    const temp = makeTempDir();
    try {
      const file = path.join(temp.dir, 'faces.db');
      const store = await openStore(`sqlite:${file}`, TEST_PROFILE);
      const events: string[] = [];
      const section = (name: string) => () =>
        store.exclusive(async () => {
          events.push(`${name} in`);
          expect(fs.existsSync(exclusiveLockPath(file))).toBe(true);
          await new Promise((resolve) => setTimeout(resolve, 20));
          events.push(`${name} out`);
          return name;
        });
      expect(await Promise.all([section('a')(), section('b')()])).toEqual(['a', 'b']);
      expect(events).toEqual(['a in', 'a out', 'b in', 'b out']);
      // A failing section releases the lock too.
      await expect(store.exclusive(() => Promise.reject(new Error('boom')))).rejects.toThrow('boom');
      expect(fs.existsSync(exclusiveLockPath(file))).toBe(false);
      expect(await store.exclusive(() => Promise.resolve(7))).toBe(7);
      await store.close();
    } finally {
      temp.remove();
    }
  });
});
