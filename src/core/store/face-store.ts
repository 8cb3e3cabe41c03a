/**
 * The enrolled-face store: one small interface over a Keyv key-value store
 * (memory, one JSON file, or SQLite; a server database is one more backend).
 *
 * Guarantees, whatever the backend:
 * - A damaged record is reported (key, name when readable, reason), counted by
 *   stats(), flagged by list(), skipped by iterate()/load() — and left exactly
 *   as it is for inspection. It never crashes the store and never disappears
 *   unless someone deletes it (by name, or by its key: see deleteKey).
 * - Records made by another model or preprocessing are never mixed in: load(),
 *   iterate() and get() refuse with UserError('STORE_MISMATCH').
 */
import { UserError } from '../errors.js';
import type { BackendKind, StoreBackend } from './backend.js';
import { openFileBackend } from './file-backend.js';
import { KeyvFaceStore } from './keyv-face-store.js';
import { openMemoryBackend } from './memory-backend.js';
import type { PersonRecord, StoreProfile } from './record.js';
import { parseStoreUri, type StoreLocation } from './store-uri.js';

export interface CorruptEntry {
  /** The storage key (the case-folded name). */
  readonly key: string;
  /** The name inside the document, when it can still be read. */
  readonly name?: string;
  readonly reason: string;
}

interface SummaryBase {
  readonly key: string;
  readonly name: string;
  readonly id: string;
  /** Number of templates. */
  readonly templates: number;
  readonly modelId: string;
  readonly preprocessing: string;
  readonly dim: number;
  readonly createdAt: string;
  readonly updatedAt: string;
}

export type RecordSummary =
  | (SummaryBase & { readonly status: 'ok' })
  /** Enrolled with another model or preprocessing: must be re-enrolled. */
  | (SummaryBase & { readonly status: 'mismatch'; readonly reason: string })
  | (CorruptEntry & { readonly status: 'corrupt' });

export interface StoreStats {
  /** Valid records of the current profile. */
  readonly people: number;
  readonly templates: number;
  /** Size on disk, or null where unknown (memory). */
  readonly bytes: number | null;
  readonly corrupt: number;
  /** Records of another model or preprocessing. */
  readonly mismatched: number;
}

export interface LoadResult {
  readonly records: PersonRecord[];
  readonly corrupt: CorruptEntry[];
}

export interface IterateOptions {
  /** Called for each damaged entry skipped. */
  readonly onCorrupt?: (entry: CorruptEntry) => void;
}

export interface FaceStore {
  readonly kind: BackendKind;
  readonly uri: string;
  readonly profile: StoreProfile;
  /** Adds or replaces the person with this name (names compare case-insensitively). */
  put(record: PersonRecord): Promise<void>;
  /** The person, or undefined. Throws STORE_ERROR if the record is damaged, STORE_MISMATCH if of another model. */
  get(name: string): Promise<PersonRecord | undefined>;
  /** Removes the person stored under this name's key (damaged or not); false if there was none. */
  delete(name: string): Promise<boolean>;
  /**
   * Removes whatever is stored under exactly this storage key (a RecordSummary's or
   * CorruptEntry's `key`), damaged or not; false if there was nothing. The way to
   * remove a damaged record whose name cannot be read or does not match its key.
   */
  deleteKey(key: string): Promise<boolean>;
  /** Every entry, sorted by name, damaged and mismatched ones flagged. */
  list(): Promise<RecordSummary[]>;
  /** Valid records one by one; damaged ones are skipped (see onCorrupt); throws STORE_MISMATCH on another model's record. */
  iterate(options?: IterateOptions): AsyncIterable<PersonRecord>;
  /** All valid records and the damaged entries; throws STORE_MISMATCH if any record is of another model. */
  load(): Promise<LoadResult>;
  stats(): Promise<StoreStats>;
  close(): Promise<void>;
}

export const openBackend = async (location: StoreLocation): Promise<StoreBackend> => {
  switch (location.kind) {
    case 'memory':
      return openMemoryBackend();
    case 'file':
      return openFileBackend(location.path);
    case 'sqlite': {
      // Loaded on demand: the native sqlite3 addon is only needed for SQLite stores.
      const { openSqliteBackend } = await import('./sqlite-backend.js');
      return openSqliteBackend(location.path);
    }
  }
};

/**
 * Opens the store at `uri` (null: the default SQLite store) for the given
 * model/preprocessing profile.
 */
export const openStore = async (uri: string | null, profile: StoreProfile, env: NodeJS.ProcessEnv = process.env): Promise<FaceStore> => {
  if (!Number.isInteger(profile.dim) || profile.dim <= 0) throw new UserError('INVALID_ARGUMENT', `Bad embedding dimension ${profile.dim}.`);
  if (profile.modelId.length === 0 || profile.preprocessing.length === 0) {
    throw new UserError('INVALID_ARGUMENT', 'The store profile needs a model id and a preprocessing fingerprint.');
  }
  const backend = await openBackend(parseStoreUri(uri, env));
  return new KeyvFaceStore(backend, profile);
};
