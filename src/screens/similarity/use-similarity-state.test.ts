import { describe, expect, it } from 'vitest';
import { asCosine, fromCosine, ratesFor, scoreMetric, thresholdStep, type LabelledData } from './similarity-tasks.js';
import { effectiveThreshold, initialSimilarityState, nextGridValue, similarityReducer } from './use-similarity-state.js';

const unit = (...values: number[]): Float32Array => {
  const n = Math.hypot(...values);
  return new Float32Array(values.map((v) => v / n));
};

/** Two people, two photos each: genuine pairs (0,1) and (2,3). */
const data: LabelledData = {
  dir: '/d',
  labels: ['a', 'a', 'b', 'b'],
  embeddings: [unit(1, 0.1, 0), unit(1, 0.2, 0), unit(0, 1, 0.1), unit(0.1, 1, 0)],
  people: 2,
  images: 4,
  failed: [],
  genuinePairs: [
    [0, 1],
    [2, 3],
  ],
  impostorPairs: [
    [0, 2],
    [0, 3],
    [1, 2],
    [1, 3],
  ],
  impostorTotal: 4,
  cached: 0,
};

describe('similarityReducer', () => {
  it('cycles the metrics and keeps a threshold per metric', () => {
    let s = initialSimilarityState('/d');
    s = similarityReducer(s, { type: 'setThreshold', metric: 'cosine', value: 0.5 });
    s = similarityReducer(s, { type: 'nextMetric' });
    expect(s.metric).toBe('euclidean');
    s = similarityReducer(s, { type: 'setThreshold', metric: 'euclidean', value: 0.8 });
    expect(s.thresholds).toEqual({ cosine: 0.5, euclidean: 0.8 });
    for (let i = 0; i < 3; i++) s = similarityReducer(s, { type: 'nextMetric' });
    expect(s.metric).toBe('cosine');
  });

  it('counts embedding progress and failures', () => {
    let s = similarityReducer(initialSimilarityState('/d'), { type: 'scanning', folder: '/x' });
    s = similarityReducer(s, { type: 'scanned', total: 3 });
    s = similarityReducer(s, { type: 'embedded', done: 1, cached: true, failed: false });
    s = similarityReducer(s, { type: 'embedded', done: 2, cached: false, failed: true });
    expect(s.load).toMatchObject({ status: 'embedding', total: 3, done: 2, cached: 1, failed: 1 });
    expect(s.folder).toBe('/x');
  });
});

describe('scores, rates and thresholds', () => {
  it('the default threshold is the app one, converted for euclidean, the EER point for manhattan', () => {
    const s = initialSimilarityState('/d');
    expect(effectiveThreshold(s, scoreMetric(data, 'cosine'), 0.5)).toBe(0.5);
    expect(effectiveThreshold(s, scoreMetric(data, 'euclidean'), 0.5)).toBeCloseTo(1, 10);
    const manhattan = scoreMetric(data, 'manhattan');
    expect(effectiveThreshold(s, manhattan, 0.5)).toBe(manhattan.eer.threshold);
  });

  it('FAR and FRR for a similarity (accept >=) and a distance (accept <=)', () => {
    const cos = scoreMetric(data, 'cosine');
    expect(ratesFor(cos, 0.9)).toMatchObject({ far: 0, frr: 0, genuine: 2, impostor: 4 });
    expect(ratesFor(cos, 1.01).frr).toBe(1);
    const euc = scoreMetric(data, 'euclidean');
    expect(ratesFor(euc, 0.5)).toMatchObject({ far: 0, frr: 0 });
    expect(ratesFor(euc, 2).far).toBe(1);
  });

  it('cosine <-> euclidean thresholds on unit vectors; manhattan has none', () => {
    expect(asCosine('euclidean', fromCosine('euclidean', 0.35)!)).toBeCloseTo(0.35, 12);
    expect(asCosine('manhattan', 3)).toBeNull();
    expect(thresholdStep({ min: -0.2, max: 1 })).toBe(0.02);
    expect(thresholdStep({ min: 0, max: 0.9 })).toBe(0.01);
  });

  it('the arrow keys go to the next grid line in their direction, also from between lines', () => {
    expect(nextGridValue(0.35, 0.02, 1, 1)).toBe(0.36);
    expect(nextGridValue(0.35, 0.02, -1, 1)).toBe(0.34);
    expect(nextGridValue(0.36, 0.02, 1, 1)).toBe(0.38);
    expect(nextGridValue(0.36, 0.02, -1, 5)).toBe(0.26);
    expect(nextGridValue(0.3187, 0.002, 1, 1)).toBe(0.32);
    expect(nextGridValue(0.3187, 0.002, -1, 1)).toBe(0.318);
    expect(nextGridValue(-0.01, 0.02, 1, 1)).toBe(0);
    expect(nextGridValue(1.2, 0.1, -1, 1)).toBe(1.1);
  });

  it('reports the evaluation figures per metric, and a recommended threshold between the classes', () => {
    // Genuine cosines about 0.995 and 0.995, impostors 0.1 to 0.3: perfectly separated.
    const cos = scoreMetric(data, 'cosine');
    expect(cos.auc).toBe(1);
    expect(cos.dPrime).toBeGreaterThan(5);
    expect(cos.tarAtFar.map((r) => [r.far, r.tar])).toEqual([
      [1e-2, 1],
      [1e-3, 1],
    ]);
    expect(cos.tarAtFar[1]!.note).toMatch(/^insufficient data: 4 impostor pairs/);
    expect(ratesFor(cos, cos.recommended)).toMatchObject({ far: 0, frr: 0 });
    // A distance: the recommended value is in its own units and decides the pairs alike.
    const euc = scoreMetric(data, 'euclidean');
    expect(euc.recommended).toBeGreaterThan(0);
    expect(ratesFor(euc, euc.recommended)).toMatchObject({ far: 0, frr: 0 });
  });
});
