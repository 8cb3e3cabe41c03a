/**
 * Synthetic person records for the store and search tests (and the child
 * processes they spawn). Deterministic from a seed, so that a test can rebuild
 * exactly the record another process wrote.
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { mulberry32 } from '../../src/core/evaluation/prng.js';
import type { PersonRecord, StoreProfile, Template } from '../../src/core/store/record.js';

export const TEST_PROFILE: StoreProfile = { modelId: 'test-model@1', preprocessing: 'test-prep@1', dim: 512 };

/** A random L2-normalised vector (Gaussian-ish: sum of uniforms). */
export const randomUnitVector = (random: () => number, dim: number): Float32Array => {
  const v = new Float32Array(dim);
  let norm = 0;
  for (let i = 0; i < dim; i++) {
    const x = random() + random() + random() - 1.5;
    v[i] = x;
    norm += x * x;
  }
  const inv = 1 / Math.sqrt(norm);
  for (let i = 0; i < dim; i++) v[i] = v[i]! * inv;
  return v;
};

export const sha256Hex = (text: string): string => createHash('sha256').update(text).digest('hex');

/** A v4-shaped UUID derived from a seed. */
export const seededUuid = (seed: number): string => {
  const hex = sha256Hex(`uuid:${seed}`);
  const variant = ((parseInt(hex[16]!, 16) & 0x3) | 0x8).toString(16);
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-${variant}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
};

export interface SyntheticOptions {
  readonly templates?: number;
  readonly profile?: StoreProfile;
}

/** A complete, deterministic record for `name` and `seed`. */
export const syntheticRecord = (name: string, seed: number, options: SyntheticOptions = {}): PersonRecord => {
  const profile = options.profile ?? TEST_PROFILE;
  const random = mulberry32(seed);
  const count = options.templates ?? 2;
  const stamp = new Date(Date.UTC(2025, 0, 1) + (seed % 100_000) * 1000).toISOString();
  const templates: Template[] = Array.from({ length: count }, (_, t) => ({
    embedding: randomUnitVector(random, profile.dim),
    imageSha256: sha256Hex(`image:${seed}:${t}`),
    createdAt: stamp,
    detectionScore: Math.round(random() * 1000) / 1000,
  }));
  return {
    id: seededUuid(seed),
    name,
    templates,
    modelId: profile.modelId,
    preprocessing: profile.preprocessing,
    dim: profile.dim,
    createdAt: stamp,
    updatedAt: stamp,
  };
};

/** Same bytes in every embedding, same everything else. */
export const sameRecord = (a: PersonRecord, b: PersonRecord): boolean => {
  const { templates: ta, ...restA } = a;
  const { templates: tb, ...restB } = b;
  if (JSON.stringify(restA) !== JSON.stringify(restB) || ta.length !== tb.length) return false;
  return ta.every((t, i) => {
    const u = tb[i]!;
    return (
      t.imageSha256 === u.imageSha256 &&
      t.createdAt === u.createdAt &&
      t.detectionScore === u.detectionScore &&
      Buffer.from(t.embedding.buffer, t.embedding.byteOffset, t.embedding.byteLength).equals(
        Buffer.from(u.embedding.buffer, u.embedding.byteOffset, u.embedding.byteLength),
      )
    );
  });
};

/** A fresh folder under the OS temp dir; `remove()` deletes it. */
export const makeTempDir = (prefix = 'fat-store-'): { readonly dir: string; remove: () => void } => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  return { dir, remove: () => fs.rmSync(dir, { recursive: true, force: true }) };
};

export type Corruption = 'checksum' | 'dim' | 'length' | 'nan' | 'json';

/**
 * Damages a stored record document the way a disk fault or a bad hand edit
 * would. Except for 'checksum' and 'json', the embedding checksum is
 * recomputed, so that only the intended check can catch it.
 */
export const corruptDocument = (text: string, kind: Corruption): string => {
  if (kind === 'json') return text.slice(0, Math.floor(text.length / 2));
  const doc = JSON.parse(text) as {
    dim: number;
    templates: { embedding: { data: string; sha256: string; dim: number } }[];
  };
  const embedding = doc.templates[0]!.embedding;
  const bytes = Buffer.from(embedding.data, 'base64');
  const rehash = (): void => {
    embedding.data = bytes.toString('base64');
    embedding.sha256 = createHash('sha256').update(bytes).digest('hex');
  };
  switch (kind) {
    case 'checksum':
      bytes[5] = bytes[5]! ^ 0x01; // one flipped bit, old checksum kept
      embedding.data = bytes.toString('base64');
      break;
    case 'dim':
      doc.dim = doc.dim / 2; // the record claims another dimension than its embeddings have
      break;
    case 'length': {
      const shorter = bytes.subarray(0, bytes.length - 8);
      embedding.data = shorter.toString('base64');
      embedding.sha256 = createHash('sha256').update(shorter).digest('hex');
      break;
    }
    case 'nan':
      bytes.writeFloatLE(Number.NaN, 12);
      rehash();
      break;
  }
  return JSON.stringify(doc);
};

/** Seeds for store-child.ts's register mode: distinct per prefix and index. */
export const registerSeed = (prefix: string, i: number): number =>
  Math.abs([...prefix].reduce((h, c) => (Math.imul(h, 31) + c.charCodeAt(0)) | 0, 7) % 1_000_000) * 1000 + i;

/** The record store-child.ts's churn mode writes at step i (1 to 4 templates, so the size changes). */
export const churnRecord = (i: number): PersonRecord => syntheticRecord('Counter', 1_000_000 + i, { templates: 1 + (i % 4) });
