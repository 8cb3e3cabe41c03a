/**
 * The lockout decision from the END of the audit log: entries are read newest
 * first, and reading stops as soon as the part not yet read cannot change the
 * decision that lockoutState (lockout.ts) would reach replaying the whole log.
 * A log of 200,000 lines no longer costs a full read per attempt.
 *
 * Why it can stop: whatever happened before the entries read so far only
 * leaves the replay in one of a few states when it reaches them — k failures
 * counted (0 <= k < maxFailures, no cool-down), or a cool-down ending at some
 * time L. Entries are appended in time order (give or take CLOCK_SKEW_MS), so
 * L is before the oldest entry read plus the skew plus the cool-down; and only
 * where L falls among the times read matters. The entries read are replayed
 * from each of those states: when every replay ends in the same decision, it
 * is the decision. A claimed user's acceptance resets the count, so reading
 * always stops there, and it stops at the start of the file.
 */
import { foldName } from '../store/record.js';
import type { AuditEntry } from './audit-entry.js';
import { FRESH_TALLY, lockoutEvent, stateAt, stepTally, type LockoutState, type Tally } from './lockout.js';
import type { LockoutPolicy } from './settings.js';

/** A lockout decision: whether the user is locked out now, until when, and for how many more seconds. */
export type LockoutDecision = Omit<LockoutState, 'failures'>;

/** How far out of time order an entry may be appended (an attempt's time is taken when it starts). */
export const CLOCK_SKEW_MS = 5 * 60_000;

/** How many entries are read between two checks of whether the decisions are settled. */
const CHECK_EVERY = 128;

type Event = NonNullable<ReturnType<typeof lockoutEvent>>;

const decisionOf = (state: LockoutState): LockoutDecision => ({ locked: state.locked, until: state.until, retryAfterSeconds: state.retryAfterSeconds });

const replay = (start: Tally, chronological: readonly Event[], policy: LockoutPolicy): Tally =>
  chronological.reduce((tally, event) => stepTally(tally, event, policy), start);

/**
 * The decision if the entries read so far settle it, else undefined.
 * `newestFirst` are the user's events read, `oldest` the earliest time of any entry read.
 */
const settled = (newestFirst: readonly Event[], oldest: number, now: Date, policy: LockoutPolicy): LockoutDecision | undefined => {
  const chronological = [...newestFirst].reverse();
  // A cool-down started before the entries read ends before this.
  const latestEnd = oldest + CLOCK_SKEW_MS + policy.cooldownSeconds * 1000;
  if (latestEnd > now.getTime()) return undefined; // it might still be running
  const starts: Tally[] = Array.from({ length: Math.max(1, policy.maxFailures) }, (_, failures) => ({ failures, lockedUntil: null }));
  const ends = new Set([Number.NEGATIVE_INFINITY, latestEnd, ...chronological.filter((e) => e.at <= latestEnd).map((e) => e.at)]);
  for (const lockedUntil of ends) starts.push({ failures: policy.maxFailures, lockedUntil });
  let decision: LockoutDecision | undefined;
  for (const start of starts) {
    const next = decisionOf(stateAt(replay(start, chronological, policy), now));
    if (decision === undefined) decision = next;
    else if (next.locked !== decision.locked || next.until !== decision.until) return undefined;
  }
  return decision;
};

/**
 * The lockout decision for each of `users` (by folded name), reading the audit
 * log newest first (`newestFirst`) only as far as needed.
 */
export const lockoutDecisions = async (
  newestFirst: AsyncIterable<AuditEntry> | Iterable<AuditEntry>,
  users: readonly string[],
  now: Date,
  policy: LockoutPolicy,
): Promise<Map<string, LockoutDecision>> => {
  const decided = new Map<string, LockoutDecision>();
  const pending = new Map<string, Event[]>();
  for (const user of users) pending.set(foldName(user), []);
  let oldest = Number.POSITIVE_INFINITY;
  let read = 0;
  const check = (): void => {
    for (const [key, events] of pending) {
      const decision = settled(events, oldest, now, policy);
      if (decision !== undefined) {
        decided.set(key, decision);
        pending.delete(key);
      }
    }
  };
  for await (const entry of newestFirst) {
    const at = Date.parse(entry.time);
    if (at < oldest) oldest = at;
    for (const [key, events] of pending) {
      const event = lockoutEvent(entry, key);
      if (event === null) continue;
      events.push(event);
      if (event.result === 'accepted') {
        // The count restarts here: what came before does not matter.
        decided.set(key, decisionOf(stateAt(replay(FRESH_TALLY, [...events].reverse(), policy), now)));
        pending.delete(key);
      }
    }
    if (++read % CHECK_EVERY === 0) check();
    if (pending.size === 0) break;
  }
  // The start of the log (or all decided): the replay of what is left starts from nothing.
  for (const [key, events] of pending) decided.set(key, decisionOf(stateAt(replay(FRESH_TALLY, [...events].reverse(), policy), now)));
  return decided;
};

/** The decision for one user (see lockoutDecisions). */
export const lockoutDecision = async (newestFirst: AsyncIterable<AuditEntry> | Iterable<AuditEntry>, user: string, now: Date, policy: LockoutPolicy): Promise<LockoutDecision> =>
  (await lockoutDecisions(newestFirst, [user], now, policy)).get(foldName(user))!;
