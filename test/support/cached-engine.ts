/**
 * A real face engine whose results are remembered per file and options, so a
 * test file embeds each photo once however many times the code under test asks.
 * Results are returned as they are (the code under test must not mutate them).
 */
import type { FaceEngine } from '../../src/core/face-engine.js';
import type { FullEmbedResult } from '../../src/core/face/pipeline.js';

export interface CachedEngine extends FaceEngine {
  /** Embeds actually run (cache misses). */
  readonly misses: () => number;
}

export const cachedEngine = (engine: FaceEngine): CachedEngine => {
  const cache = new Map<string, Promise<FullEmbedResult>>();
  let misses = 0;
  return {
    ...engine,
    modelId: engine.modelId,
    fingerprint: engine.fingerprint,
    embeddingDim: engine.embeddingDim,
    workers: engine.workers,
    manifest: engine.manifest,
    embed: (source, options = {}) => {
      if (typeof source !== 'string') return engine.embed(source, options);
      const key = `${source}\n${JSON.stringify(options)}`;
      let hit = cache.get(key);
      if (hit === undefined) {
        misses++;
        hit = engine.embed(source, options);
        cache.set(key, hit);
      }
      return hit;
    },
    misses: () => misses,
  };
};
