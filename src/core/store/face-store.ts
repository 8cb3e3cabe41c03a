/**
 * The enrolled-face store: one small interface over a Keyv key-value store
 * (memory, one JSON file, or SQLite; a server database is one more backend).
 *
 * Guarantees, whatever the backend:
 * - A damaged record is reported (key, name when readable, reason), counted by
 *   stats(), flagged by list(), skipped by iterate()/load() — and left exactly
 *   as it is for inspection. It never crashes the store and never disappears
 *   unless someone deletes it by name.
 * - Records made by another model or preprocessing are never mixed in: load(),
 *   iterate() and get() refuse with UserError('STORE_MISMATCH').
 */
import path from 'node:path';
import os from 'node:os';
import { fileURLToPath } from 'node:url';
import { getErrorMessage, isUserError, UserError } from '../errors.js';
import { xdgDataDir } from '../paths.js';
import { recordEntries, type BackendKind, type StoreBackend } from './backend.js';
import { openFileBackend } from './file-backend.js';
import { openMemoryBackend } from './memory-backend.js';
import { decodeRecord, encodeRecord } from './record-codec.js';
import {
  foldName,
  nameKey,
  profileMismatch,
  storeMismatchError,
  validateName,
  type PersonRecord,
  type StoreProfile,
} from './record.js';

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
  /** Removes the person (damaged or not); false if there was none. */
  delete(name: string): Promise<boolean>;
  /** Every entry, sorted by name, damaged and mismatched ones flagged. */
  list(): Promise<RecordSummary[]>;
  /** Valid records one by one; damaged ones are skipped (see onCorrupt); throws STORE_MISMATCH on another model's record. */
  iterate(options?: IterateOptions): AsyncIterable<PersonRecord>;
  /** All valid records and the damaged entries; throws STORE_MISMATCH if any record is of another model. */
  load(): Promise<LoadResult>;
  stats(): Promise<StoreStats>;
  close(): Promise<void>;
}

type Classified =
  | { readonly status: 'ok'; readonly key: string; readonly record: PersonRecord }
  | { readonly status: 'mismatch'; readonly key: string; readonly record: PersonRecord; readonly reason: string }
  | { readonly status: 'corrupt'; readonly key: string; readonly entry: CorruptEntry };

const corruptEntry = (key: string, reason: string, name: string | undefined): CorruptEntry =>
  name === undefined ? { key, reason } : { key, name, reason };

const damagedRecordError = (entry: CorruptEntry): UserError => {
  const who = entry.name ?? entry.key;
  return new UserError('STORE_ERROR', `The stored record for ${JSON.stringify(who)} is damaged: ${entry.reason}.`, {
    hint: `It was left untouched for inspection. Remove it with: face-auth-tui delete ${JSON.stringify(who)}, then register the person again.`,
  });
};

const summaryBase = (key: string, record: PersonRecord): SummaryBase => ({
  key,
  name: record.name,
  id: record.id,
  templates: record.templates.length,
  modelId: record.modelId,
  preprocessing: record.preprocessing,
  dim: record.dim,
  createdAt: record.createdAt,
  updatedAt: record.updatedAt,
});

/** The FaceStore over any backend's Keyv. */
export class KeyvFaceStore implements FaceStore {
  private closing: Promise<void> | undefined;

  constructor(
    private readonly backend: StoreBackend,
    readonly profile: StoreProfile,
  ) {}

  get kind(): BackendKind {
    return this.backend.kind;
  }

  get uri(): string {
    return this.backend.uri;
  }

  private classify(key: string, text: string): Classified {
    const decoded = decodeRecord(text, key);
    if (!decoded.ok) return { status: 'corrupt', key, entry: corruptEntry(key, decoded.reason, decoded.name) };
    const reason = profileMismatch(decoded.record, this.profile);
    return reason === undefined
      ? { status: 'ok', key, record: decoded.record }
      : { status: 'mismatch', key, record: decoded.record, reason };
  }

  /** Backend failures (I/O, SQLITE_BUSY after the timeout...) become a UserError naming the store. */
  private async io<T>(run: () => Promise<T>): Promise<T> {
    try {
      return await run();
    } catch (error) {
      throw this.wrap(error);
    }
  }

  private wrap(error: unknown): unknown {
    if (isUserError(error)) return error;
    return new UserError('STORE_ERROR', `The face store ${this.backend.uri} failed: ${getErrorMessage(error)}`, {
      hint: 'If another face-auth-tui process is busy with the store, try again when it has finished; otherwise check the disk and the file permissions.',
      cause: error,
    });
  }

  private async *entries(): AsyncGenerator<Classified> {
    const iterator = recordEntries(this.backend.keyv)[Symbol.asyncIterator]();
    try {
      for (;;) {
        let next: IteratorResult<[string, string]>;
        try {
          next = await iterator.next();
        } catch (error) {
          throw this.wrap(error);
        }
        if (next.done === true) return;
        yield this.classify(next.value[0], next.value[1]);
      }
    } finally {
      await iterator.return?.(undefined);
    }
  }

  async put(record: PersonRecord): Promise<void> {
    const reason = profileMismatch(record, this.profile);
    if (reason !== undefined) throw storeMismatchError([{ name: record.name, reason }]);
    const document = encodeRecord(record); // validates the name and every vector
    const key = foldName(validateName(record.name));
    const existing = await this.io(() => this.backend.keyv.get(key));
    if (existing !== undefined) {
      const found = this.classify(key, existing);
      // Overwriting would destroy the evidence; the user deletes it knowingly.
      if (found.status === 'corrupt') throw damagedRecordError(found.entry);
    }
    await this.io(() => this.backend.keyv.set(key, document));
  }

  async get(name: string): Promise<PersonRecord | undefined> {
    const key = nameKey(name);
    const text = await this.io(() => this.backend.keyv.get(key));
    if (text === undefined) return undefined;
    const found = this.classify(key, text);
    if (found.status === 'corrupt') throw damagedRecordError(found.entry);
    if (found.status === 'mismatch') throw storeMismatchError([{ name: found.record.name, reason: found.reason }]);
    return found.record;
  }

  async delete(name: string): Promise<boolean> {
    const key = nameKey(name);
    return this.io(() => this.backend.keyv.delete(key));
  }

  async list(): Promise<RecordSummary[]> {
    const summaries: RecordSummary[] = [];
    for await (const entry of this.entries()) {
      if (entry.status === 'corrupt') summaries.push({ status: 'corrupt', ...entry.entry });
      else if (entry.status === 'mismatch') summaries.push({ status: 'mismatch', ...summaryBase(entry.key, entry.record), reason: entry.reason });
      else summaries.push({ status: 'ok', ...summaryBase(entry.key, entry.record) });
    }
    const label = (s: RecordSummary): string => (s.status === 'corrupt' ? (s.name ?? s.key) : s.name);
    return summaries.sort((a, b) => label(a).localeCompare(label(b)) || a.key.localeCompare(b.key));
  }

  async *iterate(options: IterateOptions = {}): AsyncGenerator<PersonRecord> {
    for await (const entry of this.entries()) {
      if (entry.status === 'corrupt') options.onCorrupt?.(entry.entry);
      else if (entry.status === 'mismatch') throw storeMismatchError([{ name: entry.record.name, reason: entry.reason }]);
      else yield entry.record;
    }
  }

  async load(): Promise<LoadResult> {
    const records: PersonRecord[] = [];
    const corrupt: CorruptEntry[] = [];
    const mismatched: { name: string; reason: string }[] = [];
    for await (const entry of this.entries()) {
      if (entry.status === 'corrupt') corrupt.push(entry.entry);
      else if (entry.status === 'mismatch') mismatched.push({ name: entry.record.name, reason: entry.reason });
      else records.push(entry.record);
    }
    if (mismatched.length > 0) throw storeMismatchError(mismatched);
    records.sort((a, b) => a.name.localeCompare(b.name));
    return { records, corrupt };
  }

  async stats(): Promise<StoreStats> {
    let people = 0;
    let templates = 0;
    let corrupt = 0;
    let mismatched = 0;
    for await (const entry of this.entries()) {
      if (entry.status === 'corrupt') corrupt++;
      else if (entry.status === 'mismatch') mismatched++;
      else {
        people++;
        templates += entry.record.templates.length;
      }
    }
    return { people, templates, bytes: await this.io(() => this.backend.bytesOnDisk()), corrupt, mismatched };
  }

  /** Idempotent. */
  close(): Promise<void> {
    this.closing ??= this.io(() => this.backend.close());
    return this.closing;
  }
}

export const STORE_SCHEMES = ['memory:', 'file:<path.json>', 'sqlite:<path.db>'] as const;

export type StoreLocation =
  | { readonly kind: 'memory' }
  | { readonly kind: 'file'; readonly path: string }
  | { readonly kind: 'sqlite'; readonly path: string };

/** The default store: SQLite in the XDG data folder. */
export const defaultStoreUri = (env: NodeJS.ProcessEnv = process.env): string => `sqlite:${path.join(xdgDataDir(env), 'store.db')}`;

const storeUriHint = `Use one of: ${STORE_SCHEMES.join(', ')} (e.g. sqlite:~/faces.db). Leave store.uri unset for the default (sqlite:$XDG_DATA_HOME/face-auth-tui/store.db).`;

const expandPath = (raw: string, uri: string): string => {
  let p = raw;
  if (p.startsWith('//')) {
    // file:///abs/path style
    try {
      p = fileURLToPath(`file:${p}`);
    } catch (error) {
      throw new UserError('INVALID_ARGUMENT', `Bad store location ${JSON.stringify(uri)}.`, { cause: error, hint: storeUriHint });
    }
  }
  if (p === '~' || p.startsWith('~/')) p = path.join(os.homedir(), p.slice(1));
  if (p.length === 0) throw new UserError('INVALID_ARGUMENT', `The store location ${JSON.stringify(uri)} has no path.`, { hint: storeUriHint });
  return path.resolve(p);
};

/** Parses a store URI (null means the default). Throws UserError('INVALID_ARGUMENT') for unknown schemes. */
export const parseStoreUri = (uri: string | null, env: NodeJS.ProcessEnv = process.env): StoreLocation => {
  const text = (uri ?? defaultStoreUri(env)).trim();
  const match = /^([A-Za-z][A-Za-z0-9+.-]*):(.*)$/s.exec(text);
  const scheme = match?.[1]?.toLowerCase();
  const rest = match?.[2] ?? '';
  switch (scheme) {
    case 'memory':
      if (rest !== '') throw new UserError('INVALID_ARGUMENT', `"memory:" takes no path (got ${JSON.stringify(text)}).`, { hint: storeUriHint });
      return { kind: 'memory' };
    case 'file':
      return { kind: 'file', path: expandPath(rest, text) };
    case 'sqlite':
      return { kind: 'sqlite', path: expandPath(rest, text) };
    default:
      throw new UserError(
        'INVALID_ARGUMENT',
        scheme === undefined ? `The store location ${JSON.stringify(text)} has no scheme.` : `Unknown store scheme "${scheme}:" in ${JSON.stringify(text)}.`,
        { hint: storeUriHint },
      );
  }
};

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
