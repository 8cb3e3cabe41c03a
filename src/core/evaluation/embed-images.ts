/**
 * One embedding pass over a list of images: each file is read and hashed
 * (SHA-256, node:crypto) in this thread; the engine is asked only for hashes
 * the cache does not know. Images without a usable face are outcomes, not
 * errors; anything else (a crashed worker, a missing model) stops the pass.
 */
import { createHash } from 'node:crypto';
import { isImageError, isUserError, type ErrorCode } from '../errors.js';
import { readImageFile } from '../image/read-file.js';
import type { FaceEngine } from '../face-engine.js';
import type { EmbedVariant } from '../face/types.js';
import { cacheableFailureCodes, type EmbeddingCache } from './embedding-cache.js';

/** What the evaluation needs from the engine (a `FaceEngine` fits). */
export type EvaluationEngine = Pick<FaceEngine, 'embed' | 'modelId' | 'fingerprint'> & { readonly workers?: number };

export interface ImageToEmbed {
  readonly file: string;
  /** Shown in progress and failures. */
  readonly name: string;
}

export type EmbedOutcome =
  /** `faces`: how many faces the photo holds; the largest is the one embedded. */
  | { readonly ok: true; readonly sha256: string; readonly embedding: Float32Array; readonly faces: number; readonly cached: boolean }
  | { readonly ok: false; readonly sha256: string | null; readonly code: ErrorCode; readonly message: string; readonly cached: boolean };

export interface PassProgress {
  readonly done: number;
  readonly total: number;
  /** The image just finished (its display name). */
  readonly file: string;
  readonly variant: EmbedVariant;
  /** Whether it came from the cache. */
  readonly cached: boolean;
  /** Set when the image has no usable face or could not be read. */
  readonly error?: ErrorCode;
}

export interface EmbedPassOptions {
  readonly variant: EmbedVariant;
  readonly cache: EmbeddingCache | null;
  /** Images read and in flight at once. Default: twice the engine's workers. */
  readonly concurrency?: number;
  readonly signal?: AbortSignal;
  /** Flush the cache after this many new entries (default 64), so an interrupted run keeps its work. */
  readonly flushEvery?: number;
}

export interface EmbedPassResult {
  readonly outcomes: readonly EmbedOutcome[];
  /** Engine calls made. */
  readonly embedded: number;
  readonly cached: number;
  /** Problems writing the cache (the pass itself succeeded). */
  readonly warnings: readonly string[];
}

const readAndHash = async (file: string): Promise<{ bytes: Uint8Array; sha256: string } | { code: ErrorCode; message: string }> => {
  try {
    const bytes = await readImageFile(file);
    return { bytes, sha256: createHash('sha256').update(bytes).digest('hex') };
  } catch (error) {
    if (!isUserError(error)) throw error;
    return { code: error.code, message: error.message };
  }
};

export const embedImages = async (
  engine: EvaluationEngine,
  images: readonly ImageToEmbed[],
  options: EmbedPassOptions,
  onProgress?: (event: PassProgress) => void,
): Promise<EmbedPassResult> => {
  const { variant, cache, signal } = options;
  const flushEvery = options.flushEvery ?? 64;
  const concurrency = Math.max(1, Math.floor(options.concurrency ?? Math.max(1, engine.workers ?? 1) * 2));
  const outcomes = new Array<EmbedOutcome>(images.length);
  let next = 0;
  let done = 0;
  let embedded = 0;
  let cachedCount = 0;
  let stopped = false;
  const warnings: string[] = [];
  const flush = async (): Promise<void> => {
    if (cache === null) return;
    try {
      await cache.flush();
    } catch (error) {
      const text = `could not write the embedding cache ${cache.file}: ${(error as Error).message}`;
      if (!warnings.includes(text)) warnings.push(text);
    }
  };

  const finish = (index: number, outcome: EmbedOutcome): void => {
    outcomes[index] = outcome;
    done++;
    if (outcome.cached) cachedCount++;
    onProgress?.({
      done,
      total: images.length,
      file: images[index]!.name,
      variant,
      cached: outcome.cached,
      ...(outcome.ok ? {} : { error: outcome.code }),
    });
  };

  const one = async (index: number): Promise<void> => {
    const image = images[index]!;
    const read = await readAndHash(image.file);
    if ('code' in read) {
      finish(index, { ok: false, sha256: null, code: read.code, message: read.message, cached: false });
      return;
    }
    const { sha256 } = read;
    const hit = cache?.get(sha256);
    if (hit !== undefined) {
      finish(
        index,
        'embedding' in hit
          ? { ok: true, sha256, embedding: hit.embedding, faces: hit.faces, cached: true }
          : { ok: false, sha256, ...hit.failure, cached: true },
      );
      return;
    }
    signal?.throwIfAborted();
    embedded++;
    let outcome: EmbedOutcome;
    try {
      const result = await engine.embed({ bytes: read.bytes, name: image.name }, { variant });
      outcome = { ok: true, sha256, embedding: result.embedding, faces: result.faces.length, cached: false };
      cache?.set(sha256, { embedding: result.embedding, faces: result.faces.length });
    } catch (error) {
      if (!isImageError(error)) throw error;
      outcome = { ok: false, sha256, code: error.code, message: error.message, cached: false };
      if (cacheableFailureCodes.has(error.code)) cache?.set(sha256, { failure: { code: error.code, message: error.message } });
    }
    finish(index, outcome);
    if (cache !== null && cache.pending >= flushEvery) await flush();
  };

  const runner = async (): Promise<void> => {
    while (!stopped && next < images.length) {
      signal?.throwIfAborted();
      const index = next++;
      try {
        await one(index);
      } catch (error) {
        stopped = true;
        throw error;
      }
    }
  };

  try {
    const runners = Array.from({ length: Math.min(concurrency, images.length) }, runner);
    const settled = await Promise.allSettled(runners);
    const failure = settled.find((s): s is PromiseRejectedResult => s.status === 'rejected');
    if (failure !== undefined) throw failure.reason;
  } finally {
    // Keep what was embedded, even when the pass failed or was aborted.
    await flush();
  }
  return { outcomes, embedded, cached: cachedCount, warnings };
};
