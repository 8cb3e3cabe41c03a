/**
 * search <image> -k N: the N enrolled people most similar to the photo's
 * largest face, with scores. A look-up, not a decision — but it identifies
 * people all the same, so it is held to the same rules as authenticate: every
 * search is recorded in the audit log (event 'search': who was shown, with what
 * score; never the photo, a path or an embedding), and a person locked out
 * after failed attempts is listed as locked out, without their score and after
 * everyone else (either would tell whether the face is theirs).
 */
import { isUserError, UserError } from '../errors.js';
import type { SearchEntry } from './audit-entry.js';
import type { AuditLog } from './audit-log.js';
import type { Gallery } from './gallery.js';
import { lockoutDecisions, type LockoutDecision } from './lockout-tail.js';
import { photoSha256 } from './photo-hash.js';
import { foldName } from '../store/record.js';
import type { AuthEngine } from './profile.js';
import type { LockoutPolicy } from './settings.js';

export type SearchHitView =
  | { readonly name: string; readonly score: number; readonly match: boolean; readonly lockedOut?: undefined }
  /** Locked out after failed attempts: no score is given. */
  | { readonly name: string; readonly score: null; readonly match: false; readonly lockedOut: true; readonly retryAfterSeconds: number };

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
  const nearest = gallery.nearest(result.embedding, k);
  const locks = nearest.length === 0 ? new Map<string, LockoutDecision>() : await lockoutDecisions(deps.audit.readNewestFirst(), nearest.map((h) => h.name), at, deps.lockout);
  const ranked = nearest.map((h): SearchHitView => {
    const lock = locks.get(foldName(h.name));
    return lock?.locked === true
      ? { name: h.name, score: null, match: false, lockedOut: true, retryAfterSeconds: lock.retryAfterSeconds }
      : { name: h.name, score: h.score, match: h.score >= deps.threshold };
  });
  // A locked-out person's place in the ranking would tell as much as their score (first: the
  // face is probably theirs): they come after everyone else, by name.
  const hits = [
    ...ranked.filter((h) => h.lockedOut !== true),
    ...ranked.filter((h) => h.lockedOut === true).sort((a, b) => (foldName(a.name) < foldName(b.name) ? -1 : foldName(a.name) > foldName(b.name) ? 1 : 0)),
  ];
  const entry: SearchEntry = {
    ...base,
    result: 'ok',
    faces: result.faces.length,
    hits: hits.map((h) => (h.lockedOut === true ? { name: h.name, score: null, lockedOut: true } : { name: h.name, score: h.score })),
    imageSha256: result.sha256,
  };
  await deps.audit.append(entry);
  return { faces: result.faces.length, threshold: deps.threshold, hits };
};
