import { UserError } from '../errors.js';
import type { PersonRecord } from '../store/record.js';

/** The matrix index's input checks: a bad input is a UserError (INVALID_ARGUMENT or DIMENSION_MISMATCH). */

export const invalid = (message: string): UserError => new UserError('INVALID_ARGUMENT', message);

/** How far a template's L2 norm may be from 1 (scores are raw dot products: cosine only for unit vectors). */
export const NORM_TOLERANCE = 1e-3;

/** At least one template, each of `record.dim` finite values, of unit length. One plain loop per template. */
export const checkTemplates = (record: PersonRecord): void => {
  if (record.templates.length === 0) throw invalid(`${JSON.stringify(record.name)} has no templates.`);
  for (const [i, t] of record.templates.entries()) {
    const e = t.embedding;
    if (e.length !== record.dim) {
      throw new UserError('DIMENSION_MISMATCH', `Template ${i} of ${JSON.stringify(record.name)} has ${e.length} values, expected ${record.dim}.`);
    }
    let sumSq = 0;
    for (let j = 0; j < e.length; j++) sumSq += e[j]! * e[j]!;
    // NaN or an infinity makes the sum NaN or infinite.
    if (!Number.isFinite(sumSq)) throw invalid(`Template ${i} of ${JSON.stringify(record.name)} holds a value that is not finite.`);
    const norm = Math.sqrt(sumSq);
    if (Math.abs(norm - 1) > NORM_TOLERANCE) {
      throw invalid(`Template ${i} of ${JSON.stringify(record.name)} is not unit length (L2 norm ${norm.toPrecision(4)}); embeddings must be L2-normalised.`);
    }
  }
};

export const checkK = (k: number): void => {
  if (!Number.isInteger(k) || k < 1) throw invalid(`k must be a positive whole number (got ${k}).`);
};

/** `dim` finite values. */
export const checkQuery = (query: Float32Array, dim: number): void => {
  if (query.length !== dim) {
    throw new UserError('DIMENSION_MISMATCH', `The query has ${query.length} values but the index holds ${dim}-value embeddings.`);
  }
  for (let j = 0; j < dim; j++) if (!Number.isFinite(query[j]!)) throw invalid(`Query value ${j} is ${query[j]} (not finite).`);
};
