/**
 * search <image> -k N: the N enrolled people most similar to the photo's
 * largest face, with scores. A look-up, not a decision — but it identifies
 * people all the same, so it is held to the same rules as authenticate: every
 * search is recorded in the audit log (event 'search': who was shown, with what
 * score; never the photo, a path or an embedding), and a person locked out after
 * failed attempts is left out: the N shown are the nearest of the others. Listing
 * them in any form would tell whether the face is theirs (their score, their
 * place, or only whether they made the top N).
 */
import { isUserError, UserError } from '../errors.js';
import type { SearchEntry } from './audit-entry.js';
import type { AuditLog } from './audit-log.js';
import type { Gallery } from './gallery.js';
import { auditLockouts, nearestOpen } from './nearest-open.js';
import { photoSha256 } from './photo-hash.js';
import type { AuthEngine } from './profile.js';
import type { LockoutPolicy } from './settings.js';

export interface SearchHitView {
  readonly name: string;
  readonly score: number;
  readonly match: boolean;
}

export interface SearchResult {
  readonly faces: number;
  readonly threshold: number;
  /** Best first; `match` = score at or above the threshold. */
  readonly hits: readonly SearchHitView[];
}

export interface SearchDeps {
  readonly engine: AuthEngine;
  readonly gallery: () => Promise<Gallery>;
  readonly threshold: number;
  readonly audit: AuditLog;
  readonly lockout: LockoutPolicy;
  readonly now: () => Date;
}

export const searchPeople = async (deps: SearchDeps, file: string, k: number): Promise<SearchResult> => {
  if (!Number.isSafeInteger(k) || k < 1) throw new UserError('INVALID_ARGUMENT', `-k must be a positive whole number (got ${k}).`);
  const at = deps.now();
  const gallery = await deps.gallery();
  gallery.requireUsable();
  const base = { time: at.toISOString(), event: 'search', k, threshold: deps.threshold } as const;
  let result;
  try {
    result = await deps.engine.embed(file);
  } catch (error) {
    const entry: SearchEntry = { ...base, result: 'error', faces: null, hits: [], imageSha256: await photoSha256(file), code: isUserError(error) ? error.code : 'BUG' };
    await deps.audit.append(entry);
    throw error;
  }
  const { open } = await nearestOpen(gallery, result.embedding, k, auditLockouts(deps.audit, at, deps.lockout));
  const hits: SearchHitView[] = open.map((h) => ({ name: h.name, score: h.score, match: h.score >= deps.threshold }));
  const entry: SearchEntry = {
    ...base,
    result: 'ok',
    faces: result.faces.length,
    hits: hits.map((h) => ({ name: h.name, score: h.score })),
    imageSha256: result.sha256,
  };
  await deps.audit.append(entry);
  return { faces: result.faces.length, threshold: deps.threshold, hits };
};
