/**
 * The people nearest to a face among those not locked out. Who is locked out must not show
 * through a search or a denial (a score, a place in the list, or only being in the top k
 * would tell whether the face is theirs), so both rank the others only.
 */
import type { SearchHit } from '../search/matrix-index.js';
import { foldName } from '../store/record.js';
import type { Gallery } from './gallery.js';
import type { AuditLog } from './audit-log.js';
import { lockoutDecisions, type LockoutDecision } from './lockout-tail.js';
import type { LockoutPolicy } from './settings.js';

/** Lockout decisions for these names, keyed by folded name. */
export type LockoutLookup = (names: readonly string[]) => Promise<ReadonlyMap<string, LockoutDecision>>;

/** The lookup the audit log answers, at `now` under `policy`. */
export const auditLockouts =
  (audit: AuditLog, now: Date, policy: LockoutPolicy): LockoutLookup =>
  (names) =>
    lockoutDecisions(audit.readNewestFirst(), names, now, policy);

export interface NearestOpen {
  /** The `k` nearest people who are not locked out, nearest first. */
  readonly open: readonly SearchHit[];
  /** The nearest person of all, and whether they are locked out (undefined: no one is enrolled). */
  readonly nearest: { readonly hit: SearchHit; readonly lock: LockoutDecision | undefined } | undefined;
}

export const nearestOpen = async (gallery: Gallery, embedding: Float32Array, k: number, lockouts: LockoutLookup): Promise<NearestOpen> => {
  if (gallery.size === 0) return { open: [], nearest: undefined };
  for (let want = Math.min(Math.max(1, k), gallery.size); ; ) {
    const hits = gallery.nearest(embedding, want);
    const locks = await lockouts(hits.map((h) => h.name));
    const isLocked = (hit: SearchHit): boolean => locks.get(foldName(hit.name))?.locked === true;
    const open = hits.filter((h) => !isLocked(h));
    if (open.length >= k || hits.length >= gallery.size) {
      const first = hits[0];
      return { open: open.slice(0, k), nearest: first === undefined ? undefined : { hit: first, lock: locks.get(foldName(first.name)) } };
    }
    want = Math.min(gallery.size, want + (hits.length - open.length) * 2 + (k - open.length));
  }
};
