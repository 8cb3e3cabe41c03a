/**
 * An on-disk cache of embeddings keyed by the image's SHA-256, one JSON file
 * per (model fingerprint, pipeline settings, variant). Images that have no
 * usable face are cached too (their error code), since the same bytes give the
 * same answer. Writes are atomic (temporary file + rename) and merge what is
 * on disk first, so two runs sharing a cache lose nothing but duplicated work.
 *
 * File: <dir>/<modelId>-<variant>-<key>.json where key hashes the fingerprint
 * and the salt. Embeddings are base64 of little-endian float32, each with the
 * number of faces found in the photo (the largest was embedded). Version 2 added
 * that count; a file of another version is discarded and rewritten.
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';
import { errorCodes, imageDataErrorCodes, type ErrorCode } from '../errors.js';
import type { EmbedVariant } from '../face/types.js';
import { writeFileAtomic } from '../fs/atomic-write.js';
import { bytesToFloat32, float32ToBytes } from '../f32le.js';

export const EMBEDDING_CACHE_FORMAT = 'face-auth-tui/embedding-cache';
export const EMBEDDING_CACHE_VERSION = 2;

export interface CachedFailure {
  readonly code: ErrorCode;
  readonly message: string;
}

/** An embedding of the photo's largest face, with how many faces the photo holds; or why it has none usable. */
export type CacheEntry = { readonly embedding: Float32Array; readonly faces: number } | { readonly failure: CachedFailure };

export interface EmbeddingCacheKey {
  readonly modelId: string;
  /** `engine.fingerprint`: models and preprocessing. */
  readonly fingerprint: string;
  readonly variant: EmbedVariant;
  /**
   * Anything else that changes embeddings or which images have a face
   * (detection thresholds, size limits): see `embeddingCacheSalt`.
   */
  readonly salt: string;
}

/** Failures that depend only on the bytes and the settings: the ones the cache keeps. */
export const cacheableFailureCodes: ReadonlySet<ErrorCode> = imageDataErrorCodes;

const sha256Hex = /^[0-9a-f]{64}$/;

const fileSchema = z.object({
  format: z.literal(EMBEDDING_CACHE_FORMAT),
  version: z.literal(EMBEDDING_CACHE_VERSION),
  modelId: z.string(),
  fingerprint: z.string(),
  variant: z.string(),
  salt: z.string(),
  entries: z.record(
    z.string().regex(sha256Hex),
    z.union([
      z.object({ embedding: z.string(), faces: z.number().int().positive() }).strict(),
      z.object({ failure: z.object({ code: z.enum(errorCodes), message: z.string() }).strict() }).strict(),
    ]),
  ),
});

type StoredEntry = z.infer<typeof fileSchema>['entries'][string];

/** A cached embedding: base64 of its little-endian float32 bytes (the store's format, without the record's checksum). */
export const encodeCachedEmbedding = (embedding: Float32Array): string => float32ToBytes(embedding).toString('base64');

/** The embedding back, or null when the text cannot be one (wrong length, a value that is not finite). */
export const decodeCachedEmbedding = (text: string): Float32Array | null => {
  const bytes = Buffer.from(text, 'base64');
  if (bytes.length === 0 || bytes.length % 4 !== 0) return null;
  const out = bytesToFloat32(bytes);
  return out.every(Number.isFinite) ? out : null;
};

const toStored = (entry: CacheEntry): StoredEntry =>
  'embedding' in entry ? { embedding: encodeCachedEmbedding(entry.embedding), faces: entry.faces } : { failure: { ...entry.failure } };

const fromStored = (entry: StoredEntry): CacheEntry | null => {
  if ('failure' in entry) return { failure: entry.failure };
  const embedding = decodeCachedEmbedding(entry.embedding);
  return embedding === null ? null : { embedding, faces: entry.faces };
};

const safeName = (text: string): string => text.replace(/[^A-Za-z0-9_.-]+/g, '_');

export const embeddingCacheFile = (dir: string, key: EmbeddingCacheKey): string => {
  const digest = createHash('sha256').update(JSON.stringify([key.fingerprint, key.salt])).digest('hex').slice(0, 16);
  return path.join(dir, `${safeName(key.modelId)}-${safeName(key.variant)}-${digest}.json`);
};

export interface OpenedCache {
  readonly cache: EmbeddingCache;
  /** Set when an existing file could not be used (corrupt, other key); it will be replaced on the next flush. */
  readonly discarded: string | null;
}

type ReadResult = { entries: Map<string, StoredEntry>; discarded: string | null };

const readEntries = async (file: string, key: EmbeddingCacheKey): Promise<ReadResult> => {
  let text: string;
  try {
    text = await fs.readFile(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { entries: new Map(), discarded: null };
    return { entries: new Map(), discarded: `cannot read ${file}: ${(error as Error).message}` };
  }
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    return { entries: new Map(), discarded: `${file} is not valid JSON` };
  }
  const parsed = fileSchema.safeParse(raw);
  if (!parsed.success) return { entries: new Map(), discarded: `${file} is not an embedding cache of this version` };
  const data = parsed.data;
  if (data.modelId !== key.modelId || data.fingerprint !== key.fingerprint || data.variant !== key.variant || data.salt !== key.salt) {
    return { entries: new Map(), discarded: `${file} belongs to another model or settings` };
  }
  return { entries: new Map(Object.entries(data.entries)), discarded: null };
};

export class EmbeddingCache {
  private readonly entries: Map<string, StoredEntry>;
  private readonly unsaved = new Set<string>();
  private flushing: Promise<void> = Promise.resolve();

  private constructor(
    readonly file: string,
    readonly key: EmbeddingCacheKey,
    entries: Map<string, StoredEntry>,
  ) {
    this.entries = entries;
  }

  /** Opens (or starts) the cache file for `key` in `dir`. A corrupt or foreign file is reported, not fatal. */
  static async open(dir: string, key: EmbeddingCacheKey): Promise<OpenedCache> {
    const file = embeddingCacheFile(dir, key);
    const { entries, discarded } = await readEntries(file, key);
    return { cache: new EmbeddingCache(file, key, entries), discarded };
  }

  get size(): number {
    return this.entries.size;
  }

  /** Entries added since the last flush. */
  get pending(): number {
    return this.unsaved.size;
  }

  get(sha256: string): CacheEntry | undefined {
    const stored = this.entries.get(sha256);
    if (stored === undefined) return undefined;
    const entry = fromStored(stored);
    if (entry === null) {
      this.entries.delete(sha256);
      return undefined;
    }
    return entry;
  }

  set(sha256: string, entry: CacheEntry): void {
    if ('failure' in entry && !cacheableFailureCodes.has(entry.failure.code)) return;
    this.entries.set(sha256, toStored(entry));
    this.unsaved.add(sha256);
  }

  /** Merges with the file on disk (another run may have added entries) and rewrites it atomically. Flushes run one at a time. */
  flush(): Promise<void> {
    const run = async (): Promise<void> => {
      if (this.unsaved.size === 0) return;
      const saving = [...this.unsaved];
      const onDisk = await readEntries(this.file, this.key);
      for (const [sha, stored] of onDisk.entries) if (!this.entries.has(sha)) this.entries.set(sha, stored);
      const body = {
        format: EMBEDDING_CACHE_FORMAT,
        version: EMBEDDING_CACHE_VERSION,
        modelId: this.key.modelId,
        fingerprint: this.key.fingerprint,
        variant: this.key.variant,
        salt: this.key.salt,
        entries: Object.fromEntries(this.entries),
      };
      await writeFileAtomic(this.file, `${JSON.stringify(body)}\n`);
      for (const sha of saving) this.unsaved.delete(sha);
    };
    this.flushing = this.flushing.then(run, run);
    return this.flushing;
  }
}
