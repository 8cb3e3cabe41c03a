/**
 * `sqlite:<path.db>` — over @keyv/sqlite's adapter (sqlite3). One row per
 * person in the `faces` table (`key` is `person:<folded name>`, the primary
 * key); the value column holds the record document.
 *
 * - The database file is created with mode 0600 before SQLite opens it (SQLite
 *   gives its journal files the same mode), and its folder (0700) if missing.
 * - A busy timeout makes concurrent writers from other processes wait for the
 *   database lock instead of failing with SQLITE_BUSY.
 * - A full read is one read transaction over pages in key order (keyset, not
 *   OFFSET): a snapshot, linear in the number of rows, with a page in memory at
 *   a time. Keyv's own iterator pages with LIMIT/OFFSET in no order outside a
 *   transaction, so rows deleted meanwhile made it skip others, and its cost
 *   grew with the square of the rows.
 * - Values are read as `CAST(value AS TEXT)` with their SQL type, so a row
 *   whose value is NULL or a BLOB (written by another tool) is reported as a
 *   damaged record by its key instead of breaking every read.
 * - This process's writes wait for a full read to finish (they would otherwise
 *   run inside its transaction on the shared connection).
 */
import fs from 'node:fs/promises';
import path from 'node:path';
import { KeyvSqlite } from '@keyv/sqlite';
import { UserError, getErrorMessage } from '../errors.js';
import { createSerialQueue, RECORD_NAMESPACE, storedKey, textValue, type StoredValue, type StoreBackend } from './backend.js';
import { fileLock, type StoreLockOptions } from './store-lock.js';
import { assertStoreFilePath, ensureStoreFolder, errnoOf, folderUnwritableError } from './store-path.js';

export const SQLITE_TABLE = 'faces';

/** Rows per page of a full read (about 4 kB each with one template). */
const PAGE_ROWS = 1000;

export interface SqliteBackendOptions {
  /** How long a statement waits for another process's lock (ms). */
  readonly busyTimeoutMs?: number;
  readonly exclusive?: StoreLockOptions;
}

interface Row {
  readonly key: string;
  readonly value: string | null;
  readonly type: string;
  readonly bytes: number | null;
}

/** SQLite's codes for a file that is not a database or is damaged (sqlite3 reports them as `code`). */
const DAMAGED_CODES: ReadonlySet<string> = new Set(['SQLITE_NOTADB', 'SQLITE_CORRUPT']);

const isNodeError = (error: unknown): error is NodeJS.ErrnoException => error instanceof Error && 'code' in error;

// Keys of the namespace lie in ['person:', 'person;') (';' follows ':').
const LOWER = `${RECORD_NAMESPACE}:`;
const UPPER = `${RECORD_NAMESPACE};`;
const COLUMNS = 'key, CAST(value AS TEXT) AS value, typeof(value) AS type, length(value) AS bytes';

const valueOf = (row: Row): StoredValue => {
  if (row.type === 'text' && row.value !== null) return textValue(row.value);
  const what = row.type === 'null' ? 'NULL' : row.type === 'blob' ? `a BLOB of ${row.bytes ?? 0} bytes` : `of SQL type ${row.type}`;
  return { kind: 'invalid', reason: `the stored value is ${what}, not a record document (JSON text)` };
};

export const openSqliteBackend = async (file: string, options: SqliteBackendOptions = {}): Promise<StoreBackend> => {
  const absolute = path.resolve(file);
  const failure = (error: unknown): UserError =>
    new UserError('STORE_ERROR', `Cannot open the SQLite store ${absolute}: ${getErrorMessage(error)}`, {
      // Only a regular file that SQLite found damaged is worth moving aside (the path was checked before).
      hint: DAMAGED_CODES.has(errnoOf(error) ?? '')
        ? `Restore a backup, or move the damaged file aside (mv '${absolute}' '${absolute}.damaged') to start an empty store.`
        : `Check that the file and its folder ${path.dirname(absolute)} are readable and writable, or choose another store with --store or store.uri.`,
      cause: error,
    });

  await assertStoreFilePath(absolute, 'sqlite');
  await ensureStoreFolder(absolute);
  try {
    const handle = await fs.open(absolute, 'wx', 0o600);
    try {
      await handle.chmod(0o600);
    } finally {
      await handle.close();
    }
  } catch (error) {
    if (!(isNodeError(error) && error.code === 'EEXIST')) throw folderUnwritableError(path.dirname(absolute), error);
  }

  const adapter = new KeyvSqlite({ uri: `sqlite://${absolute}`, table: SQLITE_TABLE, busyTimeout: options.busyTimeoutMs ?? 15_000 });
  // The adapter reports connection errors as events too; they are thrown to the caller.
  adapter.on('error', () => undefined);
  try {
    // Connects and creates the table; also gives the connection promise a handler at once.
    await adapter.query('SELECT 1');
  } catch (error) {
    await adapter.disconnect().catch(() => undefined);
    throw failure(error);
  }
  const query = async (sql: string, ...parameters: unknown[]): Promise<Row[]> => (await adapter.query(sql, ...parameters)) as Row[];
  /** Full reads and this process's writes, one at a time (see the header). */
  const serial = createSerialQueue();

  const scanLocked = async (visit: (key: string, value: StoredValue) => void): Promise<void> => {
    await query('BEGIN');
    const after = (key: string): Promise<Row[]> =>
      query(`SELECT ${COLUMNS} FROM ${SQLITE_TABLE} WHERE key > ? AND key < ? ORDER BY key LIMIT ?`, key, UPPER, PAGE_ROWS);
    let next: Promise<Row[]> | undefined;
    try {
      let rows = await query(`SELECT ${COLUMNS} FROM ${SQLITE_TABLE} WHERE key >= ? AND key < ? ORDER BY key LIMIT ?`, LOWER, UPPER, PAGE_ROWS);
      while (rows.length > 0) {
        // SQLite reads the next page (in its thread) while this one is visited.
        next = rows.length < PAGE_ROWS ? undefined : after(rows[rows.length - 1]!.key);
        for (const row of rows) visit(row.key.slice(LOWER.length), valueOf(row));
        if (next === undefined) break;
        rows = await next;
        next = undefined;
      }
    } finally {
      // A page still being read (the visitor threw) must finish inside the transaction.
      await next?.catch(() => undefined);
      // Only reads ran in this transaction.
      await query('COMMIT');
    }
  };

  return {
    kind: 'sqlite',
    uri: `sqlite:${absolute}`,
    path: absolute,
    absent: false,
    read: async (key) => {
      const row = (await query(`SELECT ${COLUMNS} FROM ${SQLITE_TABLE} WHERE key = ?`, storedKey(key)))[0];
      return row === undefined ? undefined : valueOf(row);
    },
    write: (key, text) =>
      serial(async () => {
        await query(`INSERT INTO ${SQLITE_TABLE} (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value`, storedKey(key), text);
      }),
    remove: (key) => serial(async () => (await query(`DELETE FROM ${SQLITE_TABLE} WHERE key = ? RETURNING key`, storedKey(key))).length > 0),
    scan: (visit) => serial(() => scanLocked(visit)),
    exclusive: fileLock(absolute, options.exclusive),
    bytesOnDisk: async () => (await fs.stat(absolute)).size,
    close: () => adapter.disconnect(),
  };
};
