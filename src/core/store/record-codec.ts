/**
 * The on-disk form of a person record (one JSON document per person).
 *
 * Embeddings are stored explicitly, never as JSON number arrays: the raw
 * little-endian IEEE-754 float32 bytes in base64, tagged `f32le-base64`, with the
 * SHA-256 of those bytes. Decoding gives back bit-identical vectors (-0,
 * subnormals and every last mantissa bit included) and detects any change.
 */
import crypto, { createHash } from 'node:crypto';
import { z } from 'zod';
import { UserError } from '../errors.js';
import { bytesToFloat32, float32ToBytes } from '../f32le.js';
import { foldName, validateName, type PersonRecord, type Template } from './record.js';

export const RECORD_SCHEMA = 'face-auth-tui/person';
export const RECORD_SCHEMA_VERSION = 1;
export const EMBEDDING_FORMAT = 'f32le-base64';
export const MAX_DIM = 65_536;

export { bytesToFloat32, float32ToBytes } from '../f32le.js';

// crypto.hash (one call, no Hash object) is about twice as fast for small inputs; Node 20.12+.
const oneShot = (crypto as { hash?: (algorithm: string, data: Uint8Array, encoding: 'hex') => string }).hash;
const sha256Hex = (bytes: Uint8Array): string => (oneShot === undefined ? createHash('sha256').update(bytes).digest('hex') : oneShot('sha256', bytes, 'hex'));

const hex64 = z.string().regex(/^[0-9a-f]{64}$/, 'expected 64 lower-case hex digits');
// Canonical base64 is checked after decoding (re-encoding must give the same text):
// a regular expression over ~2.7 kB per template cost more than the rest of the decode.
const base64 = z.string();
const isoDate = z.iso.datetime({ offset: true });

const embeddingDocSchema = z
  .object({
    format: z.literal(EMBEDDING_FORMAT),
    dim: z.number().int().positive().max(MAX_DIM),
    sha256: hex64,
    data: base64,
  })
  .strict();

const templateDocSchema = z
  .object({
    embedding: embeddingDocSchema,
    imageSha256: hex64,
    createdAt: isoDate,
    detectionScore: z.number().min(0).max(1),
  })
  .strict();

const recordDocSchema = z
  .object({
    schema: z.literal(RECORD_SCHEMA),
    version: z.literal(RECORD_SCHEMA_VERSION),
    id: z.uuid(),
    name: z.string(),
    modelId: z.string().min(1),
    preprocessing: z.string().min(1),
    dim: z.number().int().positive().max(MAX_DIM),
    createdAt: isoDate,
    updatedAt: isoDate,
    templates: z.array(templateDocSchema).min(1),
  })
  .strict();

export type RecordDocument = z.infer<typeof recordDocSchema>;
export type EmbeddingDocument = z.infer<typeof embeddingDocSchema>;

/** Thrown by decodeEmbedding; decodeRecord turns it into a reason string. */
export class EmbeddingDecodeError extends Error {
  override readonly name = 'EmbeddingDecodeError';
}

/**
 * How far a template's L2 norm may be from 1. Embeddings are L2-normalised in
 * float32 (norm within about 1e-6 of 1); 1:N scores are raw dot products and
 * 1:1 scores cosines, which agree only for unit vectors, so a vector of another
 * length (a scaled template could score above 1 against anyone) is damage.
 */
export const NORM_TOLERANCE = 1e-3;

/** Why a vector cannot be stored, or undefined: wrong length, a value that is not finite, or not unit length. */
export const vectorProblem = (vector: Float32Array, dim: number): string | undefined => {
  if (vector.length !== dim) return `has ${vector.length} values, expected ${dim}`;
  let sumSq = 0;
  for (let i = 0; i < vector.length; i++) sumSq += vector[i]! * vector[i]!;
  if (!Number.isFinite(sumSq)) {
    // NaN or an infinity somewhere (the sum of float32 squares cannot overflow a double otherwise): name it.
    const i = vector.findIndex((x) => !Number.isFinite(x));
    return `value ${i} is ${vector[i]} (not finite)`;
  }
  const norm = Math.sqrt(sumSq);
  if (!(Math.abs(norm - 1) <= NORM_TOLERANCE)) return `is not unit length (L2 norm ${norm.toPrecision(4)}, expected 1 within ${NORM_TOLERANCE})`;
  return undefined;
};

export const encodeEmbedding = (vector: Float32Array): EmbeddingDocument => {
  const bytes = float32ToBytes(vector);
  return { format: EMBEDDING_FORMAT, dim: vector.length, sha256: sha256Hex(bytes), data: bytes.toString('base64') };
};

/** Decodes and verifies one embedding (canonical base64, checksum, length, finiteness, unit length). */
export const decodeEmbedding = (doc: EmbeddingDocument, expectedDim: number): Float32Array => {
  const bytes = Buffer.from(doc.data, 'base64');
  if (bytes.toString('base64') !== doc.data) throw new EmbeddingDecodeError('data is not canonical base64');
  if (sha256Hex(bytes) !== doc.sha256) throw new EmbeddingDecodeError('checksum mismatch (the embedding bytes were altered)');
  if (bytes.length !== doc.dim * 4) {
    throw new EmbeddingDecodeError(`holds ${bytes.length} bytes, but dim ${doc.dim} needs ${doc.dim * 4}`);
  }
  if (doc.dim !== expectedDim) throw new EmbeddingDecodeError(`has dimension ${doc.dim}, but the record says ${expectedDim}`);
  const vector = bytesToFloat32(bytes);
  const problem = vectorProblem(vector, expectedDim);
  if (problem !== undefined) throw new EmbeddingDecodeError(problem);
  return vector;
};

/**
 * Serialises a record to its JSON document. Refuses (UserError INVALID_ARGUMENT)
 * records that could not be read back: bad name, non-finite values, wrong lengths.
 */
export const encodeRecord = (record: PersonRecord): string => {
  const name = validateName(record.name);
  const invalid = (message: string): UserError =>
    new UserError('INVALID_ARGUMENT', `Cannot store ${JSON.stringify(name)}: ${message}.`);
  if (!Number.isInteger(record.dim) || record.dim <= 0 || record.dim > MAX_DIM) throw invalid(`bad dimension ${record.dim}`);
  if (record.templates.length === 0) throw invalid('a person needs at least one template');
  const doc: RecordDocument = {
    schema: RECORD_SCHEMA,
    version: RECORD_SCHEMA_VERSION,
    id: record.id,
    name,
    modelId: record.modelId,
    preprocessing: record.preprocessing,
    dim: record.dim,
    createdAt: record.createdAt,
    updatedAt: record.updatedAt,
    templates: record.templates.map((t, i) => {
      const problem = vectorProblem(t.embedding, record.dim);
      if (problem !== undefined) throw invalid(`template ${i} ${problem}`);
      return {
        embedding: encodeEmbedding(t.embedding),
        imageSha256: t.imageSha256,
        createdAt: t.createdAt,
        detectionScore: t.detectionScore,
      };
    }),
  };
  const checked = recordDocSchema.safeParse(doc);
  if (!checked.success) throw invalid(describeIssues(checked.error));
  return JSON.stringify(doc);
};

export type DecodeResult =
  | { readonly ok: true; readonly record: PersonRecord }
  | { readonly ok: false; readonly reason: string; readonly name?: string };

const describeIssues = (error: z.ZodError): string => {
  const shown = error.issues.slice(0, 3).map((issue) => {
    const where = issue.path.length === 0 ? '' : `${issue.path.map(String).join('.')}: `;
    return `${where}${issue.message}`;
  });
  const more = error.issues.length - shown.length;
  return shown.join('; ') + (more > 0 ? `; and ${more} more problem${more === 1 ? '' : 's'}` : '');
};

/**
 * Parses and verifies a stored document. Never throws: a damaged document gives
 * `{ ok: false, reason }` (with the name when it can still be read), so that the
 * store can report it and leave it in place.
 *
 * `expectedKey`, when given, is the (case-folded) key the document was stored
 * under; a document whose name does not fold to it is reported as damaged.
 */
export const decodeRecord = (text: string, expectedKey?: string): DecodeResult => {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    return { ok: false, reason: `not valid JSON (${error instanceof Error ? error.message : String(error)})` };
  }
  return decodeDocument(json, expectedKey);
};

/** decodeRecord for a document already parsed from JSON (the file backend's entries). */
export const decodeDocument = (json: unknown, expectedKey?: string): DecodeResult => {
  const looseName =
    typeof json === 'object' && json !== null && typeof (json as { name?: unknown }).name === 'string'
      ? (json as { name: string }).name
      : undefined;
  const fail = (reason: string): DecodeResult => (looseName === undefined ? { ok: false, reason } : { ok: false, reason, name: looseName });

  const version = typeof json === 'object' && json !== null ? (json as { version?: unknown }).version : undefined;
  if (typeof version === 'number' && version > RECORD_SCHEMA_VERSION) {
    return fail(`written by a newer face-auth-tui (record schema ${version}; this version reads ${RECORD_SCHEMA_VERSION})`);
  }
  const parsed = recordDocSchema.safeParse(json);
  if (!parsed.success) return fail(describeIssues(parsed.error));
  const doc = parsed.data;

  let name: string;
  try {
    name = validateName(doc.name);
  } catch (error) {
    return fail(`invalid name (${error instanceof Error ? error.message : String(error)})`);
  }
  if (name !== doc.name) return fail('name is not in Unicode NFC form');
  if (expectedKey !== undefined && foldName(name) !== expectedKey) {
    return fail(`stored under key ${JSON.stringify(expectedKey)} but named ${JSON.stringify(name)}`);
  }

  const templates: Template[] = [];
  for (const [i, t] of doc.templates.entries()) {
    try {
      templates.push({
        embedding: decodeEmbedding(t.embedding, doc.dim),
        imageSha256: t.imageSha256,
        createdAt: t.createdAt,
        detectionScore: t.detectionScore,
      });
    } catch (error) {
      if (error instanceof EmbeddingDecodeError) return fail(`template ${i}: embedding ${error.message}`);
      throw error;
    }
  }
  return {
    ok: true,
    record: {
      id: doc.id,
      name,
      templates,
      modelId: doc.modelId,
      preprocessing: doc.preprocessing,
      dim: doc.dim,
      createdAt: doc.createdAt,
      updatedAt: doc.updatedAt,
    },
  };
};
