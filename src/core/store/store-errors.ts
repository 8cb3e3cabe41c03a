/** The user errors about records the store cannot serve: damaged ones, and ones of another model or preprocessing. */
import { UserError } from '../errors.js';
import { deleteHandle } from './record.js';

/** A damaged entry (see FaceStore): its storage key, its name when readable, and why. */
export interface DamagedEntry {
  readonly key: string;
  readonly name?: string;
  readonly reason: string;
}

/** A record of another model or preprocessing, and how it differs. */
export interface MismatchedEntry {
  readonly name: string;
  readonly reason: string;
}

/** What one person's damaged record is, and how to get rid of it. */
export const damagedRecordError = (entry: DamagedEntry): UserError => {
  const who = entry.name ?? entry.key;
  return new UserError('STORE_ERROR', `The stored record for ${JSON.stringify(who)} is damaged: ${entry.reason}.`, {
    hint: `It was left untouched for inspection. Remove it with: face-auth-tui delete ${JSON.stringify(deleteHandle(entry))}, then register the person again.`,
  });
};

/**
 * What the preprocessing fingerprint stands for (computed by fingerprintOf in
 * src/core/face-engine.ts): templates made under another one are not comparable.
 */
export const FINGERPRINT_COVERS =
  'The preprocessing fingerprint covers the face models (their files, input and alignment settings), the pipeline version and the image.background setting';

/** "A: enrolled with ...; B: ...; and 3 more" (at most five named). */
const listed = (mismatched: readonly MismatchedEntry[]): string => {
  const shown = mismatched.slice(0, 5);
  const more = mismatched.length - shown.length;
  return shown.map((m) => `${m.name}: ${m.reason}`).join('; ') + (more > 0 ? `; and ${more} more` : '');
};

/** How to re-enrol the first of them. */
export const reenrolHint = (mismatched: readonly MismatchedEntry[]): string => {
  const first = JSON.stringify(mismatched[0]?.name ?? '<name>');
  const each = mismatched.length === 1 ? 'Re-enrol them' : 'Re-enrol each of them';
  return `${each} with the current model: face-auth-tui delete ${first} then face-auth-tui register ${first} <photo...> (or point store.uri at another store).`;
};

/** One line about records of another model that were left out (a warning, not an error). */
export const mismatchedSkippedMessage = (mismatched: readonly MismatchedEntry[]): string =>
  `${mismatched.length} record(s) of another model or preprocessing skipped (left untouched): ${listed(mismatched)}. ${FINGERPRINT_COVERS}; their templates cannot be compared with the current ones.`;

/** The UserError for records that another model or preprocessing produced. */
export const storeMismatchError = (mismatched: readonly MismatchedEntry[]): UserError =>
  new UserError(
    'STORE_MISMATCH',
    `${mismatched.length === 1 ? 'A person was' : `${mismatched.length} people were`} enrolled with a different model or preprocessing: ${listed(mismatched)}. ${FINGERPRINT_COVERS}; embeddings made under another one cannot be compared.`,
    { hint: reenrolHint(mismatched) },
  );
