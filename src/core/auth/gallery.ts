/**
 * The enrolled people of a store, loaded once per process into one
 * MatrixIndex (every template in one contiguous matrix) plus the records by
 * name, and kept in step with the writes this process makes.
 */
import { MatrixIndex, type SearchHit } from '../search/matrix-index.js';
import type { CorruptEntry, FaceStore } from '../store/face-store.js';
import { foldName, type PersonRecord } from '../store/record.js';

export class Gallery {
  private readonly records = new Map<string, PersonRecord>();

  private constructor(
    readonly index: MatrixIndex,
    /** Damaged records the store skipped (reported, left on disk). */
    readonly corrupt: readonly CorruptEntry[],
    records: readonly PersonRecord[],
  ) {
    for (const r of records) this.records.set(foldName(r.name), r);
  }

  /** Throws STORE_MISMATCH when a record was made by another model or preprocessing. */
  static async load(store: FaceStore): Promise<Gallery> {
    const { records, corrupt } = await store.load();
    return new Gallery(MatrixIndex.fromRecords(records, { profile: store.profile }), corrupt, records);
  }

  /** Number of people. */
  get size(): number {
    return this.index.size;
  }

  get(name: string): PersonRecord | undefined {
    return this.records.get(foldName(name));
  }

  /** Adds or replaces a person. */
  put(record: PersonRecord): void {
    this.index.add(record);
    this.records.set(foldName(record.name), record);
  }

  remove(name: string): void {
    this.index.remove(name);
    this.records.delete(foldName(name));
  }

  /** The `k` most similar people, best first, leaving out `except` (a name). */
  nearest(embedding: Float32Array, k: number, except?: string): SearchHit[] {
    if (this.size === 0) return [];
    const skip = except === undefined ? undefined : foldName(except);
    const wanted = Math.min(this.size, k + (skip !== undefined && this.records.has(skip) ? 1 : 0));
    return this.index
      .search(embedding, wanted)
      .filter((hit) => skip === undefined || foldName(hit.name) !== skip)
      .slice(0, k);
  }
}
