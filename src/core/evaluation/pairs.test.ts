import { describe, expect, it } from 'vitest';
import { UserError } from '../errors.js';
import { similarityFor } from '../similarity/metrics.js';
import { pairsFromLabels, scoresForPairs } from './pairs.js';
import { mulberry32 } from './prng.js';

const choose2 = (n: number): number => (n * (n - 1)) / 2;

describe('pairsFromLabels', () => {
  it('small set, by hand', () => {
    // a a a b b c: genuine C(3,2) + C(2,2) + C(1,2) = 3 + 1 + 0 = 4; impostor C(6,2) - 4 = 11
    const p = pairsFromLabels(['a', 'a', 'a', 'b', 'b', 'c']);
    expect(p.genuine).toEqual([
      [0, 1],
      [0, 2],
      [1, 2],
      [3, 4],
    ]);
    expect(p.impostor).toEqual([
      [0, 3], [0, 4], [0, 5], [1, 3], [1, 4], [1, 5], [2, 3], [2, 4], [2, 5], [3, 5], [4, 5],
    ]);
    expect(p.impostorTotal).toBe(11);
    expect(p.impostorSampled).toBe(false);
  });

  it('interleaved labels keep original indices, first < second, sorted', () => {
    // x at 0, 2, 5; y at 1, 4; z at 3
    const p = pairsFromLabels(['x', 'y', 'x', 'z', 'y', 'x']);
    expect(p.genuine).toEqual([
      [0, 2],
      [0, 5],
      [1, 4],
      [2, 5],
    ]);
    expect(p.impostor).toHaveLength(choose2(6) - 4);
  });

  it('counts: genuine = sum of C(n_i, 2), genuine + impostor = C(n, 2), all distinct and correctly labelled', () => {
    const random = mulberry32(1);
    const labels = Array.from({ length: 57 }, () => `id${Math.floor(random() * 9)}`);
    const sizes = new Map<string, number>();
    for (const l of labels) sizes.set(l, (sizes.get(l) ?? 0) + 1);
    const expectedGenuine = [...sizes.values()].reduce((sum, n) => sum + choose2(n), 0);
    const p = pairsFromLabels(labels);
    expect(p.genuine).toHaveLength(expectedGenuine);
    expect(p.impostor).toHaveLength(choose2(57) - expectedGenuine);
    expect(p.impostorTotal).toBe(p.impostor.length);
    const seen = new Set<string>();
    for (const [i, j] of p.genuine) expect(i < j && labels[i] === labels[j]).toBe(true);
    for (const [i, j] of p.impostor) {
      expect(i < j && labels[i] !== labels[j]).toBe(true);
      seen.add(`${i},${j}`);
    }
    expect(seen.size).toBe(p.impostor.length);
  });

  it('seeded sampling is reproducible, without replacement, and a subset of all impostor pairs', () => {
    // 8 identities x 5 samples: impostor C(40,2) - 8 * C(5,2) = 780 - 80 = 700
    const labels = Array.from({ length: 40 }, (_, i) => `p${i % 8}`);
    const all = new Set(pairsFromLabels(labels).impostor.map(([i, j]) => `${i},${j}`));
    const a = pairsFromLabels(labels, { maxImpostor: 50, seed: 1 });
    const b = pairsFromLabels(labels, { maxImpostor: 50, seed: 1 });
    const c = pairsFromLabels(labels, { maxImpostor: 50, seed: 2 });
    expect(a.impostorTotal).toBe(700);
    expect(a.impostorSampled).toBe(true);
    expect(a.impostor).toHaveLength(50);
    expect(a.impostor).toEqual(b.impostor);
    expect(a.impostor).not.toEqual(c.impostor);
    expect(a.genuine).toHaveLength(80); // genuine pairs are never sampled
    const keys = a.impostor.map(([i, j]) => `${i},${j}`);
    expect(new Set(keys).size).toBe(50);
    for (const key of keys) expect(all.has(key)).toBe(true);
    expect([...keys].sort()).toEqual(keys.slice().sort()); // sorted output
  });

  it('samples uniformly: each of 11 pairs is picked about equally often', () => {
    const labels = ['a', 'a', 'a', 'b', 'b', 'c']; // 11 impostor pairs
    const counts = new Map<string, number>();
    for (let seed = 0; seed < 11000; seed++) {
      const [pair] = pairsFromLabels(labels, { maxImpostor: 1, seed }).impostor;
      const key = String(pair);
      counts.set(key, (counts.get(key) ?? 0) + 1);
    }
    expect(counts.size).toBe(11);
    // expected 1000 each, sd ~ 30; 150 is ~5 sd
    for (const n of counts.values()) expect(Math.abs(n - 1000)).toBeLessThan(150);
  });

  it('no sampling when maxImpostor is large enough; 0 keeps none', () => {
    expect(pairsFromLabels(['a', 'b', 'c'], { maxImpostor: 3 })).toMatchObject({ impostorSampled: false });
    expect(pairsFromLabels(['a', 'b', 'c'], { maxImpostor: 3 }).impostor).toHaveLength(3);
    expect(pairsFromLabels(['a', 'b', 'c'], { maxImpostor: 0 }).impostor).toEqual([]);
    expect(() => pairsFromLabels(['a'], { maxImpostor: -1 })).toThrow(UserError);
    expect(() => pairsFromLabels(['a'], { maxImpostor: 1.5 })).toThrow(UserError);
  });

  it('edge sizes', () => {
    expect(pairsFromLabels([])).toMatchObject({ genuine: [], impostor: [], impostorTotal: 0 });
    expect(pairsFromLabels(['solo'])).toMatchObject({ genuine: [], impostor: [], impostorTotal: 0 });
  });
});

describe('scoresForPairs', () => {
  it('scores each pair with the similarity', () => {
    const embeddings = [Float32Array.of(1, 0), Float32Array.of(0, 1), Float32Array.of(1, 1)];
    const scores = scoresForPairs(embeddings, [[0, 1], [0, 2]], similarityFor('dot').score);
    expect(Array.from(scores)).toEqual([0, 1]);
    expect(() => scoresForPairs(embeddings, [[0, 3]], similarityFor('dot').score)).toThrow(/missing embedding/);
  });
});
