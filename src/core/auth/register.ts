/**
 * Enrolment of one person. Every image must hold exactly one face that passes
 * the quality gate; the new templates must not already match a DIFFERENT
 * enrolled person (collision) unless forced. An existing name is only changed
 * on request: `add` appends templates, `force` replaces them.
 */
import { isUserError, type ErrorCode } from '../errors.js';
import type { FaceStore } from '../store/face-store.js';
import { createPersonRecord, validateName, type NewTemplate, type PersonRecord } from '../store/record.js';
import { cosine } from '../similarity/metrics.js';
import type { AuditLog } from './audit-log.js';
import type { Gallery } from './gallery.js';
import type { AuthEngine } from './profile.js';
import { measureQuality, QUALITY_HINT, qualityProblems, type QualityReport } from './quality-gate.js';
import type { AuthSettings } from './settings.js';

export interface RegisterOptions {
  /** Append the templates to an existing person. */
  readonly add?: boolean;
  /** Replace an existing person's templates (without add) and register despite a collision. */
  readonly force?: boolean;
  /**
   * Register with the images that pass even if others are rejected (register --from).
   * Default false: one rejected image and nothing is registered.
   */
  readonly partial?: boolean;
}

export type RejectionCode = ErrorCode | 'DUPLICATE_IMAGE';

export type ImageVerdict =
  | { readonly file: string; readonly status: 'accepted'; readonly faces: number; readonly quality: QualityReport }
  | { readonly file: string; readonly status: 'rejected'; readonly code: RejectionCode; readonly reason: string };

export interface Collision {
  /** The enrolled person the new face already matches. */
  readonly name: string;
  readonly score: number;
  /** The image whose face matched. */
  readonly file: string;
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
      readonly warnings: readonly string[];
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

export interface RegisterDeps {
  readonly engine: AuthEngine;
  readonly store: FaceStore;
  readonly audit: AuditLog;
  readonly settings: AuthSettings;
  readonly gallery: () => Promise<Gallery>;
  readonly now: () => Date;
}

interface Candidate {
  readonly file: string;
  readonly template: NewTemplate;
}

const plural = (n: number, word: string): string => `${n} ${word}${n === 1 ? '' : 's'}`;

/** Embeds and checks one image; user errors become a rejection with the reason, bugs propagate. */
const examine = async (deps: RegisterDeps, file: string): Promise<{ verdict: ImageVerdict; candidate?: Candidate }> => {
  try {
    const result = await deps.engine.embed(file, { requireSingleFace: true, includeAligned: true });
    const quality = measureQuality(result, deps.settings.quality);
    const problems = qualityProblems(quality, deps.settings.quality);
    if (problems.length > 0) return { verdict: { file, status: 'rejected', code: 'LOW_QUALITY', reason: problems.join('; ') } };
    return {
      verdict: { file, status: 'accepted', faces: result.faces.length, quality },
      candidate: { file, template: { embedding: result.embedding, imageSha256: result.sha256, detectionScore: result.chosen.score } },
    };
  } catch (error) {
    if (!isUserError(error)) throw error;
    return { verdict: { file, status: 'rejected', code: error.code, reason: error.message } };
  }
};

/** Rejects images already among the person's templates or given twice. */
const dropDuplicates = (examined: { verdict: ImageVerdict; candidate?: Candidate }[], existing: PersonRecord | undefined, keepExisting: boolean) => {
  const seen = new Set(keepExisting ? (existing?.templates.map((t) => t.imageSha256) ?? []) : []);
  return examined.map((e) => {
    if (e.candidate === undefined) return e;
    const sha = e.candidate.template.imageSha256;
    if (seen.has(sha)) {
      const verdict: ImageVerdict = { file: e.verdict.file, status: 'rejected', code: 'DUPLICATE_IMAGE', reason: 'this photo is already among the templates' };
      return { verdict };
    }
    seen.add(sha);
    return e;
  });
};

const worstCollision = (gallery: Gallery, name: string, candidates: readonly Candidate[], threshold: number): Collision | null => {
  let worst: Collision | null = null;
  for (const c of candidates) {
    const hit = gallery.nearest(c.template.embedding, 1, name)[0];
    if (hit !== undefined && hit.score >= threshold && (worst === null || hit.score > worst.score)) {
      worst = { name: hit.name, score: hit.score, file: c.file };
    }
  }
  return worst;
};

/** A warning when two of the person's templates do not look like the same person. */
const consistencyWarnings = (embeddings: readonly { label: string; embedding: Float32Array }[], threshold: number): string[] => {
  let worst: { a: string; b: string; score: number } | undefined;
  for (let i = 0; i < embeddings.length; i++) {
    for (let j = i + 1; j < embeddings.length; j++) {
      const score = cosine(embeddings[i]!.embedding, embeddings[j]!.embedding);
      if (score < threshold && (worst === undefined || score < worst.score)) worst = { a: embeddings[i]!.label, b: embeddings[j]!.label, score };
    }
  }
  return worst === undefined
    ? []
    : [`${worst.a} and ${worst.b} do not look like the same person (similarity ${worst.score.toFixed(3)}, threshold ${threshold}); check that every photo shows this person.`];
};

export const registerPerson = async (deps: RegisterDeps, name: string, files: readonly string[], options: RegisterOptions = {}): Promise<RegisterOutcome> => {
  const validName = validateName(name);
  const force = options.force === true;
  const add = options.add === true;
  const existing = await deps.store.get(validName);
  const refuse = (code: ErrorCode, message: string, hint: string, images: readonly ImageVerdict[] = [], collision: Collision | null = null): RegisterOutcome => ({
    status: 'refused',
    name: validName,
    code,
    message,
    hint,
    images,
    collision,
  });
  if (existing !== undefined && !add && !force) {
    return refuse(
      'ALREADY_ENROLLED',
      `${JSON.stringify(existing.name)} is already enrolled (${plural(existing.templates.length, 'template')}).`,
      `Use --add to add these photos to ${JSON.stringify(existing.name)}, --force to replace the templates, or delete ${JSON.stringify(existing.name)} first.`,
    );
  }
  if (files.length === 0) return refuse('INVALID_ARGUMENT', `No image was given for ${JSON.stringify(validName)}.`, 'Give at least one photo of the person.');

  const examined = dropDuplicates(await Promise.all(files.map((file) => examine(deps, file))), existing, add);
  const images = examined.map((e) => e.verdict);
  const candidates = examined.flatMap((e) => (e.candidate === undefined ? [] : [e.candidate]));
  const rejected = images.filter((v) => v.status === 'rejected');
  if (candidates.length === 0 || (rejected.length > 0 && options.partial !== true)) {
    const first = rejected[0];
    const code: ErrorCode = first === undefined || first.code === 'DUPLICATE_IMAGE' ? 'INVALID_ARGUMENT' : first.code;
    const quality = rejected.some((r) => r.code === 'LOW_QUALITY') ? ` ${QUALITY_HINT}` : '';
    return refuse(
      code,
      `${rejected.length} of ${plural(files.length, 'image')} rejected; nothing was registered for ${JSON.stringify(validName)}.`,
      `Each photo must show exactly one usable face: replace or leave out the rejected ones.${quality}`,
      images,
    );
  }

  const gallery = await deps.gallery();
  const { threshold } = deps.settings;
  const collision = worstCollision(gallery, validName, candidates, threshold);
  if (collision !== null && !force) {
    return refuse(
      'COLLISION',
      `The face in ${collision.file} already matches the enrolled person ${JSON.stringify(collision.name)} (similarity ${collision.score.toFixed(3)}, threshold ${threshold}); ${JSON.stringify(validName)} was not registered.`,
      "If they really are different people, run again with --force (a forced registration is recorded in the audit log).",
      images,
      collision,
    );
  }

  const now = deps.now();
  const fresh = createPersonRecord(validName, candidates.map((c) => ({ ...c.template, createdAt: now.toISOString() })), deps.store.profile, now);
  const mode = existing === undefined ? 'new' : add ? 'add' : 'replace';
  const record: PersonRecord =
    existing === undefined
      ? fresh
      : {
          ...existing,
          name: validName,
          templates: mode === 'add' ? [...existing.templates, ...fresh.templates] : fresh.templates,
          updatedAt: now.toISOString(),
        };
  const labelled = [
    ...(mode === 'add' ? (existing?.templates ?? []).map((t, i) => ({ label: `enrolled template ${i + 1}`, embedding: t.embedding })) : []),
    ...candidates.map((c) => ({ label: c.file, embedding: c.template.embedding })),
  ];
  await deps.store.put(record);
  gallery.put(record);
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
    warnings: consistencyWarnings(labelled, threshold),
  };
};
