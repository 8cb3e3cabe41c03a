/**
 * Lockout after repeated failures for one claimed user, derived from the audit
 * log alone (no second source of truth). Rules, in log order, for attempts
 * that claim the user (names compare case-insensitively):
 * - 'denied' is a failure; 'accepted' resets the count; 'locked' and 'error'
 *   (no face, bad file) neither count nor reset.
 * - The failure that makes the count reach maxFailures starts a cool-down of
 *   cooldownSeconds; attempts during it are refused without looking at a face.
 * - The first failure after a cool-down has ended starts a new count.
 * - 1:N attempts claim no one, so they neither count nor reset; but 1:N never
 *   accepts a person who is locked out (see authenticate.ts).
 *
 * lockoutState replays a whole log; lockout-tail.ts reaches the same decision
 * reading only the end of it.
 */
import { foldName } from '../store/record.js';
import type { AuditEntry } from './audit-entry.js';
import type { LockoutPolicy } from './settings.js';

export interface LockoutState {
  readonly locked: boolean;
  /** Consecutive failures counted so far. */
  readonly failures: number;
  /** When the cool-down ends (ISO), if one is running. */
  readonly until: string | null;
  /** Whole seconds left (0 when not locked). */
  readonly retryAfterSeconds: number;
}

/** The replay's state between entries: failures counted, and the end of the running (or last) cool-down, in ms. */
export interface Tally {
  readonly failures: number;
  readonly lockedUntil: number | null;
}

export const FRESH_TALLY: Tally = { failures: 0, lockedUntil: null };

/** The attempt's effect on the claimed user's lockout: 'accepted' or 'denied', or null if it has none for `key` (a folded name). */
export const lockoutEvent = (entry: AuditEntry, key: string): { readonly result: 'accepted' | 'denied'; readonly at: number } | null => {
  if (entry.event !== 'authenticate' || entry.claimed === null) return null;
  if (entry.result !== 'accepted' && entry.result !== 'denied') return null;
  if (foldName(entry.claimed) !== key) return null;
  return { result: entry.result, at: Date.parse(entry.time) };
};

/** One step of the replay. */
export const stepTally = (tally: Tally, event: { readonly result: 'accepted' | 'denied'; readonly at: number }, policy: LockoutPolicy): Tally => {
  if (event.result === 'accepted') return FRESH_TALLY;
  let { failures, lockedUntil } = tally;
  if (lockedUntil !== null && event.at >= lockedUntil) {
    failures = 0;
    lockedUntil = null;
  }
  failures++;
  if (failures >= policy.maxFailures && lockedUntil === null) lockedUntil = event.at + policy.cooldownSeconds * 1000;
  return { failures, lockedUntil };
};

/** What a replayed tally means at `now`. */
export const stateAt = (tally: Tally, now: Date): LockoutState => {
  const { lockedUntil } = tally;
  const locked = lockedUntil !== null && now.getTime() < lockedUntil;
  return {
    locked,
    failures: tally.failures,
    until: locked ? new Date(lockedUntil).toISOString() : null,
    retryAfterSeconds: locked ? Math.ceil((lockedUntil - now.getTime()) / 1000) : 0,
  };
};

export const lockoutState = (entries: Iterable<AuditEntry>, user: string, now: Date, policy: LockoutPolicy): LockoutState => {
  const key = foldName(user);
  let tally = FRESH_TALLY;
  for (const entry of entries) {
    const event = lockoutEvent(entry, key);
    if (event !== null) tally = stepTally(tally, event, policy);
  }
  return stateAt(tally, now);
};
