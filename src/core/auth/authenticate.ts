/**
 * Authentication of one photo. The photo's LARGEST face is the one judged
 * (a second, smaller face can never be used to get in). Without a claimed
 * user it is 1:N identification over every template; with one it is 1:1
 * verification against that person's templates. Below the threshold the
 * answer is "denied" — never "the nearest person". Every attempt is
 * appended to the audit log; a claimed user locked out by repeated failures
 * is refused before any face is looked at. 1:N never accepts a person who is
 * locked out either: the face is compared, and if the person it matches is
 * locked out the answer is denied with reason 'locked-out' (and `lockedUser`).
 * 1:N denials name no one, so they never count towards a lockout.
 * A claimed user whose stored record is damaged, or of another model, is an
 * error that names the record and the way out — not "not enrolled", and not a
 * failure towards the lockout.
 */
import { isUserError, type UserError } from '../errors.js';
import { foldName, validateName } from '../store/record.js';
import { damagedRecordError, storeMismatchError } from '../store/store-errors.js';
import { cosine } from '../similarity/metrics.js';
import type { AuthReason, AuthResult, AuthenticateEntry } from './audit-entry.js';
import type { AuditLog } from './audit-log.js';
import type { Gallery } from './gallery.js';
import { lockoutDecision } from './lockout-tail.js';
import { auditLockouts, nearestOpen } from './nearest-open.js';
import { photoSha256 } from './photo-hash.js';
import type { AuthEngine } from './profile.js';
import type { AuthSettings } from './settings.js';

export interface AuthenticateOptions {
  /** Verify this claimed identity (1:1) instead of identifying (1:N). */
  readonly user?: string;
}

export interface AuthDecision {
  readonly authenticated: boolean;
  /** The person accepted; null when denied. */
  readonly name: string | null;
  /** Best similarity (identify) or the claimed person's (verify); null when no face was compared. */
  readonly score: number | null;
  readonly threshold: number;
  /** score minus the best other person's score; null when there is no other person. */
  readonly margin: number | null;
  /** Faces found in the photo (the largest is used); null when none was looked for. */
  readonly faces: number | null;
  readonly mode: 'identify' | 'verify';
  readonly claimed: string | null;
  readonly reason: AuthReason;
  /** Seconds until a locked-out user may try again. */
  readonly retryAfterSeconds?: number;
  /**
   * With reason 'locked-out': the person whose lockout refused the attempt — the
   * claimed user (1:1), or the person the face matched at or above the threshold (1:N).
   */
  readonly lockedUser?: string;
}

export interface AuthenticateDeps {
  readonly engine: AuthEngine;
  readonly audit: AuditLog;
  readonly settings: AuthSettings;
  readonly gallery: () => Promise<Gallery>;
  readonly now: () => Date;
}

const resultOf = (decision: AuthDecision): AuthResult =>
  decision.reason === 'locked-out' ? 'locked' : decision.authenticated ? 'accepted' : 'denied';

const record = async (deps: AuthenticateDeps, at: Date, decision: AuthDecision, imageSha256: string | null): Promise<AuthDecision> => {
  const entry: AuthenticateEntry = {
    time: at.toISOString(),
    event: 'authenticate',
    result: resultOf(decision),
    reason: decision.reason,
    mode: decision.mode,
    claimed: decision.claimed,
    name: decision.name,
    score: decision.score,
    threshold: decision.threshold,
    margin: decision.margin,
    faces: decision.faces,
    imageSha256,
    ...(decision.lockedUser === undefined ? {} : { lockedUser: decision.lockedUser }),
  };
  await deps.audit.append(entry);
  return decision;
};

/** Records an attempt that ended in an error (it neither counts towards nor resets a lockout), then throws it. */
const fail = async (deps: AuthenticateDeps, at: Date, base: Pick<AuthDecision, 'threshold' | 'mode' | 'claimed'>, error: unknown, imageSha256: string | null = null): Promise<never> => {
  const code = isUserError(error) ? error.code : 'BUG';
  const entry: AuthenticateEntry = { time: at.toISOString(), event: 'authenticate', result: 'error', reason: 'error', ...base, name: null, score: null, margin: null, faces: null, imageSha256, code };
  await deps.audit.append(entry);
  throw error;
};

/** The error for a claimed user whose record the gallery left out, if it did. */
const unusableRecord = (gallery: Gallery, claimed: string): UserError | undefined => {
  const damaged = gallery.damaged(claimed);
  if (damaged !== undefined) return damagedRecordError(damaged);
  const mismatch = gallery.mismatch(claimed);
  return mismatch === undefined ? undefined : storeMismatchError([mismatch]);
};

export const authenticate = async (deps: AuthenticateDeps, file: string, options: AuthenticateOptions = {}): Promise<AuthDecision> => {
  const at = deps.now();
  const { threshold } = deps.settings;
  const claimed = options.user === undefined ? null : validateName(options.user);
  const mode = claimed === null ? 'identify' : 'verify';
  const base = { threshold, mode, claimed } as const;
  const denied = { authenticated: false, name: null, score: null, margin: null, faces: null } as const;
  const lockout = (user: string) => lockoutDecision(deps.audit.readNewestFirst(), user, at, deps.settings.lockout);
  const lockouts = auditLockouts(deps.audit, at, deps.settings.lockout);

  if (claimed !== null) {
    const lock = await lockout(claimed);
    if (lock.locked) {
      return record(deps, at, { ...base, ...denied, reason: 'locked-out', retryAfterSeconds: lock.retryAfterSeconds, lockedUser: claimed }, null);
    }
  }
  const gallery = await deps.gallery();
  const person = claimed === null ? undefined : gallery.get(claimed);
  if (claimed !== null && person === undefined) {
    const unusable = unusableRecord(gallery, claimed);
    if (unusable !== undefined) return fail(deps, at, base, unusable);
  }
  gallery.requireUsable();
  if (gallery.size === 0) return record(deps, at, { ...base, ...denied, reason: 'no-one-enrolled' }, null);
  if (claimed !== null && person === undefined) return record(deps, at, { ...base, ...denied, reason: 'not-enrolled' }, null);

  let result;
  try {
    result = await deps.engine.embed(file);
  } catch (error) {
    return fail(deps, at, base, error, await photoSha256(file));
  }
  const { embedding } = result;
  const faces = result.faces.length;
  let score: number;
  let candidate: string;
  let runnerUp: number | undefined;
  if (person !== undefined) {
    // The search's own kernel: a claimed identity and a 1:N search give a face the same score.
    score = gallery.index.scoreOf(embedding, person.name) ?? Math.max(...person.templates.map((t) => cosine(embedding, t.embedding)));
    candidate = person.name;
    // The next person among those not locked out: a margin never gives a locked-out person's score away.
    const { open } = await nearestOpen(gallery, embedding, 2, lockouts);
    runnerUp = open.find((h) => foldName(h.name) !== foldName(person.name))?.score;
  } else {
    // 1:N ranks the people who are not locked out, as search does: a locked-out person's score
    // never shows, not even as "the best score" of a denial.
    const { open, nearest } = await nearestOpen(gallery, embedding, 2, lockouts);
    if (nearest === undefined) return record(deps, at, { ...base, ...denied, reason: 'no-one-enrolled' }, result.sha256);
    if (nearest.lock?.locked === true && nearest.hit.score >= threshold) {
      // Leaving out --user must not get round a lockout: the face matches a locked-out person. They
      // are named (the person themselves needs to know why), their score is not.
      return record(
        deps,
        at,
        { ...base, authenticated: false, name: null, score: null, margin: null, faces, reason: 'locked-out', retryAfterSeconds: nearest.lock.retryAfterSeconds, lockedUser: nearest.hit.name },
        result.sha256,
      );
    }
    const [best, second] = open;
    if (best === undefined) return record(deps, at, { ...base, ...denied, faces, reason: 'below-threshold' }, result.sha256);
    score = best.score;
    candidate = best.name;
    runnerUp = second?.score;
  }
  const authenticated = score >= threshold;
  // A denied claim tells nothing of the other people: with the margin, its score would give the
  // runner-up's (how much the face looks like someone else enrolled).
  const margin = runnerUp === undefined || (claimed !== null && !authenticated) ? null : score - runnerUp;
  return record(
    deps,
    at,
    {
      ...base,
      authenticated,
      name: authenticated ? candidate : null,
      score,
      margin,
      faces,
      reason: authenticated ? 'match' : 'below-threshold',
    },
    result.sha256,
  );
};
