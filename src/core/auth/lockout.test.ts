import { describe, expect, it } from 'vitest';
import type { AuditEntry, AuthResult } from './audit-entry.js';
import { mulberry32 } from '../evaluation/prng.js';
import { lockoutState } from './lockout.js';
import { lockoutDecision } from './lockout-tail.js';

const policy = { maxFailures: 3, cooldownSeconds: 60 };
const t0 = Date.UTC(2025, 5, 1, 12, 0, 0);
const at = (seconds: number): Date => new Date(t0 + seconds * 1000);

const attempt = (seconds: number, result: AuthResult, claimed: string | null = 'Ada'): AuditEntry => ({
  time: at(seconds).toISOString(),
  event: 'authenticate',
  result,
  reason: result === 'accepted' ? 'match' : result === 'denied' ? 'below-threshold' : result === 'locked' ? 'locked-out' : 'error',
  mode: claimed === null ? 'identify' : 'verify',
  claimed,
  name: result === 'accepted' ? claimed : null,
  score: 0.1,
  threshold: 0.35,
  margin: null,
  faces: 1,
  imageSha256: null,
});

describe('lockoutState', () => {
  it('locks after maxFailures consecutive failures, for cooldownSeconds from the last one', () => {
    const log = [attempt(0, 'denied'), attempt(10, 'denied')];
    expect(lockoutState(log, 'Ada', at(11), policy)).toEqual({ locked: false, failures: 2, until: null, retryAfterSeconds: 0 });
    log.push(attempt(20, 'denied'));
    expect(lockoutState(log, 'Ada', at(21), policy)).toEqual({ locked: true, failures: 3, until: at(80).toISOString(), retryAfterSeconds: 59 });
    expect(lockoutState(log, 'Ada', at(79.5), policy).locked).toBe(true);
    expect(lockoutState(log, 'Ada', at(80), policy).locked).toBe(false);
  });

  it('refused attempts during the cool-down do not extend it; errors do not count', () => {
    const log = [attempt(0, 'denied'), attempt(1, 'error'), attempt(2, 'denied'), attempt(3, 'denied'), attempt(30, 'locked'), attempt(50, 'locked')];
    expect(lockoutState(log, 'Ada', at(61), policy)).toMatchObject({ locked: true, retryAfterSeconds: 2 });
  });

  it('a success resets the count; names compare case-insensitively; other users and 1:N attempts do not count', () => {
    const log = [attempt(0, 'denied'), attempt(1, 'denied', 'ADA'), attempt(2, 'accepted', 'ada'), attempt(3, 'denied')];
    expect(lockoutState(log, 'Ada', at(4), policy)).toMatchObject({ locked: false, failures: 1 });
    const others = [attempt(0, 'denied', 'Bob'), attempt(1, 'denied', null), attempt(2, 'denied', 'Bob'), attempt(3, 'denied', 'Bob')];
    expect(lockoutState(others, 'Ada', at(4), policy)).toMatchObject({ locked: false, failures: 0 });
    expect(lockoutState(others, 'bob', at(4), policy)).toMatchObject({ locked: true, failures: 3 });
  });

  it('after a cool-down the next failure starts a new count', () => {
    const log = [attempt(0, 'denied'), attempt(1, 'denied'), attempt(2, 'denied'), attempt(100, 'denied')];
    expect(lockoutState(log, 'Ada', at(101), policy)).toMatchObject({ locked: false, failures: 1 });
    log.push(attempt(101, 'denied'), attempt(102, 'denied'));
    expect(lockoutState(log, 'Ada', at(103), policy)).toMatchObject({ locked: true, retryAfterSeconds: 59 });
  });

  it('ignores register and delete events', () => {
    const log: AuditEntry[] = [
      attempt(0, 'denied'),
      { time: at(1).toISOString(), event: 'register', name: 'Ada', added: 1, templates: 1, mode: 'new', collidedWith: null },
      { time: at(2).toISOString(), event: 'delete', name: 'Ada' },
      attempt(3, 'denied'),
    ];
    expect(lockoutState(log, 'Ada', at(4), policy).failures).toBe(2);
  });
});

describe('lockoutDecision (from the end of the log)', () => {
  /** Newest first, counting how many entries were taken. */
  const fromEnd = (log: readonly AuditEntry[]): { entries: Iterable<AuditEntry>; read: () => number } => {
    let read = 0;
    return {
      read: () => read,
      entries: (function* () {
        for (let i = log.length - 1; i >= 0; i--) {
          read++;
          yield log[i]!;
        }
      })(),
    };
  };

  it('agrees with replaying the whole log, on 3,000 random logs and policies', async () => {
    const random = mulberry32(42);
    const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!;
    for (let run = 0; run < 3000; run++) {
      const p = { maxFailures: 1 + Math.floor(random() * 4), cooldownSeconds: pick([0, 1, 30, 60, 300]) };
      const log: AuditEntry[] = [];
      let t = 0;
      const length = Math.floor(random() * (run % 10 === 0 ? 600 : 60));
      for (let i = 0; i < length; i++) {
        t += pick([0, 0.5, 1, 5, 20, 59, 61, 120, 400]);
        // Out of order by a few seconds now and then (two processes appending).
        const jitter = random() < 0.1 ? -random() * 3 : 0;
        log.push(attempt(t + jitter, pick(['denied', 'denied', 'denied', 'accepted', 'locked', 'error'] as const), pick(['Ada', 'ada', 'Bob', null])));
      }
      for (const user of ['Ada', 'Bob']) {
        const now = at(t + pick([0, 0.1, 1, 30, 59.9, 60, 61, 299, 300, 301, 700]));
        const expected = lockoutState(log, user, now, p);
        const got = await lockoutDecision(fromEnd(log).entries, user, now, p);
        expect({ run, user, ...got }).toEqual({ run, user, locked: expected.locked, until: expected.until, retryAfterSeconds: expected.retryAfterSeconds });
      }
    }
  });

  it('reads only the end of a long log: back to the claimed user\'s last acceptance, or to the start of the cool-down window', async () => {
    const p = { maxFailures: 5, cooldownSeconds: 300 };
    const log: AuditEntry[] = [];
    for (let i = 0; i < 20_000; i++) log.push(attempt(i * 10, i % 2 === 0 ? 'accepted' : 'denied', i % 3 === 0 ? 'Bob' : null));
    const end = 20_000 * 10;
    log.push(attempt(end, 'accepted', 'Ada'), attempt(end + 1, 'denied', 'Ada'), attempt(end + 2, 'denied', 'Ada'));
    const ada = fromEnd(log);
    expect(await lockoutDecision(ada.entries, 'Ada', at(end + 3), p)).toEqual({ locked: false, until: null, retryAfterSeconds: 0 });
    expect(ada.read()).toBe(3);
    // Carol never tried: only the last cool-down (300 s) and the clock slack (300 s) of the log are read.
    const carol = fromEnd(log);
    expect(await lockoutDecision(carol.entries, 'Carol', at(end + 3), p)).toMatchObject({ locked: false });
    expect(carol.read()).toBeLessThan(200);
    // Locked out now: decided without reading the whole log either.
    log.push(...[3, 4, 5].map((s) => attempt(end + s, 'denied', 'Ada')));
    const locked = fromEnd(log);
    expect(await lockoutDecision(locked.entries, 'Ada', at(end + 10), p)).toEqual({ locked: true, until: at(end + 305).toISOString(), retryAfterSeconds: 295 });
    expect(locked.read()).toBeLessThan(10);
  });
});
