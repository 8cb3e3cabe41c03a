/**
 * search <image> -k N: the N enrolled people most similar to the photo's
 * largest face, with scores. A look-up for people who administer the store —
 * not an authentication: nothing is decided and nothing is audited.
 */
import { UserError } from '../errors.js';
import type { Gallery } from './gallery.js';
import type { AuthEngine } from './profile.js';

export interface SearchResult {
  readonly faces: number;
  readonly threshold: number;
  /** Best first; `match` = score at or above the threshold. */
  readonly hits: readonly { readonly name: string; readonly score: number; readonly match: boolean }[];
}

export const searchPeople = async (
  deps: { readonly engine: AuthEngine; readonly gallery: () => Promise<Gallery>; readonly threshold: number },
  file: string,
  k: number,
): Promise<SearchResult> => {
  if (!Number.isInteger(k) || k < 1) throw new UserError('INVALID_ARGUMENT', `-k must be a positive whole number (got ${k}).`);
  const gallery = await deps.gallery();
  const result = await deps.engine.embed(file);
  return {
    faces: result.faces.length,
    threshold: deps.threshold,
    hits: gallery.nearest(result.embedding, k).map((h) => ({ name: h.name, score: h.score, match: h.score >= deps.threshold })),
  };
};
