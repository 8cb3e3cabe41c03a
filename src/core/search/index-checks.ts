import { UserError } from '../errors.js';
import type { PersonRecord } from '../store/record.js';

/** The matrix index's input checks: a bad input is a UserError (INVALID_ARGUMENT or DIMENSION_MISMATCH). */

export const invalid = (message: string): UserError => new UserError('INVALID_ARGUMENT', message);

/** At least one template, each of `record.dim` finite values. */
export const checkTemplates = (record: PersonRecord): void => {
  if (record.templates.length === 0) throw invalid(`${JSON.stringify(record.name)} has no templates.`);
  for (const [i, t] of record.templates.entries()) {
    if (t.embedding.length !== record.dim) {
      throw new UserError('DIMENSION_MISMATCH', `Template ${i} of ${JSON.stringify(record.name)} has ${t.embedding.length} values, expected ${record.dim}.`);
    }
    if (!t.embedding.every(Number.isFinite)) throw invalid(`Template ${i} of ${JSON.stringify(record.name)} holds a value that is not finite.`);
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
