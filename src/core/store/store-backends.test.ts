import fs from 'node:fs';
import path from 'node:path';
import { KeyvSqlite } from '@keyv/sqlite';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { makeTempDir, syntheticRecord, TEST_PROFILE } from '../../../test/support/store-fixtures.js';
import { catchUserError } from '../../../test/support/user-errors.js';
import { openStore } from './face-store.js';
import { KeyvFaceStore } from './keyv-face-store.js';
import { openSqliteBackend, SQLITE_TABLE } from './sqlite-backend.js';

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
