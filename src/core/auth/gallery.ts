/**
 * The enrolled people of a store, loaded once per process into one
 * MatrixIndex (every template in one contiguous matrix) plus what else is
 * known of each person (names, timestamps, template sources — not a second
 * copy of the embeddings), kept in step with the writes this process makes.
 * Damaged records and records of another model are left out and listed.
 */
import { MatrixIndex, type SearchHit } from '../search/matrix-index.js';
import type { CorruptEntry, FaceStore, LoadResult, MismatchEntry } from '../store/face-store.js';
import { foldName, type PersonRecord, type StoreProfile, type Template } from '../store/record.js';
import { storeMismatchError } from '../store/store-errors.js';

/** A person without the embeddings (those live in the index). */
type Enrolled = Omit<PersonRecord, 'templates'> & { readonly templates: readonly Omit<Template, 'embedding'>[] };

const withoutEmbeddings = (record: PersonRecord): Enrolled => ({
  ...record,
  templates: record.templates.map(({ imageSha256, createdAt, detectionScore }) => ({ imageSha256, createdAt, detectionScore })),
});

export class Gallery {
  private readonly people = new Map<string, Enrolled>();

  private constructor(
    readonly index: MatrixIndex,
    /** Damaged records the store skipped (reported, left on disk). */
    readonly corrupt: readonly CorruptEntry[],
    /** Records of another model or preprocessing the store skipped (reported, left on disk). */
    readonly mismatched: readonly MismatchEntry[],
    records: readonly PersonRecord[],
  ) {
    for (const r of records) this.people.set(foldName(r.name), withoutEmbeddings(r));
  }

  /** Every usable record of the store; damaged and other-model ones are left out and listed. */
  static async load(store: FaceStore): Promise<Gallery> {
    return Gallery.fromLoad(await store.load(), store.profile);
  }

  static fromLoad(loaded: LoadResult, profile: StoreProfile): Gallery {
    return new Gallery(MatrixIndex.fromRecords(loaded.records, { profile }), loaded.corrupt, loaded.mismatched, loaded.records);
  }

  /** Number of people. */
  get size(): number {
    return this.index.size;
  }

  /**
   * Throws STORE_MISMATCH when no record can be used because every readable one
   * is of another model or preprocessing (a store enrolled before an upgrade):
   * identifying against it would only ever say "no one is enrolled".
   */
  requireUsable(): void {
    if (this.size === 0 && this.mismatched.length > 0) throw storeMismatchError(this.mismatched);
  }

  /** The person (templates copied from the index), or undefined. */
  get(name: string): PersonRecord | undefined {
    const person = this.people.get(foldName(name));
    const rows = person === undefined ? undefined : this.index.templatesOf(person.name);
    if (person === undefined || rows === undefined) return undefined;
    return { ...person, templates: person.templates.map((t, i) => ({ ...t, embedding: rows[i]! })) };
  }

  /** The damaged record left out for this name: stored under its key, or named so inside. */
  damaged(name: string): CorruptEntry | undefined {
    const key = foldName(name);
    return this.corrupt.find((c) => c.key === key) ?? this.corrupt.find((c) => c.name !== undefined && foldName(c.name) === key);
  }

  /** The record of another model left out for this name. */
  mismatch(name: string): MismatchEntry | undefined {
    const key = foldName(name);
    return this.mismatched.find((m) => m.key === key);
  }

  /** Adds or replaces a person. */
  put(record: PersonRecord): void {
    this.index.add(record);
    this.people.set(foldName(record.name), withoutEmbeddings(record));
  }

  remove(name: string): void {
    this.index.remove(name);
    this.people.delete(foldName(name));
  }

  /** The `k` most similar people, best first, leaving out `except` (a name). */
  nearest(embedding: Float32Array, k: number, except?: string): SearchHit[] {
    if (this.size === 0) return [];
    const skip = except === undefined ? undefined : foldName(except);
    const wanted = Math.min(this.size, k + (skip !== undefined && this.people.has(skip) ? 1 : 0));
    return this.index
      .search(embedding, wanted)
      .filter((hit) => skip === undefined || foldName(hit.name) !== skip)
      .slice(0, k);
  }
}
