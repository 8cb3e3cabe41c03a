/**
 * What a storage backend gives the face store: one JSON text document per
 * person under a key (the case-folded name), read one by one or all at once as
 * a consistent snapshot, plus what only the backend knows (size on disk, how
 * to lock the store against other processes). Each backend lives in its own
 * file; a server database would be one more file (e.g. over @keyv/postgres).
 */
import { Keyv, type Deserialize, type KeyvStoreAdapter, type Serialize } from 'keyv';
import { BugError } from '../errors.js';

export type BackendKind = 'memory' | 'file' | 'sqlite';

/**
 * What is stored under a key, as the backend found it. Never throws on a value
 * that cannot be a record: a NULL or a BLOB in a SQLite row, say, is an
 * `invalid` value with the reason, which the store reports as a damaged record.
 */
export type StoredValue =
  /** A document as text (to be parsed). */
  | { readonly kind: 'text'; readonly text: string }
  /** A document already parsed from JSON (the file backend keeps entries as JSON values). */
  | { readonly kind: 'json'; readonly value: unknown }
  /** Something that is no document at all, and why. */
  | { readonly kind: 'invalid'; readonly reason: string };

export interface StoreBackend {
  readonly kind: BackendKind;
  /** Canonical URI, e.g. `sqlite:/home/ada/.local/share/face-auth-tui/store.db`. */
  readonly uri: string;
  /** Path of the file on disk, or null (memory). */
  readonly path: string | null;
  /** True when nothing is stored at `path` and the backend was opened without creating it (empty, read-only). */
  readonly absent: boolean;
  /** The value under `key` (without namespace), or undefined. */
  read(key: string): Promise<StoredValue | undefined>;
  /** Stores a document (JSON text) under `key`, atomically. */
  write(key: string, text: string): Promise<void>;
  /** Removes whatever is under `key`; false if there was nothing. */
  remove(key: string): Promise<boolean>;
  /**
   * Every entry, in key order, from one consistent snapshot (entries removed or
   * added by others meanwhile never make it skip or repeat one). `visit` is
   * synchronous so that the snapshot can be held without waiting on the caller.
   */
  scan(visit: (key: string, value: StoredValue) => void): Promise<void>;
  /**
   * Runs `critical` holding the store's exclusive lock: one at a time across
   * processes (a lock file beside the store) and within this one. For
   * check-then-write sequences such as registration.
   */
  exclusive<T>(critical: () => Promise<T>): Promise<T>;
  /** Bytes the store occupies on disk, or null where unknown. */
  bytesOnDisk(): Promise<number | null>;
  close(): Promise<void>;
}

/** Key prefix of person records inside the key-value store. */
export const RECORD_NAMESPACE = 'person';

/** A key as stored (with the namespace). */
export const storedKey = (key: string): string => `${RECORD_NAMESPACE}:${key}`;

// The values are already JSON documents (the record codec's output), so Keyv
// stores them as they are instead of wrapping them in its `{ value, expires }`
// envelope: a row or file entry is the record document itself, easy to inspect.
// No TTLs are used.
const serialize: Serialize = (data) => {
  if (typeof data.value !== 'string') throw new BugError('the face store only writes JSON text documents');
  return data.value;
};
const deserialize: Deserialize = <Value>(text: string) => ({ value: text as Value });

/** A Keyv over `store` that passes the record documents through untouched and throws on errors. */
export const createRecordKeyv = (store?: KeyvStoreAdapter | Map<string, unknown>): Keyv<string> => {
  const options = { namespace: RECORD_NAMESPACE, serialize, deserialize, throwOnErrors: true, emitErrors: true };
  const keyv = store === undefined ? new Keyv<string>(options) : new Keyv<string>(store, options);
  // Errors are thrown to the caller (throwOnErrors); this only stops an
  // 'error' event from going unobserved.
  keyv.on('error', () => undefined);
  return keyv;
};

/** The stored value of a text column or a JSON string: a document to parse. */
export const textValue = (text: string): StoredValue => ({ kind: 'text', text });

/** Runs tasks one at a time, in order (a failed task does not stop the next). */
export const createSerialQueue = (): (<T>(task: () => Promise<T>) => Promise<T>) => {
  let tail: Promise<unknown> = Promise.resolve();
  return <T>(task: () => Promise<T>): Promise<T> => {
    const run = tail.then(task);
    tail = run.catch(() => undefined);
    return run;
  };
};
