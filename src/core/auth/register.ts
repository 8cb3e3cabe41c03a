/**
 * Enrolment of one person. Every image must hold exactly one face that passes
 * the quality gate; the new templates must not already match a DIFFERENT
 * enrolled person (collision) unless forced. An existing name is only changed
 * on request: `add` appends templates, `force` replaces them (and may change
 * the spelling of the name; `add` alone keeps the enrolled spelling).
 *
 * Check-then-write is atomic across processes: the photos are embedded first
 * (slow, no lock held), then, under the store's exclusive lock, the store is
 * read afresh and the name and collision checks run again on what it holds
 * now, before the write. Two processes registering the same name, or the same
 * face under two names, at once: the second sees the first's record.
 */
import type { ErrorCode } from '../errors.js';
import { formatThreshold } from '../format-threshold.js';
import type { FaceStore } from '../store/face-store.js';
import { createPersonRecord, validateName, type PersonRecord } from '../store/record.js';
import type { AuditLog } from './audit-log.js';
import type { Gallery } from './gallery.js';
import type { AuthEngine } from './profile.js';
import { QUALITY_HINT } from './quality-gate.js';
import { consistencyWarnings, dropDuplicates, examine, worstCollision, type Candidate, type Collision, type Examined, type ImageVerdict } from './register-checks.js';
import type { AuthSettings } from './settings.js';

export type { Collision, ImageVerdict, RejectionCode } from './register-checks.js';

export interface RegisterOptions {
  /** Append the templates to an existing person. */
  readonly add?: boolean;
  /** Replace an existing person's templates (without add), register despite a collision, and take the spelling given. */
  readonly force?: boolean;
  /**
   * Register with the images that pass even if others are rejected (register --from).
   * Default false: one rejected image and nothing is registered.
   */
  readonly partial?: boolean;
}

export type RegisterOutcome =
  | {
      readonly status: 'registered';
      readonly name: string;
      readonly mode: 'new' | 'add' | 'replace';
      readonly added: number;
      readonly templates: number;
      readonly images: readonly ImageVerdict[];
      /** Set when --force registered the person despite it. */
      readonly collision: Collision | null;
      /** The enrolled spelling that --force replaced by the one given (e.g. "Alice" for "alice"), else null. */
      readonly renamedFrom: string | null;
      readonly warnings: readonly string[];
      /** What was done that the user may not expect (the enrolled spelling kept, or changed). */
      readonly notes: readonly string[];
    }
  | {
      readonly status: 'refused';
      readonly name: string;
      readonly code: ErrorCode;
      readonly message: string;
      readonly hint: string;
      readonly images: readonly ImageVerdict[];
      readonly collision: Collision | null;
    };

type Refused = Extract<RegisterOutcome, { status: 'refused' }>;

export interface RegisterDeps {
  readonly engine: AuthEngine;
  readonly store: FaceStore;
  readonly audit: AuditLog;
  readonly settings: AuthSettings;
  readonly gallery: () => Promise<Gallery>;
  /** Reads the store afresh into the gallery (under the exclusive lock, before the checks). */
  readonly reloadGallery: () => Promise<Gallery>;
  /** Called after a write under the lock, once the gallery holds it too. */
  readonly wroteHere?: (written: Gallery) => Promise<void>;
  readonly now: () => Date;
}

const plural = (n: number, word: string): string => `${n} ${word}${n === 1 ? '' : 's'}`;

export const registerPerson = async (deps: RegisterDeps, name: string, files: readonly string[], options: RegisterOptions = {}): Promise<RegisterOutcome> => {
  const validName = validateName(name);
  const force = options.force === true;
  const add = options.add === true;
  const refuse = (code: ErrorCode, message: string, hint: string, images: readonly ImageVerdict[] = [], collision: Collision | null = null): Refused => ({
    status: 'refused',
    name: validName,
    code,
    message,
    hint,
    images,
    collision,
  });
  const alreadyEnrolled = (existing: PersonRecord | undefined): Refused | undefined =>
    existing === undefined || add || force
      ? undefined
      : refuse(
          'ALREADY_ENROLLED',
          `${JSON.stringify(existing.name)} is already enrolled (${plural(existing.templates.length, 'template')}).`,
          `Use --add to add these photos to ${JSON.stringify(existing.name)}, --force to replace the templates, or delete ${JSON.stringify(existing.name)} first.`,
        );
  /** What a refusal left undone: nothing added to an enrolled person (--add), or nobody registered. */
  const notDone = (existing: PersonRecord | undefined): string =>
    existing === undefined ? `nothing was registered for ${JSON.stringify(validName)}` : `nothing was added to ${JSON.stringify(existing.name)}`;
  /** Duplicates dropped against `existing`; a refusal if what is left cannot be registered. */
  const screen = (examined: readonly Examined[], existing: PersonRecord | undefined): { images: ImageVerdict[]; candidates: Candidate[] } | Refused => {
    const kept = dropDuplicates(examined, existing, add);
    const images = kept.map((e) => e.verdict);
    const candidates = kept.flatMap((e) => (e.candidate === undefined ? [] : [e.candidate]));
    const rejected = images.filter((v) => v.status === 'rejected');
    if (candidates.length > 0 && (rejected.length === 0 || options.partial === true)) return { images, candidates };
    // A photo already stored (or given twice) is not a bad photo: it gets its own advice.
    const duplicates = rejected.filter((r) => r.code === 'DUPLICATE_IMAGE');
    const faulty = rejected.filter((r) => r.code !== 'DUPLICATE_IMAGE');
    const first = faulty[0];
    const code: ErrorCode = first === undefined || first.code === 'DUPLICATE_IMAGE' ? 'INVALID_ARGUMENT' : first.code;
    const quality = faulty.some((r) => r.code === 'LOW_QUALITY') ? ` ${QUALITY_HINT}` : '';
    const hints = [
      ...(faulty.length > 0 ? [`Each photo must show exactly one usable face: replace or leave out the rejected ones.${quality}`] : []),
      ...(duplicates.length > 0
        ? [
            `${plural(duplicates.length, 'photo')} ${duplicates.length === 1 ? 'is' : 'are'} already among the templates or given twice (each photo is stored once): ` +
              'leave them out, or add other photos of the person.',
          ]
        : []),
    ];
    return refuse(code, `${rejected.length} of ${plural(files.length, 'image')} rejected; ${notDone(existing)}.`, hints.join(' '), images);
  };

  // Early answers, before the photos are embedded; all of it is checked again under the lock.
  const enrolled = await deps.store.get(validName);
  const early = alreadyEnrolled(enrolled);
  if (early !== undefined) return early;
  if (files.length === 0) return refuse('INVALID_ARGUMENT', `No image was given for ${JSON.stringify(validName)}.`, 'Give at least one photo of the person.');
  const examined = await Promise.all(files.map((file) => examine(deps.engine, deps.settings.quality, file)));
  const first = screen(examined, enrolled);
  if ('status' in first) return first;

  return deps.store.exclusive(async (): Promise<RegisterOutcome> => {
    // What the store holds now: another process may have registered this name, or this face, meanwhile.
    const gallery = await deps.reloadGallery();
    const existing = await deps.store.get(validName);
    const taken = alreadyEnrolled(existing);
    if (taken !== undefined) return taken;
    const screened = screen(examined, existing);
    if ('status' in screened) return screened;
    const { images, candidates } = screened;
    const { threshold } = deps.settings;
    const collision = worstCollision(gallery, validName, candidates, threshold);
    if (collision !== null && !force) {
      return refuse(
        'COLLISION',
        `The face in ${collision.file} already matches the enrolled person ${JSON.stringify(collision.name)} (similarity ${collision.score.toFixed(3)}, threshold ${formatThreshold(threshold)}); ` +
          `${existing === undefined ? `${JSON.stringify(validName)} was not registered` : `the photos were not added to ${JSON.stringify(existing.name)}`}.`,
        'If they really are different people, run again with --force (a forced registration is recorded in the audit log).',
        images,
        collision,
      );
    }

    const now = deps.now();
    const fresh = createPersonRecord(validName, candidates.map((c) => ({ ...c.template, createdAt: now.toISOString() })), deps.store.profile, now);
    const mode = existing === undefined ? 'new' : add ? 'add' : 'replace';
    // The enrolled spelling stays unless --force: `register alice --add` must not rename "Alice".
    const finalName = existing !== undefined && !force ? existing.name : validName;
    const notes: string[] = [];
    let renamedFrom: string | null = null;
    if (existing !== undefined && existing.name !== validName) {
      if (force) {
        renamedFrom = existing.name;
        notes.push(`renamed ${JSON.stringify(existing.name)} to ${JSON.stringify(validName)} (--force takes the spelling given)`);
      } else {
        notes.push(`kept the enrolled spelling ${JSON.stringify(existing.name)} (given: ${JSON.stringify(validName)}); --force would rename the person`);
      }
    }
    const record: PersonRecord =
      existing === undefined
        ? fresh
        : {
            ...existing,
            name: finalName,
            templates: mode === 'add' ? [...existing.templates, ...fresh.templates] : fresh.templates,
            updatedAt: now.toISOString(),
          };
    const labelled = [
      ...(mode === 'add' ? (existing?.templates ?? []).map((t, i) => ({ label: `enrolled template ${i + 1}`, embedding: t.embedding })) : []),
      ...candidates.map((c) => ({ label: c.file, embedding: c.template.embedding })),
    ];
    await deps.store.put(record);
    gallery.put(record);
    await deps.wroteHere?.(gallery);
    await deps.audit.append({
      time: now.toISOString(),
      event: 'register',
      name: record.name,
      added: candidates.length,
      templates: record.templates.length,
      mode,
      collidedWith: collision?.name ?? null,
    });
    return {
      status: 'registered',
      name: record.name,
      mode,
      added: candidates.length,
      templates: record.templates.length,
      images,
      collision,
      renamedFrom,
      warnings: consistencyWarnings(labelled, threshold),
      notes,
    };
  });
};
