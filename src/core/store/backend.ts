/**
 * What a storage backend gives the face store: a Keyv instance holding one
 * JSON text document per person, plus what only the backend knows (size on disk).
 * Each backend lives in its own file; a server database would be one more file
 * returning a Keyv over its adapter (e.g. @keyv/postgres).
 */
import { Keyv, type Deserialize, type KeyvStoreAdapter, type Serialize } from 'keyv';
import { BugError } from '../errors.js';

export type BackendKind = 'memory' | 'file' | 'sqlite';

export interface StoreBackend {
  readonly kind: BackendKind;
  /** Canonical URI, e.g. `sqlite:/home/ada/.local/share/face-auth-tui/store.db`. */
  readonly uri: string;
  /** Path of the file on disk, or null (memory). */
  readonly path: string | null;
  /** Keys are case-folded names (without namespace); values are record documents (JSON text). */
  readonly keyv: Keyv<string>;
  /** Bytes the store occupies on disk, or null where unknown. */
  bytesOnDisk(): Promise<number | null>;
  close(): Promise<void>;
}

/** Key prefix of person records inside the key-value store. */
export const RECORD_NAMESPACE = 'person';

// The values are already JSON documents (the record codec's output), so Keyv
// stores them as they are instead of wrapping them in its `{ value, expires }`
// envelope: a row or file entry is the record document itself, easy to inspect,
// and a damaged one reaches the codec (which reports it) instead of throwing
// inside Keyv. No TTLs are used.
const serialize: Serialize = (data) => {
  if (typeof data.value !== 'string') throw new BugError('the face store only writes JSON text documents');
  return data.value;
};
const deserialize: Deserialize = <Value>(text: string) => ({ value: text as Value });

/** A Keyv over `store` that passes the record documents through untouched and throws on errors. */
export const createRecordKeyv = (store?: KeyvStoreAdapter): Keyv<string> => {
  const options = { namespace: RECORD_NAMESPACE, serialize, deserialize, throwOnErrors: true, emitErrors: true };
  const keyv = store === undefined ? new Keyv<string>(options) : new Keyv<string>(store, options);
  // Keyv only wires `iterator` for adapters it knows by dialect; wire ours too.
  if (keyv.iterator === undefined && store !== undefined && typeof store.iterator === 'function') {
    keyv.iterator = keyv.generateIterator(store.iterator.bind(store));
  }
  if (keyv.iterator === undefined) throw new BugError('the store backend cannot list its entries');
  // Errors are thrown to the caller (throwOnErrors); this only stops an
  // 'error' event from going unobserved.
  keyv.on('error', () => undefined);
  return keyv;
};

/** Every `[key, document]` pair, keys without the namespace. */
export async function* recordEntries(keyv: Keyv<string>): AsyncGenerator<[string, string]> {
  const iterate = keyv.iterator;
  if (iterate === undefined) throw new BugError('the store backend cannot list its entries');
  for await (const entry of iterate(keyv.namespace)) {
    const [key, value] = entry as [unknown, unknown];
    if (typeof key !== 'string') continue;
    yield [key, typeof value === 'string' ? value : String(value)];
  }
}
