import { describe, expect, it } from 'vitest';
import { similarityFor } from '../similarity/metrics.js';
import { leaveOneOutSearch, leaveOneOutSteps } from './identification.js';
import { scoresForPairs, scoreSteps, type IndexPair } from './pairs.js';
import { runSliced, runToEnd, type Steps } from './sliced.js';

function* counting(steps: number, log: string[]): Steps<number> {
  for (let i = 0; i < steps; i++) {
    log.push(`step ${i}`);
    yield;
  }
  return steps;
}

/** Counts turns of the event loop (setImmediate callbacks) until stopped. */
const turnCounter = (): { turns: () => number; stop: () => void } => {
  let turns = 0;
  let running = true;
  const spin = (): void => {
    if (!running) return;
    turns++;
    setImmediate(spin);
  };
  setImmediate(spin);
  return { turns: () => turns, stop: () => (running = false) };
};

describe('sliced computations', () => {
  it('runToEnd runs every step at once; runSliced lets the event loop run between slices', async () => {
    const log: string[] = [];
    const atOnce = turnCounter();
    const before = atOnce.turns();
    expect(runToEnd(counting(50, log))).toBe(50);
    expect(atOnce.turns()).toBe(before); // synchronous: no turn of the loop in between
    atOnce.stop();

    const sliced = turnCounter();
    const result = await runSliced(counting(50, []), { budgetMs: 0 });
    sliced.stop();
    expect(result).toBe(50);
    // A budget of 0 gives the loop a turn after every step: the counter ran alongside.
    expect(sliced.turns()).toBeGreaterThanOrEqual(49);
  });

  it('an aborted signal stops a sliced run at its next pause', async () => {
    const controller = new AbortController();
    const log: string[] = [];
    const run = runSliced(counting(1000, log), { budgetMs: 0, signal: controller.signal });
    controller.abort(new Error('closing'));
    await expect(run).rejects.toThrow('closing');
    expect(log.length).toBeLessThan(1000);
  });

  it('scores and leave-one-out outcomes are the same sliced or at once', async () => {
    let seed = 7;
    const random = (): number => ((seed = (seed * 1103515245 + 12345) >>> 0) / 2 ** 32) - 0.5;
    const embeddings = Array.from({ length: 40 }, () => Float32Array.from({ length: 16 }, random));
    const pairs: IndexPair[] = [];
    for (let a = 0; a < 40; a++) for (let b = a + 1; b < 40; b++) pairs.push([a, b]);
    const cosine = similarityFor('cosine').score;
    expect(await runSliced(scoreSteps(embeddings, pairs, cosine), { budgetMs: 0 })).toEqual(scoresForPairs(embeddings, pairs, cosine));
    const samples = embeddings.map((embedding, i) => ({ label: `p${i % 8}`, embedding }));
    expect(await runSliced(leaveOneOutSteps(samples, cosine), { budgetMs: 0 })).toEqual(leaveOneOutSearch(samples, cosine));
  });
});
