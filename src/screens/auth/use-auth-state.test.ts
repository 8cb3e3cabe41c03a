import { describe, expect, it } from 'vitest';
import type { RecordSummary } from '../../core/store/face-store.js';
import { authReducer, authTasks, deleteTargetFor, initialAuthState } from './use-auth-state.js';
import { decisionLines } from './auth-tasks.js';

describe('authReducer', () => {
  const start = initialAuthState({ probe: '/c.jpg' });

  it('wraps around the six tasks', () => {
    expect(authReducer(start, { type: 'move', step: -1 }).selected).toBe(authTasks.length - 1);
  });

  it('register asks for the name, then the photos, remembering the name', () => {
    let s = authReducer(start, { type: 'prompt', kind: 'registerName' });
    s = authReducer(s, { type: 'editPrompt', value: 'Ada' });
    s = authReducer(s, { type: 'prompt', kind: 'registerImages', name: 'Ada' });
    expect(s.prompt).toEqual({ kind: 'registerImages', value: '', name: 'Ada' });
  });

  it('a delete closes the prompt and waits for y/n', () => {
    const target = { name: 'Ada', key: 'ada', what: '2 templates', damaged: false };
    let s = authReducer(start, { type: 'prompt', kind: 'deleteName' });
    s = authReducer(s, { type: 'askDelete', target });
    expect([s.prompt, s.confirmDelete]).toEqual([null, target]);
    expect(authReducer(s, { type: 'closeConfirm' }).confirmDelete).toBeNull();
  });

  it('a notice shows until the next action', () => {
    const s = authReducer(start, { type: 'notice', text: 'type a name first' });
    expect(s.notice).toBe('type a name first');
    expect(authReducer(s, { type: 'move', step: 1 }).notice).toBeNull();
  });
});

describe('deleteTargetFor', () => {
  const ok = { status: 'ok', key: 'ada', name: 'Ada', templates: 2, createdAt: '2026-01-01T00:00:00.000Z', modelId: 'm' } as unknown as RecordSummary;
  const damaged = { status: 'corrupt', key: 'bob', name: 'Zed', reason: 'stored under key "bob" but named "Zed"' } as unknown as RecordSummary;
  it('finds the person in any case, with the enrolled spelling; a damaged record by key or readable name', () => {
    expect(deleteTargetFor([ok, damaged], 'ADA')).toEqual({ name: 'Ada', key: 'ada', what: '2 templates', damaged: false });
    expect(deleteTargetFor([ok, damaged], 'bob')).toEqual({ name: 'Zed', key: 'bob', what: 'a damaged record', damaged: true });
    expect(deleteTargetFor([ok, damaged], 'zed')).toMatchObject({ key: 'bob', damaged: true });
    expect(deleteTargetFor([ok, damaged], 'Nobody')).toBeUndefined();
  });
});

describe('decisionLines', () => {
  const base = { threshold: 0.35, mode: 'identify', claimed: null, faces: 1 } as const;
  it('ACCEPTED names the person with score, threshold and margin', () => {
    const lines = decisionLines({ ...base, authenticated: true, name: 'Ada', score: 0.71234, margin: 0.6, reason: 'match' });
    expect(lines.title).toBe('ACCEPTED  Ada');
    expect(lines.details[0]).toBe('score 0.712 · threshold 0.35 · margin +0.600 over the next person · 1 face');
  });
  it('DENIED says why', () => {
    const lines = decisionLines({ ...base, authenticated: false, name: null, score: 0.1, margin: null, reason: 'below-threshold' });
    expect(lines.title).toBe('DENIED');
    expect(lines.details[1]).toContain('best score 0.100 < 0.35');
    expect(decisionLines({ ...base, authenticated: false, name: null, score: null, margin: null, faces: null, reason: 'no-one-enrolled' }).details[0]).toContain('register someone first');
  });
  it('locked out: whom, and whether the photo was compared (1:N) or not looked at (1:1)', () => {
    const oneToN = decisionLines({ ...base, authenticated: false, name: null, score: null, margin: null, reason: 'locked-out', lockedUser: 'Bob', retryAfterSeconds: 268 });
    expect(oneToN.title).toBe('DENIED (Bob is locked out)');
    expect(oneToN.details).toEqual(['threshold 0.35 · no score shown · 1 face', 'the face matches Bob, who is locked out after too many failed attempts; try again in 268 s']);
    const claimed = decisionLines({ ...base, mode: 'verify', claimed: 'Bob', authenticated: false, name: null, score: null, margin: null, faces: null, reason: 'locked-out', lockedUser: 'Bob', retryAfterSeconds: 60 });
    expect(claimed.details).toEqual(['too many failed attempts for Bob: the photo was not looked at; try again in 60 s']);
    expect(decisionLines({ ...base, authenticated: true, name: 'Ada', score: 0.4, margin: null, threshold: 0.318, reason: 'match' }).details[0]).toContain('threshold 0.318');
  });
});
