/** L2 normalisation and a non-throwing sanity report for embeddings. */
import { UserError } from '../errors.js';

export interface NormalizedVector {
  /** A new array; the input is not modified. */
  readonly vector: Float32Array;
  /** L2 norm of the input. */
  readonly norm: number;
}

/** Scales `v` to unit length. Empty, zero and non-finite vectors raise INVALID_ARGUMENT. */
export const l2Normalize = (v: Float32Array): NormalizedVector => {
  if (v.length === 0) throw new UserError('INVALID_ARGUMENT', 'Cannot normalise an empty vector.');
  let sum = 0;
  for (let i = 0; i < v.length; i++) sum += v[i]! * v[i]!;
  if (!Number.isFinite(sum)) {
    let index = 0;
    while (Number.isFinite(v[index])) index++;
    throw new UserError(
      'INVALID_ARGUMENT',
      `Cannot normalise a vector with a non-finite value (${String(v[index])}) at index ${index}.`,
    );
  }
  if (sum === 0) {
    throw new UserError('INVALID_ARGUMENT', 'Cannot normalise a zero vector: it has no direction.', {
      hint: 'A zero embedding usually means the model produced no output; re-run the embedding.',
    });
  }
  const norm = Math.sqrt(sum);
  const vector = new Float32Array(v.length);
  for (let i = 0; i < v.length; i++) vector[i] = v[i]! / norm;
  return { vector, norm };
};

export interface EmbeddingReport {
  readonly dim: number;
  readonly expectedDim: number | undefined;
  /** L2 norm over all values (NaN or Infinity when some value is not finite). */
  readonly norm: number;
  /** Every value is a finite number. */
  readonly finite: boolean;
  readonly nonFiniteCount: number;
  /** No problems. */
  readonly ok: boolean;
  /** Human-readable, one per problem. */
  readonly problems: readonly string[];
}

export interface ValidateEmbeddingOptions {
  /** Also require the norm to be 1 (within `normTolerance`). */
  readonly unitNorm?: boolean;
  /** Default 1e-3. */
  readonly normTolerance?: number;
}

/**
 * Checks an embedding without throwing: dimension, finiteness, non-zero norm
 * and (optionally) unit norm. Accepts plain arrays too (e.g. parsed JSON).
 */
export const validateEmbedding = (
  v: ArrayLike<number>,
  expectedDim?: number,
  options: ValidateEmbeddingOptions = {},
): EmbeddingReport => {
  const problems: string[] = [];
  const dim = v.length;
  let sum = 0;
  let nonFiniteCount = 0;
  let firstBad = -1;
  for (let i = 0; i < dim; i++) {
    const x = v[i]!;
    // typeof guards plain arrays holding strings or null.
    if (typeof x !== 'number' || !Number.isFinite(x)) {
      nonFiniteCount++;
      if (firstBad < 0) firstBad = i;
    }
    sum += x * x;
  }
  const norm = Math.sqrt(sum);
  if (dim === 0) problems.push('The embedding is empty (dimension 0).');
  if (expectedDim !== undefined && dim !== expectedDim) {
    problems.push(`Dimension is ${dim}, expected ${expectedDim}.`);
  }
  if (nonFiniteCount > 0) {
    problems.push(
      `${nonFiniteCount} value${nonFiniteCount === 1 ? ' is' : 's are'} not a finite number (first at index ${firstBad}: ${String(v[firstBad])}).`,
    );
  } else if (dim > 0 && norm === 0) {
    problems.push('The embedding is all zeros (norm 0).');
  } else if (options.unitNorm === true && dim > 0) {
    const tolerance = options.normTolerance ?? 1e-3;
    if (Math.abs(norm - 1) > tolerance) {
      problems.push(`Norm is ${norm.toPrecision(6)}, expected 1 (not L2-normalised).`);
    }
  }
  return {
    dim,
    expectedDim,
    norm,
    finite: nonFiniteCount === 0,
    nonFiniteCount,
    ok: problems.length === 0,
    problems,
  };
};
