/**
 * The enrolled-face store: one small interface over a key-value backend
 * (memory, one JSON file, or SQLite, each a Keyv store adapter; a server
 * database is one more backend).
 *
 * Guarantees, whatever the backend:
 * - A full read (list, iterate, load, stats) sees one consistent snapshot: a
 *   record that stays in the store all along is never skipped or repeated.
 * - A damaged record (bad JSON, checksum, dimension, a value that is not unit
 *   length, a SQLite value that is NULL or a BLOB...) is reported (key, name
 *   when readable, reason), counted by stats(), flagged by list(), skipped by
 *   iterate()/load() — and left exactly as it is for inspection. It never
 *   crashes the store and never disappears unless someone deletes it (by name,
 *   or by its key: see deleteKey).
 * - Records made by another model or preprocessing are never mixed in: they
 *   are flagged by list(), skipped by iterate()/load() (and reported), and
 *   get() refuses them with UserError('STORE_MISMATCH').
 */
import { UserError } from '../errors.js';
import { openAbsentBackend } from './absent-backend.js';
import type { BackendKind, StoreBackend } from './backend.js';
import { openFileBackend } from './file-backend.js';
import { KeyvFaceStore } from './keyv-face-store.js';
import { openMemoryBackend } from './memory-backend.js';
import type { PersonRecord, StoreProfile } from './record.js';
import type { DamagedEntry, MismatchedEntry } from './store-errors.js';
import { parseStoreUri, storeFileExists, type StoreLocation } from './store-uri.js';

/** A damaged entry: the storage key (the case-folded name), the name inside when readable, and why. */
export type CorruptEntry = DamagedEntry;

/** A record of another model or preprocessing: its storage key, name, and how it differs. */
export interface MismatchEntry extends MismatchedEntry {
  readonly key: string;
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
  /** Valid records of the current profile, sorted by name. */
  readonly records: PersonRecord[];
  readonly corrupt: CorruptEntry[];
  /** Records of another model or preprocessing (left out). */
  readonly mismatched: MismatchEntry[];
}

export interface IterateOptions {
  /** Called for each damaged entry skipped. */
  readonly onCorrupt?: (entry: CorruptEntry) => void;
  /** Called for each record of another model or preprocessing skipped. */
  readonly onMismatch?: (entry: MismatchEntry) => void;
}

export interface FaceStore {
  readonly kind: BackendKind;
  readonly uri: string;
  readonly profile: StoreProfile;
  /**
   * True when the store was opened with `create: false` and there is nothing at
   * its path yet: it reads as empty and nothing was created on disk.
   */
  readonly absent: boolean;
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
  /** Valid records one by one, from one snapshot; damaged and mismatched ones are skipped (see the options). */
  iterate(options?: IterateOptions): AsyncIterable<PersonRecord>;
  /** All valid records, and the damaged and mismatched entries left out. */
  load(): Promise<LoadResult>;
  stats(): Promise<StoreStats>;
  /**
   * A token that changes whenever what is stored may have changed, by this process or any
   * other: a holder of loaded records compares it to know whether they are still current.
   */
  changeStamp(): Promise<string>;
  /**
   * Runs `critical` holding the store's exclusive lock (one holder at a time,
   * across processes for file: and sqlite:), so that what it reads stays true
   * until it has written: e.g. registration's "is the name free, does the face
   * match anyone else, then write". Reads inside see every write made before.
   */
  exclusive<T>(critical: () => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

export interface OpenStoreOptions {
  readonly env?: NodeJS.ProcessEnv;
  /**
   * Create the store (file, folder) if missing: true (the default) for commands
   * that write; false for those that only read, which then see an empty store
   * (`absent`) and create nothing.
   */
  readonly create?: boolean;
}

export const openBackend = async (location: StoreLocation, create = true): Promise<StoreBackend> => {
  if (!create && location.kind !== 'memory' && !(await storeFileExists(location.path))) return openAbsentBackend(location.kind, location.path);
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
export const openStore = async (uri: string | null, profile: StoreProfile, options: OpenStoreOptions = {}): Promise<FaceStore> => {
  if (!Number.isInteger(profile.dim) || profile.dim <= 0) throw new UserError('INVALID_ARGUMENT', `Bad embedding dimension ${profile.dim}.`);
  if (profile.modelId.length === 0 || profile.preprocessing.length === 0) {
    throw new UserError('INVALID_ARGUMENT', 'The store profile needs a model id and a preprocessing fingerprint.');
  }
  const backend = await openBackend(parseStoreUri(uri, options.env ?? process.env), options.create ?? true);
  return new KeyvFaceStore(backend, profile);
};
