import { describe, expect, it } from 'vitest';
import { UserError } from '../errors.js';
import { similarityFor } from '../similarity/metrics.js';
import { leaveOneOutSearch, openSet, openSetFromOutcomes, rankK, type LabelledEmbedding } from './identification.js';

const sample = (label: string, ...values: number[]): LabelledEmbedding => ({ label, embedding: Float32Array.from(values) });

// 3-D unit vectors, cosine (= dot here). Labels A A B B C.
//   a1 = (1, 0, 0)  a2 = (0.8, 0.6, 0)  b1 = (0, 1, 0)  b2 = (0, 0.6, 0.8)  c1 = (0, 0, 1)
//   a1.a2 = 0.8  a1.b1 = 0  a1.b2 = 0  a1.c1 = 0
//   a2.b1 = 0.6  a2.b2 = 0.36  a2.c1 = 0
//   b1.b2 = 0.6  b1.c1 = 0  b2.c1 = 0.8
// Best score per identity (leave-one-out):
//   probe a1: A 0.8, B 0,   C 0    -> rank 1
//   probe a2: A 0.8, B 0.6, C 0    -> rank 1
//   probe b1: B 0.6, A 0.6, C 0    -> tie with A, counted against: rank 2
//   probe b2: B 0.6, A 0.36, C 0.8 -> rank 2
//   probe c1: C has no other sample -> excluded
// rank-1 = 2/4, rank-2 = 4/4, rank-5 = 4/4
const cosineSet = [
  sample('A', 1, 0, 0),
  sample('A', 0.8, 0.6, 0),
  sample('B', 0, 1, 0),
  sample('B', 0, 0.6, 0.8),
  sample('C', 0, 0, 1),
];

// 2-D points on a line, score = -euclidean distance. Seven identities, A and B with two samples:
//   A: x=0, x=1   B: x=2, x=10   C: x=3   D: x=4   E: x=5   F: x=6   G: x=7
//   probe A(0):  A -1; B -2, C -3, D -4, E -5, F -6, G -7             -> rank 1
//   probe A(1):  A -1; B -1 (tie, counted against), C -2 ...           -> rank 2
//   probe B(2):  B -8; A -1, C -1, D -2, E -3, F -4, G -5 all higher   -> rank 7
//   probe B(10): B -8; G -3, F -4, E -5, D -6, C -7 higher, A -9 lower -> rank 6
//   C..G are singletons: 5 excluded, 4 evaluated.
//   CMC: rank1 1/4, rank2..5 2/4, rank6 3/4, rank7 4/4
const lineSet = [
  sample('A', 0, 0),
  sample('A', 1, 0),
  sample('B', 2, 0),
  sample('B', 10, 0),
  sample('C', 3, 0),
  sample('D', 4, 0),
  sample('E', 5, 0),
  sample('F', 6, 0),
  sample('G', 7, 0),
];
const negDistance = similarityFor('euclidean').score;

describe('rankK (leave-one-out)', () => {
  it('3-D cosine set', () => {
    const r = rankK(cosineSet, similarityFor('cosine').score, 1);
    expect(r).toMatchObject({ k: 1, hits: 2, evaluated: 4, excluded: 1 });
    expect(r.accuracy).toBeCloseTo(0.5, 12);
    expect(r.rank1).toBeCloseTo(0.5, 12);
    expect(r.rank5).toBe(1);
    expect(r.cmc).toEqual([0.5, 1, 1]);
    expect(rankK(cosineSet, similarityFor('cosine').score, 2).accuracy).toBe(1);
  });

  it('2-D set where rank-5 is not yet 100%', () => {
    const r = rankK(lineSet, negDistance, 6);
    expect(r.evaluated).toBe(4);
    expect(r.excluded).toBe(5);
    expect(r.rank1).toBe(0.25);
    expect(r.rank5).toBe(0.5);
    expect(r.accuracy).toBe(0.75);
    expect(r.hits).toBe(3);
    expect(r.cmc).toEqual([0.25, 0.5, 0.5, 0.5, 0.5, 0.75, 1]);
  });

  it('a probe found at exactly rank 5 counts for rank-5 and not before', () => {
    // A: x=0, x=1   B: x=2, x=7   C: x=3   D: x=4   E: x=5   F: x=20   G: x=21
    //   probe A(0): A -1 beats all                                  -> rank 1
    //   probe A(1): A -1; B(2) -1 (tie, counted against)             -> rank 2
    //   probe B(2): B -5; A -1, C -1, D -2, E -3 higher (4 ahead)    -> rank 5
    //   probe B(7): B -5; E -2, D -3, C -4 higher (3 ahead)          -> rank 4
    //   CMC: rank1 1/4, rank2..3 2/4, rank4 3/4, rank5.. 4/4
    const set = [0, 1, 2, 7, 3, 4, 5, 20, 21].map((x, i) => sample('AABBCDEFG'[i]!, x, 0));
    const r = rankK(set, negDistance, 4);
    expect(r.cmc).toEqual([0.25, 0.5, 0.5, 0.75, 1, 1, 1]);
    expect(r.rank1).toBe(0.25);
    expect(r.accuracy).toBe(0.75);
    expect(r.rank5).toBe(1);
  });

  it('per-probe outcomes', () => {
    const { identities, probes } = leaveOneOutSearch(cosineSet, similarityFor('cosine').score);
    expect(identities).toEqual(['A', 'B', 'C']);
    expect(probes.map((p) => p.rank)).toEqual([1, 1, 2, 2, 0]);
    expect(probes[2]).toMatchObject({ label: 'B', mated: true, topImpostorLabel: 'A' });
    expect(probes[2]!.genuineScore).toBeCloseTo(0.6, 6);
    expect(probes[2]!.topImpostorScore).toBeCloseTo(0.6, 6);
    expect(probes[4]).toMatchObject({ mated: false, rank: 0, genuineScore: -Infinity, topImpostorLabel: 'B' });
    expect(probes[4]!.topImpostorScore).toBeCloseTo(0.8, 6);
  });

  it('needs an identity with two samples, and a valid k', () => {
    expect(() => rankK([sample('A', 1, 0), sample('B', 0, 1)], negDistance, 1)).toThrow(UserError);
    expect(() => rankK(lineSet, negDistance, 0)).toThrow(/k must be a positive integer/);
  });
});

describe('openSet (leave-one-out, match when score >= threshold)', () => {
  // Top score of each probe's non-mated search (its whole identity removed):
  //   A(0): B at 2 -> -2    A(1): B at 2 -> -1    B(2): A at 1 / C at 3 -> -1    B(10): G at 7 -> -3
  //   C(3), D(4), E(5), F(6), G(7): a neighbour at distance 1 -> -1
  const outcomes = leaveOneOutSearch(lineSet, negDistance);

  it('threshold -1.5', () => {
    // FPIR: tops >= -1.5 are A(1), B(2), C, D, E, F, G -> 7 of 9
    // FNIR: mated A(0) is rank 1 with -1 >= -1.5 -> found; A(1) rank 2, B(2), B(10) -> 3 of 4 missed
    expect(openSet(lineSet, negDistance, -1.5)).toEqual({
      threshold: -1.5,
      fpir: 7 / 9,
      fnir: 3 / 4,
      nonMatedSearches: 9,
      falsePositives: 7,
      matedSearches: 4,
      falseNegatives: 3,
    });
  });

  it('threshold -2 (a score equal to the threshold matches)', () => {
    // FPIR: A(0)'s top -2 now counts too -> 8 of 9; FNIR unchanged 3/4
    const r = openSetFromOutcomes(outcomes, -2);
    expect(r.fpir).toBeCloseTo(8 / 9, 12);
    expect(r.fnir).toBe(0.75);
  });

  it('threshold -0.5: no false positives, every mated search missed', () => {
    // all tops are <= -1 -> FPIR 0; A(0)'s genuine -1 < -0.5 -> FNIR 4/4
    expect(openSetFromOutcomes(outcomes, -0.5)).toMatchObject({ fpir: 0, fnir: 1, falsePositives: 0, falseNegatives: 4 });
  });

  it('needs two identities and a mated search', () => {
    expect(() => openSet([sample('A', 0, 0), sample('A', 1, 0)], negDistance, 0)).toThrow(/two identities/);
    expect(() => openSet([sample('A', 0, 0), sample('B', 1, 0)], negDistance, 0)).toThrow(/mated/);
  });
});
