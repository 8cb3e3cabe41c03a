/**
 * Raw, by-hand access to what a store backend holds, bypassing the store: to
 * damage a record the way an editor or a disk fault would, and to check that
 * damaged records are left exactly as they were.
 */
import fs from 'node:fs';
import { KeyvSqlite } from '@keyv/sqlite';
import type { Keyv } from 'keyv';
import { RECORD_NAMESPACE } from '../../src/core/store/backend.js';
import { SQLITE_TABLE } from '../../src/core/store/sqlite-backend.js';

export interface RawAccess {
  /** The stored document text for a (case-folded) key. */
  read(key: string): Promise<string | undefined>;
  /** Replaces the stored document text by hand. */
  write(key: string, text: string): Promise<void>;
  /** Everything stored, as one comparable string. */
  snapshot(): Promise<string>;
}

const fullKey = (key: string): string => `${RECORD_NAMESPACE}:${key}`;

/** Runs SQL on a SQLite store file directly (another connection, as another tool would). */
export const withSqlite = async <T>(file: string, run: (db: KeyvSqlite) => Promise<T>): Promise<T> => {
  const db = new KeyvSqlite({ uri: `sqlite://${file}`, table: SQLITE_TABLE, busyTimeout: 5000 });
  try {
    return await run(db);
  } finally {
    await db.disconnect();
  }
};

/** Inserts many `[key, document]` rows in one transaction (keys without the namespace): a large store in a moment. */
export const sqliteInsertMany = (file: string, rows: readonly (readonly [string, string])[]): Promise<void> =>
  withSqlite(file, async (db) => {
    await db.query('BEGIN');
    for (let i = 0; i < rows.length; i += 200) {
      const batch = rows.slice(i, i + 200);
      await db.query(`INSERT INTO ${SQLITE_TABLE} (key, value) VALUES ${batch.map(() => '(?, ?)').join(', ')}`, ...batch.flatMap(([k, v]) => [fullKey(k), v]));
    }
    await db.query('COMMIT');
  });

/** Edits the JSON file directly, as a person with an editor would. */
export const fileRaw = (file: string): RawAccess => {
  const load = (): { entries: Record<string, unknown> } => JSON.parse(fs.readFileSync(file, 'utf8')) as { entries: Record<string, unknown> };
  return {
    read: (key) => {
      const entry = load().entries[fullKey(key)];
      return Promise.resolve(entry === undefined ? undefined : typeof entry === 'string' ? entry : JSON.stringify(entry));
    },
    write: (key, text) => {
      const doc = load();
      let entry: unknown = text;
      try {
        entry = JSON.parse(text);
      } catch {
        // damaged JSON is written as a string
      }
      doc.entries[fullKey(key)] = entry;
      fs.writeFileSync(file, JSON.stringify(doc, null, 1));
      return Promise.resolve();
    },
    snapshot: () => Promise.resolve(fs.readFileSync(file, 'utf8')),
  };
};

/** Runs SQL on the database file directly. */
export const sqliteRaw = (file: string): RawAccess => {
  const withDb = <T>(run: (db: KeyvSqlite) => Promise<T>): Promise<T> => withSqlite(file, run);
  return {
    read: (key) =>
      withDb(async (db) => {
        const rows = (await db.query(`SELECT value FROM ${SQLITE_TABLE} WHERE key = ?`, fullKey(key))) as { value: string }[];
        return rows[0]?.value;
      }),
    write: (key, text) =>
      withDb(async (db) => {
        await db.query(`UPDATE ${SQLITE_TABLE} SET value = ? WHERE key = ?`, text, fullKey(key));
      }),
    snapshot: () =>
      withDb(async (db) => JSON.stringify(await db.query(`SELECT key, value FROM ${SQLITE_TABLE} ORDER BY key`))),
  };
};

/** Writes through the backend's own Keyv (the memory backend has no file to edit). */
export const keyvRaw = (backend: { readonly keyv: Keyv<string> }): RawAccess => ({
  read: (key) => backend.keyv.get(key),
  write: async (key, text) => {
    await backend.keyv.set(key, text);
  },
  snapshot: async () => {
    const entries: [string, string][] = [];
    for await (const entry of backend.keyv.iterator!(backend.keyv.namespace)) entries.push(entry as [string, string]);
    return JSON.stringify(entries.sort(([a], [b]) => a.localeCompare(b)));
  },
});
