/**
 * `sqlite:<path.db>` — Keyv over @keyv/sqlite (sqlite3). One row per person in
 * the `faces` table; the value column holds the record document.
 *
 * - The database file is created with mode 0600 before SQLite opens it (SQLite
 *   gives its journal files the same mode), and its folder (0700) if missing.
 * - A busy timeout makes concurrent writers from other processes wait for the
 *   database lock instead of failing with SQLITE_BUSY.
 */
import fs from 'node:fs/promises';
import path from 'node:path';
import { KeyvSqlite } from '@keyv/sqlite';
import { UserError, getErrorMessage } from '../errors.js';
import { createRecordKeyv, type StoreBackend } from './backend.js';

export const SQLITE_TABLE = 'faces';

export interface SqliteBackendOptions {
  /** How long a statement waits for another process's lock (ms). */
  readonly busyTimeoutMs?: number;
}

const isNodeError = (error: unknown): error is NodeJS.ErrnoException => error instanceof Error && 'code' in error;

export const openSqliteBackend = async (file: string, options: SqliteBackendOptions = {}): Promise<StoreBackend> => {
  const absolute = path.resolve(file);
  const failure = (error: unknown): UserError =>
    new UserError('STORE_ERROR', `Cannot open the SQLite store ${absolute}: ${getErrorMessage(error)}`, {
      hint: `Check that the path is writable and is a face-auth-tui SQLite store; move a damaged file aside (mv '${absolute}' '${absolute}.damaged') to start an empty one.`,
      cause: error,
    });

  try {
    await fs.mkdir(path.dirname(absolute), { recursive: true, mode: 0o700 });
    const handle = await fs.open(absolute, 'wx', 0o600);
    try {
      await handle.chmod(0o600);
    } finally {
      await handle.close();
    }
  } catch (error) {
    if (!(isNodeError(error) && error.code === 'EEXIST')) throw failure(error);
  }

  const adapter = new KeyvSqlite({
    uri: `sqlite://${absolute}`,
    table: SQLITE_TABLE,
    busyTimeout: options.busyTimeoutMs ?? 15_000,
    // Entries are listed page by page (LIMIT/OFFSET); large pages keep that linear.
    iterationLimit: 1000,
  });
  const keyv = createRecordKeyv(adapter);
  try {
    // Connects and creates the table; also gives the connection promise a handler at once.
    await adapter.query('SELECT 1');
  } catch (error) {
    await adapter.disconnect().catch(() => undefined);
    throw failure(error);
  }
  return {
    kind: 'sqlite',
    uri: `sqlite:${absolute}`,
    path: absolute,
    keyv,
    bytesOnDisk: async () => (await fs.stat(absolute)).size,
    close: () => keyv.disconnect(),
  };
};
