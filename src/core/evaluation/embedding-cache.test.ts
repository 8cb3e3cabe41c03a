import fs from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { decodeCachedEmbedding, EmbeddingCache, embeddingCacheFile, encodeCachedEmbedding, type EmbeddingCacheKey } from './embedding-cache.js';
import { withTempDir } from '../../../test/support/temp-dir.js';

const key: EmbeddingCacheKey = { modelId: 'fr_feature', fingerprint: 'p1-abc', variant: 'standard', salt: '{"x":1}' };
const sha = (n: number): string => n.toString(16).padStart(64, '0');
const vector = (...values: number[]): Float32Array => Float32Array.from(values);

let dir: string;
withTempDir('embedding-cache-test-', (made) => (dir = made));

describe('embedding codec', () => {
  it('round-trips float32 values exactly, little-endian', () => {
    const v = vector(0.5, -1.25, 3.4028234663852886e38, 1e-45);
    expect(decodeCachedEmbedding(encodeCachedEmbedding(v))).toEqual(v);
    expect(Buffer.from(encodeCachedEmbedding(vector(1)), 'base64')).toEqual(Buffer.from([0, 0, 0x80, 0x3f]));
  });

  it('rejects broken data', () => {
    expect(decodeCachedEmbedding('')).toBeNull();
    expect(decodeCachedEmbedding(Buffer.from([1, 2, 3]).toString('base64'))).toBeNull();
    expect(decodeCachedEmbedding(encodeCachedEmbedding(vector(Number.NaN)))).toBeNull();
  });
});

describe('EmbeddingCache', () => {
  it('stores embeddings and cacheable failures, and reads them back after a flush', async () => {
    const { cache, discarded } = await EmbeddingCache.open(dir, key);
    expect(discarded).toBeNull();
    cache.set(sha(1), { embedding: vector(0.6, 0.8), faces: 1 });
    cache.set(sha(4), { embedding: vector(0.8, 0.6), faces: 7 }); // a group photo: the count comes back too
    cache.set(sha(2), { failure: { code: 'NO_FACE', message: 'no face was found in the image' } });
    cache.set(sha(3), { failure: { code: 'WORKER_FAILED', message: 'crashed' } }); // not cached: retried next time
    expect(cache.pending).toBe(3);
    await cache.flush();
    expect(cache.pending).toBe(0);

    const again = (await EmbeddingCache.open(dir, key)).cache;
    expect(again.size).toBe(3);
    expect(again.get(sha(1))).toEqual({ embedding: vector(0.6, 0.8), faces: 1 });
    expect(again.get(sha(4))).toEqual({ embedding: vector(0.8, 0.6), faces: 7 });
    expect(again.get(sha(2))).toEqual({ failure: { code: 'NO_FACE', message: 'no face was found in the image' } });
    expect(again.get(sha(3))).toBeUndefined();
    expect(await fs.readdir(dir)).toEqual([path.basename(cache.file)]);
  });

  it('keeps one file per model, settings and variant', () => {
    const files = new Set([
      embeddingCacheFile(dir, key),
      embeddingCacheFile(dir, { ...key, variant: 'no-align' }),
      embeddingCacheFile(dir, { ...key, fingerprint: 'p1-def' }),
      embeddingCacheFile(dir, { ...key, salt: '{"x":2}' }),
    ]);
    expect(files.size).toBe(4);
    expect(path.basename(embeddingCacheFile(dir, key))).toMatch(/^fr_feature-standard-[0-9a-f]{16}\.json$/);
  });

  it('merges with entries another run flushed meanwhile', async () => {
    const a = (await EmbeddingCache.open(dir, key)).cache;
    const b = (await EmbeddingCache.open(dir, key)).cache;
    a.set(sha(1), { embedding: vector(1, 0), faces: 1 });
    b.set(sha(2), { embedding: vector(0, 1), faces: 2 });
    await a.flush();
    await b.flush();
    const merged = (await EmbeddingCache.open(dir, key)).cache;
    expect(merged.get(sha(1))).toEqual({ embedding: vector(1, 0), faces: 1 });
    expect(merged.get(sha(2))).toEqual({ embedding: vector(0, 1), faces: 2 });
  });

  it('reports and replaces a corrupt file or one written for other settings', async () => {
    const file = embeddingCacheFile(dir, key);
    await fs.writeFile(file, '{ not json');
    const opened = await EmbeddingCache.open(dir, key);
    expect(opened.discarded).toMatch(/not valid JSON/);
    expect(opened.cache.size).toBe(0);
    opened.cache.set(sha(1), { embedding: vector(1), faces: 1 });
    await opened.cache.flush();
    expect((await EmbeddingCache.open(dir, key)).discarded).toBeNull();

    const text = await fs.readFile(file, 'utf8');
    await fs.writeFile(file, text.replace('"p1-abc"', '"p1-other"'));
    const foreign = await EmbeddingCache.open(dir, key);
    expect(foreign.discarded).toMatch(/another model or settings/);
    expect(foreign.cache.get(sha(1))).toBeUndefined();
  });

  it('is versioned: a version 1 file (embeddings without their face count) is discarded and rewritten', async () => {
    const file = embeddingCacheFile(dir, key);
    const v1 = { format: 'face-auth-tui/embedding-cache', version: 1, ...key, entries: { [sha(1)]: { embedding: encodeCachedEmbedding(vector(1)) } } };
    await fs.writeFile(file, JSON.stringify(v1));
    const opened = await EmbeddingCache.open(dir, key);
    expect(opened.discarded).toMatch(/is not an embedding cache of this version/);
    expect(opened.cache.get(sha(1))).toBeUndefined();
    opened.cache.set(sha(2), { embedding: vector(1), faces: 3 });
    await opened.cache.flush();
    const written = JSON.parse(await fs.readFile(file, 'utf8')) as { version: number; entries: Record<string, unknown> };
    expect(written.version).toBe(2);
    expect(written.entries).toEqual({ [sha(2)]: { embedding: encodeCachedEmbedding(vector(1)), faces: 3 } });
  });
});
