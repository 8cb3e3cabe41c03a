import { describe, expect, it } from 'vitest';
import type { RecordSummary } from '../../core/store/face-store.js';
import type { Listing } from './storage-tasks.js';
import { initialStorageState, storageReducer, visibleEntries, type StorageState } from './use-storage-state.js';

const person = (name: string): RecordSummary => ({
  status: 'ok', key: name.toLowerCase(), name, id: name, templates: 1, modelId: 'm', preprocessing: 'p', dim: 4, createdAt: '2026-01-01T00:00:00Z', updatedAt: '2026-01-01T00:00:00Z',
});
const listing = (names: string[]): Listing => ({
  entries: [...names.map(person), { status: 'corrupt', key: 'zed', reason: 'checksum mismatch' }],
  figures: { kind: 'memory', uri: 'memory:', bytes: null, people: names.length, templates: names.length, corrupt: 1, mismatched: 0, loadMs: 1, listMs: 1 },
});
const loaded = (): StorageState => storageReducer(initialStorageState, { type: 'listing', run: { status: 'done', result: listing(['Ada', 'Bob', 'Cy']) } });

describe('storageReducer', () => {
  it('keeps the selection inside the list', () => {
    let s = storageReducer(loaded(), { type: 'move', by: 10 });
    expect(s.selected).toBe(3);
    s = storageReducer(s, { type: 'move', by: -10 });
    expect(s.selected).toBe(0);
  });

  it('search filters case-insensitively, damaged entries by key; clearing restores', () => {
    let s = storageReducer(loaded(), { type: 'startSearch' });
    s = storageReducer(s, { type: 'editSearch', value: 'B' });
    expect(visibleEntries(s).map((e) => e.key)).toEqual(['bob']);
    s = storageReducer(s, { type: 'editSearch', value: 'ze' });
    expect(visibleEntries(s).map((e) => e.status)).toEqual(['corrupt']);
    s = storageReducer(s, { type: 'endSearch', keep: false });
    expect([s.searching, s.search, visibleEntries(s).length]).toEqual([false, '', 4]);
  });

  it('a delete waits for the answer', () => {
    let s = storageReducer(loaded(), { type: 'askDelete', name: 'Bob' });
    expect(s.confirm).toBe('Bob');
    s = storageReducer(s, { type: 'cancelDelete' });
    expect([s.confirm, s.notice?.text]).toEqual([null, 'kept']);
    s = storageReducer(storageReducer(s, { type: 'askDelete', name: 'Bob' }), { type: 'deleted', name: 'Bob', removed: true });
    expect([s.confirm, s.view, s.notice?.text]).toEqual([null, 'list', 'deleted Bob']);
  });

  it('a shrinking listing pulls the selection back', () => {
    let s = storageReducer(loaded(), { type: 'move', by: 3 });
    s = storageReducer(s, { type: 'listing', run: { status: 'done', result: listing(['Ada']) } });
    expect(s.selected).toBe(1);
  });
});
