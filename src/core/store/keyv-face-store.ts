import { getErrorMessage, isUserError, UserError } from '../errors.js';
import { recordEntries, type BackendKind, type StoreBackend } from './backend.js';
import type { CorruptEntry, FaceStore, IterateOptions, LoadResult, RecordSummary, StoreStats } from './face-store.js';
import { decodeRecord, encodeRecord } from './record-codec.js';
import { deleteHandle, foldName, nameKey, profileMismatch, storeMismatchError, validateName, type PersonRecord, type StoreProfile } from './record.js';

type Classified =
  | { readonly status: 'ok'; readonly key: string; readonly record: PersonRecord }
  | { readonly status: 'mismatch'; readonly key: string; readonly record: PersonRecord; readonly reason: string }
  | { readonly status: 'corrupt'; readonly key: string; readonly entry: CorruptEntry };

const corruptEntry = (key: string, reason: string, name: string | undefined): CorruptEntry =>
  name === undefined ? { key, reason } : { key, name, reason };

const damagedRecordError = (entry: CorruptEntry): UserError => {
  const who = entry.name ?? entry.key;
  return new UserError('STORE_ERROR', `The stored record for ${JSON.stringify(who)} is damaged: ${entry.reason}.`, {
    hint: `It was left untouched for inspection. Remove it with: face-auth-tui delete ${JSON.stringify(deleteHandle(entry))}, then register the person again.`,
  });
};

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

  async deleteKey(key: string): Promise<boolean> {
    if (key.length === 0) throw new UserError('INVALID_ARGUMENT', 'A storage key must not be empty.');
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
