/**
 * 1:N identification: which enrolled people look most like this face?
 *
 * All templates live in ONE contiguous float32 matrix (row = template, columns =
 * dim padded to a multiple of 16 with zeros), each person's templates in
 * consecutive rows, plus `rowOwner` mapping row -> person. A search is one
 * linear pass: a dot product per row (Wasm SIMD kernel, or a 4-way unrolled JS
 * loop), the best row per person, and a bounded top-k min-heap over people —
 * no per-row allocation and no full sort.
 *
 * Embeddings are L2-normalised, so cosine similarity = dot product. Scores are
 * accumulated in float32 (about 1e-6 from a double-precision dot).
 */
import { foldName, nameKey, profileMismatch, type PersonRecord, type StoreProfile } from '../store/record.js';
import { storeMismatchError } from '../store/store-errors.js';
import { checkK, checkQuery, checkTemplates, invalid } from './index-checks.js';
import { createDotKernel, MAX_KERNEL_BYTES, strideFor, type DotKernel } from './dot-kernel.js';
import type { FromRecordsOptions, IndexedPerson, MatrixIndexOptions, SearchHit } from './matrix-index-types.js';
import { TopPeople } from './top-people.js';

export type { FromRecordsOptions, IndexedPerson, MatrixIndexOptions, SearchHit } from './matrix-index-types.js';

interface Person {
  readonly key: string;
  readonly name: string;
  readonly id: string;
  start: number;
  count: number;
}

/** Rows scored per kernel call; their scores fit in a small buffer. */
const CHUNK_ROWS = 4096;
const align64 = (bytes: number): number => Math.ceil(bytes / 64) * 64;

export class MatrixIndex {
  private dimension: number | undefined;
  private stride = 0;
  private kernel: DotKernel;
  private floats: Float32Array;
  private readonly queryOffset = 0;
  private scoresOffset = 0;
  private dataOffset = 0;
  private rowCount = 0;
  /** Rows the kernel memory and rowOwner hold room for (reserve grows both). */
  private capacityRows = 0;
  private rowOwner: Int32Array;
  private readonly people: Person[] = [];
  private readonly byKey = new Map<string, number>();
  private expected: Pick<StoreProfile, 'modelId' | 'preprocessing'> | undefined;

  /** An empty index; `dim` may be left undefined and is then fixed by the first add. */
  constructor(dim?: number, options: MatrixIndexOptions = {}) {
    const capacity = Math.max(0, Math.floor(options.capacity ?? 0));
    this.kernel = createDotKernel(0, options.simd === undefined ? {} : { simd: options.simd });
    this.floats = new Float32Array(this.kernel.buffer());
    this.rowOwner = new Int32Array(Math.max(16, capacity));
    if (dim !== undefined) this.setDim(dim, capacity);
  }

  /** Builds an index of every template of every record (all of one model, preprocessing and dim). */
  static fromRecords(records: Iterable<PersonRecord>, options: FromRecordsOptions = {}): MatrixIndex {
    const list = [...records];
    const profile = options.profile;
    const first = list[0];
    const reference = profile ?? (first === undefined ? undefined : { modelId: first.modelId, preprocessing: first.preprocessing, dim: first.dim });
    if (reference !== undefined) {
      const mismatched = list.flatMap((record) => {
        const reason = profileMismatch(record, reference);
        return reason === undefined ? [] : [{ name: record.name, reason }];
      });
      if (mismatched.length > 0) throw storeMismatchError(mismatched);
    }
    const rows = list.reduce((sum, record) => sum + record.templates.length, 0);
    // Reserved once: the matrix is written in place, never regrown while building.
    const index = new MatrixIndex(reference?.dim, { ...options, capacity: Math.max(rows, options.capacity ?? 0) });
    if (reference !== undefined) index.expected = { modelId: reference.modelId, preprocessing: reference.preprocessing };
    for (const record of list) index.add(record);
    return index;
  }

  /**
   * Builds an index from a row-major matrix (`dim` floats per row) already in
   * memory — for large synthetic sets and benchmarks. `people[i]` owns the next
   * `people[i].rows ?? 1` rows. The rows are copied once into the index.
   */
  static fromMatrix(matrix: Float32Array, dim: number, people: readonly IndexedPerson[], options: MatrixIndexOptions = {}): MatrixIndex {
    const rows = people.reduce((sum, p) => sum + (p.rows ?? 1), 0);
    if (rows * dim !== matrix.length) throw invalid(`The matrix holds ${matrix.length / dim} rows of ${dim}, but the people own ${rows}.`);
    const index = new MatrixIndex(dim, { ...options, capacity: Math.max(rows, options.capacity ?? 0) });
    const packed = index.stride === dim; // no padding: one bulk copy
    if (packed) index.floats.set(matrix, index.dataOffset >>> 2);
    let row = 0;
    for (const [i, p] of people.entries()) {
      const count = p.rows ?? 1;
      if (!Number.isInteger(count) || count < 1) throw invalid(`Person ${i} must own at least one row.`);
      const person = index.beginPerson(p.name, p.id ?? `row-${row}`, count);
      const owner = index.people.length - 1;
      for (let t = 0; t < count; t++, row++) {
        if (packed) index.rowOwner[person.start + t] = owner;
        else index.writeRow(person.start + t, matrix.subarray(row * dim, (row + 1) * dim), owner);
      }
    }
    return index;
  }

  /** Embedding dimension (undefined for an empty index not yet given one). */
  get dim(): number | undefined {
    return this.dimension;
  }

  /** Number of people. */
  get size(): number {
    return this.people.length;
  }

  /** Number of templates (rows). */
  get rows(): number {
    return this.rowCount;
  }

  /** 'wasm-simd' or 'js'. */
  get kernelKind(): DotKernel['kind'] {
    return this.kernel.kind;
  }

  has(name: string): boolean {
    return this.byKey.has(nameKey(name));
  }

  /** Adds a person's templates; replaces the person of that name if present. */
  add(record: PersonRecord): void {
    const expected = this.expected;
    // Plain comparisons first; the message is only built for a record that differs.
    if (
      (expected !== undefined && (record.modelId !== expected.modelId || record.preprocessing !== expected.preprocessing)) ||
      (this.dimension !== undefined && record.dim !== this.dimension)
    ) {
      const reason = profileMismatch(record, {
        modelId: expected?.modelId ?? record.modelId,
        preprocessing: expected?.preprocessing ?? record.preprocessing,
        dim: this.dimension ?? record.dim,
      });
      if (reason !== undefined) throw storeMismatchError([{ name: record.name, reason }]);
    }
    checkTemplates(record);
    const key = nameKey(record.name);
    if (this.dimension === undefined) this.setDim(record.dim, record.templates.length);
    this.expected ??= { modelId: record.modelId, preprocessing: record.preprocessing };
    if (this.byKey.has(key)) this.remove(record.name);
    const person = this.beginPerson(record.name, record.id, record.templates.length, key);
    const owner = this.people.length - 1;
    for (const [i, t] of record.templates.entries()) this.writeRow(person.start + i, t.embedding, owner);
  }

  /** Removes a person (moves the later rows up: linear, but a plain memory move). */
  remove(name: string): boolean {
    const key = nameKey(name);
    const p = this.byKey.get(key);
    if (p === undefined) return false;
    const person = this.people[p]!;
    const { start, count } = person;
    const stride = this.stride;
    const base = this.dataOffset >>> 2;
    this.floats.copyWithin(base + start * stride, base + (start + count) * stride, base + this.rowCount * stride);
    this.rowOwner.copyWithin(start, start + count, this.rowCount);
    this.rowCount -= count;
    for (let r = start; r < this.rowCount; r++) this.rowOwner[r] = this.rowOwner[r]! - 1;
    this.people.splice(p, 1);
    this.byKey.delete(key);
    for (let i = p; i < this.people.length; i++) {
      const later = this.people[i]!;
      later.start -= count;
      this.byKey.set(later.key, i);
    }
    return true;
  }

  /**
   * The `k` people most similar to `query` (best template per person), most
   * similar first; ties keep insertion order.
   */
  search(query: Float32Array, k: number): SearchHit[] {
    checkK(k);
    if (this.people.length === 0) return [];
    checkQuery(query, this.dimension!);

    const f = this.floats;
    f.set(query, this.queryOffset >>> 2); // padding past dim stays zero

    const top = new TopPeople(Math.min(k, this.people.length));
    const strideBytes = this.stride * 4;
    const owners = this.rowOwner;
    const scoresBase = this.scoresOffset >>> 2;
    let current = -1;
    let best = -Infinity;
    let bestRow = -1;
    for (let chunk = 0; chunk < this.rowCount; chunk += CHUNK_ROWS) {
      const n = Math.min(CHUNK_ROWS, this.rowCount - chunk);
      this.kernel.scan(this.dataOffset + chunk * strideBytes, this.queryOffset, n, strideBytes, this.scoresOffset);
      for (let i = 0; i < n; i++) {
        const score = f[scoresBase + i]!;
        const owner = owners[chunk + i]!;
        if (owner !== current) {
          if (current >= 0) top.offer(current, best, bestRow);
          current = owner;
          best = score;
          bestRow = chunk + i;
        } else if (score > best) {
          best = score;
          bestRow = chunk + i;
        }
      }
    }
    if (current >= 0) top.offer(current, best, bestRow);

    return top.ranked().map(({ person: p, score, row }) => {
      const person = this.people[p]!;
      return { name: person.name, id: person.id, score, template: row - person.start };
    });
  }

  /**
   * The score of one person's best template (1:1 verification), computed by the same kernel
   * as `search`, so a claimed identity and a search score a face identically; undefined if
   * the person is not in the index.
   */
  scoreOf(query: Float32Array, name: string): number | undefined {
    const p = this.byKey.get(foldName(name));
    if (p === undefined) return undefined;
    checkQuery(query, this.dimension!);
    const { start, count } = this.people[p]!;
    this.floats.set(query, this.queryOffset >>> 2);
    const strideBytes = this.stride * 4;
    const scoresBase = this.scoresOffset >>> 2;
    let best = -Infinity;
    for (let chunk = 0; chunk < count; chunk += CHUNK_ROWS) {
      const n = Math.min(CHUNK_ROWS, count - chunk);
      this.kernel.scan(this.dataOffset + (start + chunk) * strideBytes, this.queryOffset, n, strideBytes, this.scoresOffset);
      for (let i = 0; i < n; i++) best = Math.max(best, this.floats[scoresBase + i]!);
    }
    return best;
  }

  /** Copies of a person's rows (their templates, in order), or undefined if the person is not in the index. */
  templatesOf(name: string): Float32Array[] | undefined {
    const p = this.byKey.get(foldName(name));
    if (p === undefined) return undefined;
    const { start, count } = this.people[p]!;
    return Array.from({ length: count }, (_, t) => this.row(start + t));
  }

  /** A copy of one stored row (dim floats), for inspection and tests. */
  row(index: number): Float32Array {
    if (!Number.isInteger(index) || index < 0 || index >= this.rowCount) throw invalid(`No row ${index}.`);
    const at = (this.dataOffset >>> 2) + index * this.stride;
    return this.floats.slice(at, at + this.dimension!);
  }

  // --- storage --------------------------------------------------------------

  private setDim(dim: number, capacity: number): void {
    if (!Number.isInteger(dim) || dim < 1) throw invalid(`Bad embedding dimension ${dim}.`);
    this.dimension = dim;
    this.stride = strideFor(dim);
    this.scoresOffset = align64(this.queryOffset + this.stride * 4);
    this.dataOffset = align64(this.scoresOffset + CHUNK_ROWS * 4);
    this.reserve(capacity);
  }

  private reserve(rows: number): void {
    const bytes = this.dataOffset + rows * this.stride * 4;
    if (!this.kernel.ensure(bytes)) {
      throw invalid(
        `An index of ${rows} templates of ${this.dimension} values needs ${(bytes / 2 ** 30).toFixed(1)} GiB; one index holds at most ${MAX_KERNEL_BYTES / 2 ** 30} GiB.`,
      );
    }
    const buffer = this.kernel.buffer();
    if (this.floats.buffer !== buffer) this.floats = new Float32Array(buffer); // the old view is detached after a grow
    if (this.rowOwner.length < rows) {
      const owners = new Int32Array(Math.max(rows, Math.ceil(this.rowOwner.length * 1.5)));
      owners.set(this.rowOwner.subarray(0, this.rowCount));
      this.rowOwner = owners;
    }
    const strideBytes = this.stride * 4;
    this.capacityRows = Math.min(this.rowOwner.length, Math.floor((buffer.byteLength - this.dataOffset) / strideBytes));
  }

  private beginPerson(name: string, id: string, count: number, key = foldName(name)): Person {
    if (this.byKey.has(key)) throw invalid(`${JSON.stringify(name)} is in the index twice.`);
    if (this.rowCount + count > this.capacityRows) this.reserve(this.rowCount + count);
    const person: Person = { key, name, id, start: this.rowCount, count };
    this.byKey.set(key, this.people.length);
    this.people.push(person);
    this.rowCount += count;
    return person;
  }

  private writeRow(row: number, embedding: Float32Array, owner: number): void {
    const at = (this.dataOffset >>> 2) + row * this.stride;
    this.floats.set(embedding, at);
    if (this.stride > embedding.length) this.floats.fill(0, at + embedding.length, at + this.stride);
    this.rowOwner[row] = owner;
  }
}
