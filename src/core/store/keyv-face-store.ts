import fs from 'node:fs/promises';
import { getErrorMessage, isUserError, UserError } from '../errors.js';
import type { BackendKind, StoredValue, StoreBackend } from './backend.js';
import type { CorruptEntry, FaceStore, IterateOptions, LoadResult, MismatchEntry, RecordSummary, StoreStats } from './face-store.js';
import { decodeDocument, decodeRecord, encodeRecord, type DecodeResult } from './record-codec.js';
import { foldName, nameKey, profileMismatch, validateName, type PersonRecord, type StoreProfile } from './record.js';
import { damagedRecordError, storeMismatchError } from './store-errors.js';

type Classified =
  | { readonly status: 'ok'; readonly key: string; readonly record: PersonRecord }
  | { readonly status: 'mismatch'; readonly key: string; readonly record: PersonRecord; readonly reason: string }
  | { readonly status: 'corrupt'; readonly key: string; readonly entry: CorruptEntry };

const corruptEntry = (key: string, reason: string, name: string | undefined): CorruptEntry =>
  name === undefined ? { key, reason } : { key, name, reason };

const mismatchEntry = (c: Extract<Classified, { status: 'mismatch' }>): MismatchEntry => ({ key: c.key, name: c.record.name, reason: c.reason });

const decodeStored = (value: StoredValue, key: string): DecodeResult => {
  switch (value.kind) {
    case 'text':
      return decodeRecord(value.text, key);
    case 'json':
      return decodeDocument(value.value, key);
    case 'invalid':
      return { ok: false, reason: value.reason };
  }
};

/** Sorting by name: a collator compares much faster than String#localeCompare. */
const byName = new Intl.Collator().compare;

type SummaryBase = Omit<Extract<RecordSummary, { status: 'ok' }>, 'status'>;

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

/** The FaceStore over any backend. */
/** Modification time (ns) and size of a file, or '-' when there is none. */
const fileStamp = async (file: string): Promise<string> => {
  try {
    const stat = await fs.stat(file, { bigint: true });
    return `${stat.mtimeNs}:${stat.size}:${stat.ino}`;
  } catch {
    return '-';
  }
};

/**
 * SQLite's file change counter (header bytes 24-27, big-endian): every commit in rollback-journal
 * mode bumps it, so two writes within one tick of the file clock, of the same size, still differ.
 */
const sqliteChangeCounter = async (file: string): Promise<string> => {
  let handle: fs.FileHandle | undefined;
  try {
    handle = await fs.open(file, 'r');
    const bytes = Buffer.alloc(4);
    const { bytesRead } = await handle.read(bytes, 0, 4, 24);
    return bytesRead === 4 ? String(bytes.readUInt32BE(0)) : '-';
  } catch {
    return '-';
  } finally {
    await handle?.close();
  }
};

export class KeyvFaceStore implements FaceStore {
  private closing: Promise<void> | undefined;
  /** Writes made through this object (the memory backend has no file to look at). */
  private writes = 0;

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

  get absent(): boolean {
    return this.backend.absent;
  }

  private classify(key: string, value: StoredValue): Classified {
    const decoded = decodeStored(value, key);
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
      if (isUserError(error)) throw error;
      throw new UserError('STORE_ERROR', `The face store ${this.backend.uri} failed: ${getErrorMessage(error)}`, {
        hint: 'If another face-auth-tui process is busy with the store, try again when it has finished; otherwise check the disk and the file permissions.',
        cause: error,
      });
    }
  }

  /** Every entry of one snapshot, classified, in key order. */
  private async entries(): Promise<Classified[]> {
    const all: Classified[] = [];
    await this.io(() => this.backend.scan((key, value) => all.push(this.classify(key, value))));
    return all;
  }

  async put(record: PersonRecord): Promise<void> {
    const reason = profileMismatch(record, this.profile);
    if (reason !== undefined) throw storeMismatchError([{ name: record.name, reason }]);
    const document = encodeRecord(record); // validates the name and every vector
    const key = foldName(validateName(record.name));
    const existing = await this.io(() => this.backend.read(key));
    if (existing !== undefined) {
      const found = this.classify(key, existing);
      // Overwriting would destroy the evidence; the user deletes it knowingly.
      if (found.status === 'corrupt') throw damagedRecordError(found.entry);
    }
    this.writes++;
    await this.io(() => this.backend.write(key, document));
  }

  async get(name: string): Promise<PersonRecord | undefined> {
    const key = nameKey(name);
    const value = await this.io(() => this.backend.read(key));
    if (value === undefined) return undefined;
    const found = this.classify(key, value);
    if (found.status === 'corrupt') throw damagedRecordError(found.entry);
    if (found.status === 'mismatch') throw storeMismatchError([{ name: found.record.name, reason: found.reason }]);
    return found.record;
  }

  async delete(name: string): Promise<boolean> {
    const key = nameKey(name);
    this.writes++;
    return this.io(() => this.backend.remove(key));
  }

  async deleteKey(key: string): Promise<boolean> {
    if (key.length === 0) throw new UserError('INVALID_ARGUMENT', 'A storage key must not be empty.');
    this.writes++;
    return this.io(() => this.backend.remove(key));
  }

  /**
   * The files' modification times, sizes and inodes (SQLite's write-ahead log included) and
   * SQLite's own change counter: a commit by any process changes at least one of them. A
   * memory store counts its writes.
   */
  async changeStamp(): Promise<string> {
    const file = this.backend.path;
    if (file === null) return `writes:${this.writes}`;
    const sqlite = this.backend.kind === 'sqlite';
    const stamps = await Promise.all([...[file, ...(sqlite ? [`${file}-wal`] : [])].map(fileStamp), ...(sqlite ? [sqliteChangeCounter(file)] : [])]);
    return stamps.join('|');
  }

  async list(): Promise<RecordSummary[]> {
    const summaries: RecordSummary[] = [];
    for (const entry of await this.entries()) {
      if (entry.status === 'corrupt') summaries.push({ status: 'corrupt', ...entry.entry });
      else if (entry.status === 'mismatch') summaries.push({ status: 'mismatch', ...summaryBase(entry.key, entry.record), reason: entry.reason });
      else summaries.push({ status: 'ok', ...summaryBase(entry.key, entry.record) });
    }
    const label = (s: RecordSummary): string => (s.status === 'corrupt' ? (s.name ?? s.key) : s.name);
    return summaries.sort((a, b) => byName(label(a), label(b)) || byName(a.key, b.key));
  }

  async *iterate(options: IterateOptions = {}): AsyncGenerator<PersonRecord> {
    // The snapshot is taken when iteration starts: entries removed meanwhile are still yielded, none is skipped.
    for (const entry of await this.entries()) {
      if (entry.status === 'corrupt') options.onCorrupt?.(entry.entry);
      else if (entry.status === 'mismatch') options.onMismatch?.(mismatchEntry(entry));
      else yield entry.record;
    }
  }

  async load(): Promise<LoadResult> {
    const records: PersonRecord[] = [];
    const corrupt: CorruptEntry[] = [];
    const mismatched: MismatchEntry[] = [];
    for (const entry of await this.entries()) {
      if (entry.status === 'corrupt') corrupt.push(entry.entry);
      else if (entry.status === 'mismatch') mismatched.push(mismatchEntry(entry));
      else records.push(entry.record);
    }
    records.sort((a, b) => byName(a.name, b.name));
    return { records, corrupt, mismatched };
  }

  async stats(): Promise<StoreStats> {
    let people = 0;
    let templates = 0;
    let corrupt = 0;
    let mismatched = 0;
    for (const entry of await this.entries()) {
      if (entry.status === 'corrupt') corrupt++;
      else if (entry.status === 'mismatch') mismatched++;
      else {
        people++;
        templates += entry.record.templates.length;
      }
    }
    return { people, templates, bytes: await this.io(() => this.backend.bytesOnDisk()), corrupt, mismatched };
  }

  exclusive<T>(critical: () => Promise<T>): Promise<T> {
    return this.backend.exclusive(critical);
  }

  /** Idempotent. */
  close(): Promise<void> {
    this.closing ??= this.io(() => this.backend.close());
    return this.closing;
  }
}
