import { describe, expect, it } from 'vitest';
import { syntheticRecord, TEST_PROFILE } from '../../../test/support/store-fixtures.js';
import { foldName } from '../store/record.js';
import { Gallery } from './gallery.js';
import type { LockoutDecision } from './lockout-tail.js';
import { nearestOpen, type LockoutLookup } from './nearest-open.js';

const people = Array.from({ length: 20 }, (_, i) => syntheticRecord(`P${String(i).padStart(2, '0')}`, 100 + i, { templates: 1 }));
const gallery = Gallery.fromLoad({ records: people, corrupt: [], mismatched: [] }, TEST_PROFILE);

/** Lockout decisions with `locked` people locked out; counts the look-ups. */
const lockouts = (locked: ReadonlySet<string>): LockoutLookup & { calls: number } => {
  const lookup = (names: readonly string[]): Promise<ReadonlyMap<string, LockoutDecision>> => {
    lookup.calls++;
    return Promise.resolve(new Map(names.map((n) => [foldName(n), { locked: locked.has(n), until: null, retryAfterSeconds: locked.has(n) ? 60 : 0 }])));
  };
  lookup.calls = 0;
  return lookup;
};

describe('nearestOpen', () => {
  const probe = people[3]!.templates[0]!.embedding; // P03's own template: P03 is the nearest
  const ranking = gallery.nearest(probe, 20).map((h) => h.name);

  it('with no one locked out: the k nearest, and the nearest of all', async () => {
    const { open, nearest } = await nearestOpen(gallery, probe, 5, lockouts(new Set()));
    expect(open.map((h) => h.name)).toEqual(ranking.slice(0, 5));
    expect(nearest?.hit.name).toBe('P03');
    expect(nearest?.lock?.locked).toBe(false);
  });

  it('skips locked-out people, looking further until k open ones are found', async () => {
    const locked = new Set(ranking.slice(0, 6)); // the six nearest, P03 first
    const lookup = lockouts(locked);
    const { open, nearest } = await nearestOpen(gallery, probe, 3, lookup);
    expect(open.map((h) => h.name)).toEqual(ranking.slice(6, 9));
    expect(nearest).toMatchObject({ hit: { name: 'P03' }, lock: { locked: true } });
    expect(lookup.calls).toBeGreaterThan(1); // it had to widen the search
  });

  it('returns fewer than k when the gallery runs out, none when everyone is locked out, nothing for an empty gallery', async () => {
    expect((await nearestOpen(gallery, probe, 50, lockouts(new Set()))).open).toHaveLength(20);
    const everyone = await nearestOpen(gallery, probe, 3, lockouts(new Set(ranking)));
    expect(everyone.open).toEqual([]);
    expect(everyone.nearest?.hit.name).toBe('P03');
    const nineteen = await nearestOpen(gallery, probe, 3, lockouts(new Set(ranking.slice(0, 19))));
    expect(nineteen.open.map((h) => h.name)).toEqual([ranking[19]]);
    const empty = Gallery.fromLoad({ records: [], corrupt: [], mismatched: [] }, TEST_PROFILE);
    expect(await nearestOpen(empty, probe, 3, lockouts(new Set()))).toEqual({ open: [], nearest: undefined });
  });
});
