import { randomUUID } from 'node:crypto';
import { UserError } from '../errors.js';

/** One enrolment photo's embedding. */
export interface Template {
  /** L2-normalised embedding, `dim` floats. */
  readonly embedding: Float32Array;
  /** SHA-256 (hex) of the source image file's bytes. */
  readonly imageSha256: string;
  /** ISO 8601 UTC timestamp. */
  readonly createdAt: string;
  /** Face detector probability for the face that was embedded, 0..1. */
  readonly detectionScore: number;
}

/** An enrolled person. Plain data: survives structured clone (workers) as is. */
export interface PersonRecord {
  /** UUID, stable across renames and re-enrolment of templates. */
  readonly id: string;
  /** Display name, case preserved. Unique in a store, compared case-insensitively. */
  readonly name: string;
  readonly templates: readonly Template[];
  /** The embedding model that produced the templates (e.g. the manifest's model id + hash). */
  readonly modelId: string;
  /** Fingerprint of the preprocessing (detector, alignment, normalisation) used. */
  readonly preprocessing: string;
  readonly dim: number;
  /** ISO 8601 UTC timestamps. */
  readonly createdAt: string;
  readonly updatedAt: string;
}

/** What the current pipeline produces; a store only serves records that match it. */
export interface StoreProfile {
  readonly modelId: string;
  readonly preprocessing: string;
  readonly dim: number;
}

export const MAX_NAME_LENGTH = 200;

// C0/C1 controls, DEL, line/paragraph separators and every invisible format character
// (bidi marks, embeddings, overrides and isolates, zero-width space, word joiner, BOM,
// soft hyphen...), which can make a name display as something else, or two names look
// the same. The zero-width (non-)joiner stay: scripts and emoji sequences need them.
const forbiddenInName = /(?![\u200C\u200D])[\p{Cc}\p{Cf}\u2028\u2029]/u;

/**
 * Checks a person's name and returns it in NFC form (so that the same name typed
 * on two keyboards is one person). Throws UserError('INVALID_ARGUMENT').
 */
export const validateName = (name: unknown): string => {
  if (typeof name !== 'string' || name.trim().length === 0) {
    throw new UserError('INVALID_ARGUMENT', 'A name must not be empty.', {
      hint: 'Give the person a name, e.g. "Ada Lovelace".',
    });
  }
  const normalized = name.normalize('NFC');
  const bad = forbiddenInName.exec(normalized);
  if (bad !== null) {
    const code = bad[0].codePointAt(0) ?? 0;
    throw new UserError(
      'INVALID_ARGUMENT',
      `The name ${JSON.stringify(name)} contains a control or invisible character (U+${code.toString(16).toUpperCase().padStart(4, '0')}).`,
      { hint: 'Use printable characters only (no tabs, newlines, escape, zero-width or direction characters).' },
    );
  }
  if (normalized !== normalized.trim()) {
    throw new UserError('INVALID_ARGUMENT', `The name ${JSON.stringify(name)} starts or ends with white space.`, {
      hint: `Did you mean ${JSON.stringify(normalized.trim())}?`,
    });
  }
  if ([...normalized].length > MAX_NAME_LENGTH) {
    throw new UserError('INVALID_ARGUMENT', `A name may have at most ${MAX_NAME_LENGTH} characters.`, { hint: 'Use a shorter name, e.g. the person\'s full name without titles.' });
  }
  return normalized;
};

/**
 * The storage key for a name: names are case-preserving but unique regardless of
 * case ("Ada" and "ADA" are the same person).
 */
export const nameKey = (name: string): string => validateName(name).toLowerCase();

/** Same as nameKey for a name already known to be valid (no validation). */
export const foldName = (validName: string): string => validName.normalize('NFC').toLowerCase();

/**
 * What to give `face-auth-tui delete` to remove a damaged entry: its name when
 * that is still readable and names this key, else the storage key itself
 * (e.g. a record stored under "bob" whose name was changed to "Zed").
 */
export const deleteHandle = (entry: { readonly key: string; readonly name?: string | undefined }): string => {
  if (entry.name === undefined) return entry.key;
  try {
    return foldName(validateName(entry.name)) === entry.key ? entry.name : entry.key;
  } catch {
    return entry.key;
  }
};

export interface NewTemplate {
  readonly embedding: Float32Array;
  readonly imageSha256: string;
  readonly detectionScore: number;
  readonly createdAt?: string;
}

/** Builds a record for a new person (fresh id, timestamps now). */
export const createPersonRecord = (
  name: string,
  templates: readonly NewTemplate[],
  profile: StoreProfile,
  now: Date = new Date(),
): PersonRecord => {
  const stamp = now.toISOString();
  return {
    id: randomUUID(),
    name: validateName(name),
    templates: templates.map((t) => ({
      embedding: t.embedding,
      imageSha256: t.imageSha256,
      detectionScore: t.detectionScore,
      createdAt: t.createdAt ?? stamp,
    })),
    modelId: profile.modelId,
    preprocessing: profile.preprocessing,
    dim: profile.dim,
    createdAt: stamp,
    updatedAt: stamp,
  };
};

/** Why a record cannot be used with this profile, or undefined if it can. */
export const profileMismatch = (
  record: Pick<PersonRecord, 'modelId' | 'preprocessing' | 'dim'>,
  profile: StoreProfile,
): string | undefined => {
  const parts: string[] = [];
  if (record.modelId !== profile.modelId) parts.push(`model ${record.modelId} (current: ${profile.modelId})`);
  if (record.preprocessing !== profile.preprocessing) {
    parts.push(`preprocessing ${record.preprocessing} (current: ${profile.preprocessing})`);
  }
  if (record.dim !== profile.dim) parts.push(`dimension ${record.dim} (current: ${profile.dim})`);
  return parts.length === 0 ? undefined : `enrolled with ${parts.join(', ')}`;
};
