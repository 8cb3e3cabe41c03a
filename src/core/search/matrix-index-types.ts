/** What a MatrixIndex is built from and answers with. */
import type { StoreProfile } from '../store/record.js';

export interface SearchHit {
  readonly name: string;
  readonly id: string;
  /** Cosine similarity of the person's best template, -1..1. */
  readonly score: number;
  /** Index of that template in the person's record. */
  readonly template: number;
}

export interface MatrixIndexOptions {
  /** Use the Wasm SIMD kernel when the runtime has it (default true). */
  readonly simd?: boolean;
  /** Rows to reserve up front (avoids growing while adding). */
  readonly capacity?: number;
}

export interface FromRecordsOptions extends MatrixIndexOptions {
  /** Every record must match it (else STORE_MISMATCH); also fixes dim for an empty index. */
  readonly profile?: StoreProfile;
}

/** A person as the index knows them (for fromMatrix). */
export interface IndexedPerson {
  readonly name: string;
  readonly id?: string;
  /** Consecutive rows this person owns (default 1). */
  readonly rows?: number;
}
