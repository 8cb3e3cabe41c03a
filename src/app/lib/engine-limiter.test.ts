import { describe, expect, it } from 'vitest';
import type { FaceEngine } from '../../core/face-engine.js';
import type { FullEmbedResult } from '../../core/face/pipeline.js';
import { limitEngine } from './engine-limiter.js';

/** An engine whose embed calls finish when the test says so. */
const fakeEngine = (workers: number) => {
  const pending: { source: string; finish: () => void }[] = [];
  const engine = {
    modelId: 'm',
    fingerprint: 'f',
    embeddingDim: 4,
    workers,
    manifest: { source: {}, models: [] },
    embed: (source: unknown) =>
      new Promise<FullEmbedResult>((resolve) => {
        pending.push({ source: String((source as { file: string }).file), finish: () => resolve({} as FullEmbedResult) });
      }),
    modelTimings: () => Promise.resolve([]),
    close: () => Promise.resolve(),
  } as unknown as FaceEngine;
  return { engine, pending };
};

const tick = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

describe('limitEngine', () => {
  it('hands the engine one request per worker at a time, in order', async () => {
    const { engine, pending } = fakeEngine(2);
    const limited = limitEngine(engine);
    const results = ['a', 'b', 'c', 'd'].map((file) => limited.embed({ file }));
    await tick();
    expect(pending.map((p) => p.source)).toEqual(['a', 'b']);
    pending[0]?.finish();
    await results[0];
    await tick();
    expect(pending.map((p) => p.source)).toEqual(['a', 'b', 'c']);
  });

  it('drain drops the waiting requests, waits for the running ones, refuses new ones', async () => {
    const { engine, pending } = fakeEngine(1);
    const limited = limitEngine(engine);
    const running = limited.embed({ file: 'a' });
    const waiting = limited.embed({ file: 'b' });
    await tick();
    const drained = limited.drain(1000);
    await expect(waiting).rejects.toMatchObject({ code: 'WORKER_FAILED' });
    pending[0]?.finish();
    await running;
    expect(await drained).toBe(true);
    expect(pending).toHaveLength(1);
    await expect(limited.embed({ file: 'c' })).rejects.toMatchObject({ code: 'WORKER_FAILED' });
  });

  it('drain gives up after its timeout', async () => {
    const { engine } = fakeEngine(1);
    const limited = limitEngine(engine);
    void limited.embed({ file: 'a' }).catch(() => undefined);
    await tick();
    expect(await limited.drain(20)).toBe(false);
  });
});
