import { describe, expect, it } from 'vitest';
import { mulberry32 } from '../evaluation/prng.js';
import type { PersonRecord, StoreProfile } from '../store/record.js';
import { randomUnitVector, syntheticRecord, TEST_PROFILE } from '../../../test/support/store-fixtures.js';
import { codeOf } from '../../../test/support/user-errors.js';
import { simdAvailable, strideFor } from './dot-kernel.js';
import { MatrixIndex, type SearchHit } from './matrix-index.js';

/** The obvious answer, in double precision: best template per person, full sort. */
const bruteForce = (records: readonly PersonRecord[], query: Float32Array, k: number): SearchHit[] =>
  records
    .map((r, order) => {
      let best = -Infinity;
      let template = -1;
      r.templates.forEach((t, i) => {
        let dot = 0;
        for (let j = 0; j < query.length; j++) dot += t.embedding[j]! * query[j]!;
        if (dot > best) {
          best = dot;
          template = i;
        }
      });
      return { name: r.name, id: r.id, score: best, template, order };
    })
    .sort((a, b) => b.score - a.score || a.order - b.order)
    .slice(0, k)
    .map(({ name, id, score, template }) => ({ name, id, score, template }));

const expectSameHits = (actual: readonly SearchHit[], expected: readonly SearchHit[]): void => {
  expect(actual.map((h) => [h.name, h.template])).toEqual(expected.map((h) => [h.name, h.template]));
  actual.forEach((h, i) => expect(h.score).toBeCloseTo(expected[i]!.score, 5));
};

const profileOf = (dim: number): StoreProfile => ({ ...TEST_PROFILE, dim });

/** `people` records with 1..4 templates each. */
const population = (people: number, dim: number, seed: number): PersonRecord[] =>
  Array.from({ length: people }, (_, i) => syntheticRecord(`Person ${i}`, seed + i, { templates: 1 + (i % 4), profile: profileOf(dim) }));

/** A query close to one template of one person (a genuine probe) or a random one. */
const probe = (records: readonly PersonRecord[], random: () => number, dim: number): Float32Array => {
  const noise = randomUnitVector(random, dim);
  if (random() < 0.3) return noise;
  const person = records[Math.floor(random() * records.length)]!;
  const template = person.templates[Math.floor(random() * person.templates.length)]!.embedding;
  const q = new Float32Array(dim);
  let norm = 0;
  for (let j = 0; j < dim; j++) {
    q[j] = template[j]! + 0.6 * noise[j]!;
    norm += q[j]! * q[j]!;
  }
  for (let j = 0; j < dim; j++) q[j] = q[j]! / Math.sqrt(norm);
  return q;
};

const kernels = [
  { name: 'wasm-simd', simd: true },
  { name: 'js', simd: false },
] as const;

describe.each(kernels)('MatrixIndex ($name kernel)', ({ name, simd }) => {
  it('uses the requested kernel', () => {
    const index = new MatrixIndex(8, { simd });
    expect(index.kernelKind).toBe(simd && simdAvailable() ? 'wasm-simd' : 'js');
    if (name === 'wasm-simd') expect(simdAvailable()).toBe(true); // Node 20 has Wasm SIMD
  });

  it.each([512, 100, 7])('returns the same top-k as brute force on random data (dim %i)', (dim) => {
    const records = population(300, dim, dim * 1000);
    const index = MatrixIndex.fromRecords(records, { simd });
    expect(index.size).toBe(300);
    expect(index.rows).toBe(records.reduce((n, r) => n + r.templates.length, 0));
    const random = mulberry32(dim);
    for (let q = 0; q < 25; q++) {
      const query = probe(records, random, dim);
      for (const k of [1, 5, 17]) expectSameHits(index.search(query, k), bruteForce(records, query, k));
    }
    // k larger than the population: everyone, ranked.
    const query = probe(records, random, dim);
    expectSameHits(index.search(query, 1000), bruteForce(records, query, 1000));
  });

  it('scoreOf gives a person exactly the score a search gives them (same kernel), undefined for a stranger', () => {
    const records = population(200, 512, 77);
    const index = MatrixIndex.fromRecords(records, { simd });
    const random = mulberry32(5);
    for (let q = 0; q < 10; q++) {
      const query = probe(records, random, 512);
      for (const hit of index.search(query, 200)) expect(index.scoreOf(query, hit.name)).toBe(hit.score);
    }
    expect(index.scoreOf(probe(records, random, 512), 'nobody')).toBeUndefined();
  });

  it("ranks people by their best template, each person once", () => {
    const dim = 64;
    const random = mulberry32(42);
    const target = randomUnitVector(random, dim);
    const near = (amount: number): Float32Array => {
      const noise = randomUnitVector(random, dim);
      const v = target.map((x, j) => x + amount * noise[j]!);
      const n = Math.hypot(...v);
      return v.map((x) => x / n);
    };
    const template = (embedding: Float32Array) => ({ embedding, imageSha256: '0'.repeat(64), createdAt: '2025-01-01T00:00:00.000Z', detectionScore: 0.9 });
    const base = syntheticRecord('x', 1, { profile: profileOf(dim) });
    // Alice: two poor templates and one excellent one (the third). Bob: three good ones. Carol: one fair one.
    const alice: PersonRecord = { ...base, id: crypto.randomUUID(), name: 'Alice', templates: [template(near(3)), template(near(2.5)), template(near(0.05))] };
    const bob: PersonRecord = { ...base, id: crypto.randomUUID(), name: 'Bob', templates: [template(near(0.4)), template(near(0.45)), template(near(0.5))] };
    const carol: PersonRecord = { ...base, id: crypto.randomUUID(), name: 'Carol', templates: [template(near(0.8))] };
    const index = MatrixIndex.fromRecords([bob, carol, alice], { simd });
    const hits = index.search(target, 3);
    expect(hits.map((h) => h.name)).toEqual(['Alice', 'Bob', 'Carol']);
    expect(hits[0]!.template).toBe(2);
    expect(hits[0]!.id).toBe(alice.id);
    expect(hits[0]!.score).toBeGreaterThan(0.99);
    expect(hits[1]!.template).toBe(0);
    expectSameHits(hits, bruteForce([bob, carol, alice], target, 3));
  });

  it('keeps insertion order for equal scores', () => {
    const a = syntheticRecord('First', 5, { templates: 1 });
    const b = { ...syntheticRecord('Second', 6, { templates: 1 }), templates: a.templates };
    const c = { ...syntheticRecord('Third', 7, { templates: 1 }), templates: a.templates };
    const index = MatrixIndex.fromRecords([a, b, c], { simd });
    expect(index.search(a.templates[0]!.embedding, 2).map((h) => h.name)).toEqual(['First', 'Second']);
    expect(index.search(a.templates[0]!.embedding, 3).map((h) => h.name)).toEqual(['First', 'Second', 'Third']);
  });

  it('adds, replaces and removes people, growing from empty', () => {
    const dim = 48;
    const records = population(2000, dim, 7000);
    const index = new MatrixIndex(undefined, { simd });
    expect(index.search(new Float32Array(dim), 3)).toEqual([]);
    for (const r of records) index.add(r); // grows the memory many times
    expect(index.size).toBe(2000);
    const random = mulberry32(9);
    let query = probe(records, random, dim);
    expectSameHits(index.search(query, 10), bruteForce(records, query, 10));

    // Remove every third person; the others keep their exact rows.
    const removed = records.filter((_, i) => i % 3 === 0);
    for (const r of removed) expect(index.remove(r.name.toUpperCase())).toBe(true);
    expect(index.remove('Person 0')).toBe(false);
    const kept = records.filter((_, i) => i % 3 !== 0);
    expect(index.size).toBe(kept.length);
    expect(index.rows).toBe(kept.reduce((n, r) => n + r.templates.length, 0));
    let row = 0;
    for (const r of kept) {
      for (const t of r.templates) expect(Buffer.from(index.row(row++).buffer).equals(Buffer.from(t.embedding.buffer))).toBe(true);
    }
    for (let q = 0; q < 10; q++) {
      query = probe(records, random, dim);
      expectSameHits(index.search(query, 10), bruteForce(kept, query, 10));
    }

    // Adding an existing name replaces the person.
    const replacement = { ...syntheticRecord('Person 1', 99_999, { templates: 2, profile: profileOf(dim) }) };
    index.add(replacement);
    expect(index.size).toBe(kept.length);
    const top = index.search(replacement.templates[1]!.embedding, 1)[0]!;
    expect(top).toMatchObject({ name: 'Person 1', template: 1, id: replacement.id });
    expect(index.has('person 1')).toBe(true);
  });
});

describe('MatrixIndex guards', () => {
  const records = population(5, 512, 100);
  const index = MatrixIndex.fromRecords(records);

  it('refuses a query of the wrong dimension, a bad k and non-finite values', () => {
    expect(codeOf(() => index.search(new Float32Array(128), 1))).toBe('DIMENSION_MISMATCH');
    expect(codeOf(() => index.search(new Float32Array(512), 0))).toBe('INVALID_ARGUMENT');
    expect(codeOf(() => index.search(new Float32Array(512), 1.5))).toBe('INVALID_ARGUMENT');
    const nan = new Float32Array(512);
    nan[3] = Number.NaN;
    expect(codeOf(() => index.search(nan, 1))).toBe('INVALID_ARGUMENT');
  });

  it('refuses to mix models, preprocessing or dimensions (STORE_MISMATCH)', () => {
    const other = syntheticRecord('Legacy', 1, { profile: { ...TEST_PROFILE, modelId: 'old-model' } });
    expect(codeOf(() => MatrixIndex.fromRecords([...records, other]))).toBe('STORE_MISMATCH');
    expect(codeOf(() => MatrixIndex.fromRecords(records, { profile: { ...TEST_PROFILE, preprocessing: 'p2' } }))).toBe('STORE_MISMATCH');
    expect(codeOf(() => index.add(other))).toBe('STORE_MISMATCH');
    expect(codeOf(() => index.add(syntheticRecord('Small', 2, { profile: profileOf(128) })))).toBe('STORE_MISMATCH');
    const empty = MatrixIndex.fromRecords([], { profile: TEST_PROFILE });
    expect(empty.dim).toBe(512);
    expect(codeOf(() => empty.add(other))).toBe('STORE_MISMATCH');
  });

  it('refuses templates that are not unit length (1:N scores are raw dot products), and non-finite ones', () => {
    const [base] = population(1, 512, 200);
    const scaled: PersonRecord = { ...base!, name: 'Scaled', templates: [{ ...base!.templates[0]!, embedding: base!.templates[0]!.embedding.map((x) => x * 6) }] };
    const fresh = MatrixIndex.fromRecords(records);
    expect(() => fresh.add(scaled)).toThrow(/Template 0 of "Scaled" is not unit length \(L2 norm 6\.000\)/);
    expect(codeOf(() => MatrixIndex.fromRecords([scaled]))).toBe('INVALID_ARGUMENT');
    const inf: PersonRecord = { ...scaled, templates: [{ ...base!.templates[0]!, embedding: new Float32Array(512).fill(Number.POSITIVE_INFINITY) }] };
    expect(() => fresh.add(inf)).toThrow(/holds a value that is not finite/);
    expect(fresh.size).toBe(records.length);
  });

  it('gives back copies of a person\'s templates, bit for bit', () => {
    const fresh = MatrixIndex.fromRecords(records);
    const person = records[2]!;
    const rows = fresh.templatesOf(person.name.toUpperCase())!;
    expect(rows).toHaveLength(person.templates.length);
    rows.forEach((row, i) => expect(Buffer.from(row.buffer).equals(Buffer.from(person.templates[i]!.embedding.slice().buffer))).toBe(true));
    rows[0]!.fill(0); // a copy: the index is untouched
    expect(fresh.search(person.templates[0]!.embedding, 1)[0]).toMatchObject({ name: person.name });
    expect(fresh.templatesOf('Nobody')).toBeUndefined();
  });

  it('builds from a flat matrix (one row per person by default)', () => {
    const dim = 24;
    const random = mulberry32(3);
    const matrix = new Float32Array(50 * dim);
    for (let i = 0; i < 50; i++) matrix.set(randomUnitVector(random, dim), i * dim);
    const people = Array.from({ length: 50 }, (_, i) => ({ name: `row ${i}` }));
    const flat = MatrixIndex.fromMatrix(matrix, dim, people);
    expect(strideFor(dim)).toBe(32); // padded rows
    expect(flat.search(matrix.subarray(17 * dim, 18 * dim), 1)[0]).toMatchObject({ name: 'row 17', template: 0 });
    expect(Buffer.from(flat.row(17).buffer).equals(Buffer.from(matrix.slice(17 * dim, 18 * dim).buffer))).toBe(true);
  });
});
