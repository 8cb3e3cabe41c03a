import { describe, expect, it } from 'vitest';
import type { AuditEntry, AuthResult } from './audit-entry.js';
import { lockoutState } from './lockout.js';

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
