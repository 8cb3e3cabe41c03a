/**
 * `file:<path.json>` — a Keyv store adapter that keeps every entry in one JSON file.
 *
 * - Writes are atomic: the new content goes to a temporary file in the same
 *   folder, is fsynced, renamed over the old file, and the folder is fsynced.
 *   A process killed at any point leaves the old file or the new one.
 * - Writers from several processes are serialised with a lock (proper-lockfile,
 *   a `<path>.lock` folder); each write re-reads the file under the lock, so
 *   concurrent registrations of different people all survive.
 * - Readers take no lock: rename is atomic, so they see a whole file (a full
 *   read is one read of the file: a snapshot).
 * - The file is created with mode 0600 and its folder (0700) if missing.
 * - A file that is not valid JSON (edited by hand, a disk fault) is never
 *   rewritten: every operation refuses with UserError('STORE_ERROR') until it
 *   is repaired or moved aside.
 */
import { EventEmitter } from 'node:events';
import fs from 'node:fs/promises';
import path from 'node:path';
import type { KeyvStoreAdapter } from 'keyv';
import { UserError, getErrorMessage } from '../errors.js';
import { isNotRegularFileError, writeFileAtomic } from '../fs/atomic-write.js';
import { RECORD_NAMESPACE, storedKey, textValue, type StoredValue, type StoreBackend } from './backend.js';
import { acquireLock, fileLock, type AcquireLockOptions, type StoreLockOptions } from './store-lock.js';
import { assertStoreFilePath, ensureStoreFolder, folderUnwritableError, notAStoreFileError, readStoreFileText } from './store-path.js';

export const FILE_FORMAT = 'keyv-json-file';
export const FILE_FORMAT_VERSION = 1;

export interface JsonFileStoreOptions {
  /** A lock older than this (ms) is considered abandoned by a dead process. Minimum 2000. */
  readonly lockStaleMs?: number;
  /** How long a writer waits for the lock before giving up (ms, about). */
  readonly lockWaitMs?: number;
}

/** An entry is kept as a JSON object when the value is a JSON object text (readable file), else as a string. */
type Entry = unknown;

const isNodeError = (error: unknown): error is NodeJS.ErrnoException => error instanceof Error && 'code' in error;

const processIsAlive = (pid: number): boolean => {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return !(isNodeError(error) && error.code === 'ESRCH');
  }
};

/** Removes temporary files that writers killed mid-write left behind. */
const removeAbandonedTempFiles = async (file: string): Promise<void> => {
  const dir = path.dirname(file);
  const prefix = `.${path.basename(file)}.`;
  let names: string[];
  try {
    names = await fs.readdir(dir);
  } catch {
    return;
  }
  for (const name of names) {
    if (!name.startsWith(prefix) || !name.endsWith('.tmp')) continue;
    const match = /^(\d+)\.[0-9a-f]{8}\.tmp$/.exec(name.slice(prefix.length));
    if (match === null) continue;
    const pid = Number(match[1]);
    if (pid !== process.pid && !processIsAlive(pid)) await fs.rm(path.join(dir, name), { force: true });
  }
};

/** A minimal Keyv store adapter persisting one JSON file: `{ format, version, entries: { key: value } }`. */
export class JsonFileKeyvStore extends EventEmitter implements KeyvStoreAdapter {
  readonly opts: { readonly dialect: 'json-file'; readonly url: string; readonly path: string };
  namespace?: string | undefined;
  private readonly lockOptions: Pick<AcquireLockOptions, 'stale' | 'waitMs'>;
  /** Writes from this process run one at a time (the file lock is between processes). */
  private queue: Promise<unknown> = Promise.resolve();

  constructor(
    readonly file: string,
    options: JsonFileStoreOptions = {},
  ) {
    super();
    this.opts = { dialect: 'json-file', url: `file:${file}`, path: file };
    this.lockOptions = { stale: Math.max(2000, options.lockStaleMs ?? 10_000), waitMs: options.lockWaitMs ?? 30_000 };
  }

  /** Refuses a path that is not a store file, creates the folder if missing and clears temporary files of dead writers. */
  async prepare(): Promise<void> {
    await assertStoreFilePath(this.file, 'file');
    await ensureStoreFolder(this.file);
    await removeAbandonedTempFiles(this.file);
  }

  private corrupt(detail: string, cause?: unknown): UserError {
    return new UserError('STORE_ERROR', `The store file ${this.file} is damaged: ${detail}. It was left untouched.`, {
      hint: `Inspect it, restore a backup, or move it aside (e.g. mv '${this.file}' '${this.file}.damaged') to start an empty store.`,
      ...(cause === undefined ? {} : { cause }),
    });
  }

  /** Reads the whole file; a missing file is an empty store. */
  async snapshot(): Promise<Map<string, Entry>> {
    return this.read();
  }

  private async read(): Promise<Map<string, Entry>> {
    let text: string | undefined;
    try {
      // Refuses a folder, device or FIFO put at the path since the store was opened.
      text = await readStoreFileText(this.file, 'file');
    } catch (error) {
      if (error instanceof UserError) throw error;
      throw new UserError('STORE_ERROR', `Cannot read the store file ${this.file}: ${getErrorMessage(error)}`, {
        hint: 'Check that you may read it, or choose another store with --store or store.uri.',
        cause: error,
      });
    }
    if (text === undefined) return new Map();
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch (error) {
      throw this.corrupt(`not valid JSON (${getErrorMessage(error)})`, error);
    }
    if (typeof json !== 'object' || json === null || Array.isArray(json)) throw this.corrupt('not a JSON object');
    const doc = json as { format?: unknown; version?: unknown; entries?: unknown };
    if (doc.format !== FILE_FORMAT) throw this.corrupt(`format is ${JSON.stringify(doc.format)}, expected "${FILE_FORMAT}"`);
    if (doc.version !== FILE_FORMAT_VERSION) {
      throw this.corrupt(`format version ${JSON.stringify(doc.version)} is not ${FILE_FORMAT_VERSION} (written by another face-auth-tui version?)`);
    }
    if (typeof doc.entries !== 'object' || doc.entries === null || Array.isArray(doc.entries)) {
      throw this.corrupt('"entries" is not an object');
    }
    return new Map(Object.entries(doc.entries));
  }

  private serializeFile(entries: Map<string, Entry>): string {
    return `${JSON.stringify({ format: FILE_FORMAT, version: FILE_FORMAT_VERSION, entries: Object.fromEntries(entries) }, null, 1)}\n`;
  }

  /** Read-modify-write under the lock. `change` returns false to skip the write. */
  private mutate(change: (entries: Map<string, Entry>) => boolean): Promise<void> {
    const run = this.queue.then(() => this.mutateLocked(change));
    this.queue = run.catch(() => undefined);
    return run;
  }

  private async mutateLocked(change: (entries: Map<string, Entry>) => boolean): Promise<void> {
    await ensureStoreFolder(this.file);
    let compromised: Error | undefined;
    const release = await acquireLock(this.file, {
      ...this.lockOptions,
      file: this.file,
      // Refuse the write instead (see acquireLock).
      onCompromised: (error: Error) => {
        compromised = error;
      },
    });
    try {
      const entries = await this.read();
      if (!change(entries)) return;
      if (compromised !== undefined) {
        throw new UserError('STORE_ERROR', `Lost the lock on ${this.file}: ${compromised.message}`, { cause: compromised });
      }
      try {
        await writeFileAtomic(this.file, this.serializeFile(entries));
      } catch (error) {
        throw this.writeError(error);
      }
    } finally {
      await release().catch(() => undefined);
    }
  }

  /**
   * A failed write: something at the store path that is not a regular file
   * (a link to nothing, a folder, a device... put there since it was read) is
   * not a store file; anything else is a folder that cannot be written.
   */
  private writeError(error: unknown): UserError {
    if (!isNotRegularFileError(error)) return folderUnwritableError(path.dirname(this.file), error);
    const what = error.path === this.file ? error.what : `a symbolic link to ${error.path}, which is ${error.what}`;
    const folder = error.path === this.file && error.what === 'a folder';
    return notAStoreFileError(this.file, what, 'file', folder);
  }

  private static toEntry(value: unknown): Entry {
    if (typeof value !== 'string') return value;
    try {
      const parsed: unknown = JSON.parse(value);
      if (typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed)) return parsed;
    } catch {
      // Not JSON: kept as a string.
    }
    return value;
  }

  private static fromEntry(entry: Entry): string {
    return typeof entry === 'string' ? entry : JSON.stringify(entry);
  }

  async get<Value>(key: string): Promise<Value | undefined> {
    const entry = (await this.read()).get(key);
    return (entry === undefined ? undefined : JsonFileKeyvStore.fromEntry(entry)) as Value | undefined;
  }

  async set(key: string, value: unknown): Promise<boolean> {
    const entry = JsonFileKeyvStore.toEntry(value);
    await this.mutate((entries) => {
      entries.set(key, entry);
      return true;
    });
    return true;
  }

  async delete(key: string): Promise<boolean> {
    let existed = false;
    await this.mutate((entries) => {
      existed = entries.delete(key);
      return existed;
    });
    return existed;
  }

  async clear(): Promise<void> {
    const prefix = this.namespace === undefined ? undefined : `${this.namespace}:`;
    await this.mutate((entries) => {
      const before = entries.size;
      for (const key of [...entries.keys()]) if (prefix === undefined || key.startsWith(prefix)) entries.delete(key);
      return entries.size !== before;
    });
  }

  async has(key: string): Promise<boolean> {
    return (await this.read()).has(key);
  }

  /** A snapshot of the file at the time of the call. */
  async *iterator<Value>(namespace?: string): AsyncGenerator<Array<string | Awaited<Value> | undefined>, void> {
    const prefix = namespace === undefined ? undefined : `${namespace}:`;
    for (const [key, entry] of await this.read()) {
      if (prefix === undefined || key.startsWith(prefix)) yield [key, JsonFileKeyvStore.fromEntry(entry)];
    }
  }

  disconnect(): Promise<void> {
    return Promise.resolve();
  }
}

/** An entry of the file as the store sees it: a string is a document's text, anything else a parsed JSON value. */
const storedValue = (entry: Entry): StoredValue => (typeof entry === 'string' ? textValue(entry) : { kind: 'json', value: entry });

export const openFileBackend = async (file: string, options: JsonFileStoreOptions & { readonly exclusive?: StoreLockOptions } = {}): Promise<StoreBackend> => {
  const absolute = path.resolve(file);
  const adapter = new JsonFileKeyvStore(absolute, options);
  await adapter.prepare();
  const prefix = `${RECORD_NAMESPACE}:`;
  return {
    kind: 'file',
    uri: `file:${absolute}`,
    path: absolute,
    absent: false,
    read: async (key) => {
      const entry = (await adapter.snapshot()).get(storedKey(key));
      return entry === undefined ? undefined : storedValue(entry);
    },
    write: async (key, text) => {
      await adapter.set(storedKey(key), text);
    },
    remove: (key) => adapter.delete(storedKey(key)),
    scan: async (visit) => {
      const entries = [...(await adapter.snapshot())].filter(([k]) => k.startsWith(prefix));
      entries.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
      for (const [k, entry] of entries) visit(k.slice(prefix.length), storedValue(entry));
    },
    exclusive: fileLock(absolute, options.exclusive),
    bytesOnDisk: async () => {
      try {
        return (await fs.stat(absolute)).size;
      } catch (error) {
        if (isNodeError(error) && error.code === 'ENOENT') return 0;
        throw error;
      }
    },
    close: () => adapter.disconnect(),
  };
};
