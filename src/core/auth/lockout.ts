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

export const lockoutState = (entries: Iterable<AuditEntry>, user: string, now: Date, policy: LockoutPolicy): LockoutState => {
  const key = foldName(user);
  let failures = 0;
  let lockedUntil: number | null = null;
  for (const entry of entries) {
    if (entry.event !== 'authenticate' || entry.claimed === null || foldName(entry.claimed) !== key) continue;
    const at = Date.parse(entry.time);
    if (entry.result === 'accepted') {
      failures = 0;
      lockedUntil = null;
    } else if (entry.result === 'denied') {
      if (lockedUntil !== null && at >= lockedUntil) {
        failures = 0;
        lockedUntil = null;
      }
      failures++;
      if (failures >= policy.maxFailures && lockedUntil === null) lockedUntil = at + policy.cooldownSeconds * 1000;
    }
  }
  const locked = lockedUntil !== null && now.getTime() < lockedUntil;
  return {
    locked,
    failures,
    until: locked && lockedUntil !== null ? new Date(lockedUntil).toISOString() : null,
    retryAfterSeconds: locked && lockedUntil !== null ? Math.ceil((lockedUntil - now.getTime()) / 1000) : 0,
  };
};
