/** Shared input handling for score arrays (higher = more similar). */
import { UserError } from '../errors.js';

/** Comparison scores, higher = more similar. Plain and typed arrays both work. */
export type Scores = ArrayLike<number>;

const FINITE_HINT = 'Scores must be finite numbers; check the embeddings that produced them.';

/** Throws INVALID_ARGUMENT unless `scores` has at least `minCount` values, all finite. */
export const assertScores = (name: string, scores: Scores, minCount = 1): void => {
  if (scores.length < minCount) {
    throw new UserError(
      'INVALID_ARGUMENT',
      `Need at least ${minCount} ${name} score${minCount === 1 ? '' : 's'}, got ${scores.length}.`,
      { hint: name === 'impostor' ? 'Impostor scores need at least two identities.' : undefined },
    );
  }
  for (let i = 0; i < scores.length; i++) {
    const x = scores[i];
    if (typeof x !== 'number' || !Number.isFinite(x)) {
      throw new UserError('INVALID_ARGUMENT', `The ${name} score at index ${i} is ${String(x)}.`, { hint: FINITE_HINT });
    }
  }
};

/** Both sets: at least one genuine and one impostor score, all finite. */
export const assertScorePair = (genuine: Scores, impostor: Scores): void => {
  assertScores('genuine', genuine);
  assertScores('impostor', impostor);
};

export const assertThreshold = (threshold: number): void => {
  if (typeof threshold !== 'number' || Number.isNaN(threshold)) {
    throw new UserError('INVALID_ARGUMENT', `The threshold must be a number, got ${String(threshold)}.`);
  }
};

/** A sorted (ascending) float64 copy. */
export const sortedAscending = (scores: Scores): Float64Array => {
  const out = Float64Array.from(scores);
  out.sort();
  return out;
};

/** Both sets checked (assertScorePair), then sorted ascending. */
export const sortedScorePair = (genuine: Scores, impostor: Scores): { readonly genuine: Float64Array; readonly impostor: Float64Array } => {
  assertScorePair(genuine, impostor);
  return { genuine: sortedAscending(genuine), impostor: sortedAscending(impostor) };
};

const scratch = new Float64Array(1);
const scratchBits = new BigInt64Array(scratch.buffer);

/**
 * The smallest double greater than `x`. With the rule "score >= threshold
 * accepts", `nextUp(s)` is the lowest threshold that rejects the score `s`.
 */
export const nextUp = (x: number): number => {
  if (Number.isNaN(x) || x === Infinity) return x;
  if (x === 0) return Number.MIN_VALUE;
  scratch[0] = x;
  scratchBits[0] = scratchBits[0]! + (x > 0 ? 1n : -1n);
  const up = scratch[0];
  return up === 0 ? 0 : up;
};

/**
 * How many false accepts out of `impostorCount` a target FAR allows:
 * floor(targetFar * n), with a relative slack so that e.g. 0.29 * 100 (which is
 * 28.999999999999996 in floating point) counts as 29.
 */
export const allowedFalseAccepts = (targetFar: number, impostorCount: number): number =>
  Math.floor(targetFar * impostorCount * (1 + 1e-12) + 1e-12);

export const assertTargetFar = (targetFar: number): void => {
  if (typeof targetFar !== 'number' || !(targetFar > 0 && targetFar <= 1)) {
    throw new UserError('INVALID_ARGUMENT', `The target FAR must be in (0, 1], got ${String(targetFar)}.`, {
      hint: 'For example 0.001 for one false accept in a thousand impostor attempts.',
    });
  }
};
