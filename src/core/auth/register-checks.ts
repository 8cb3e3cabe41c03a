/** The checks of a registration: each photo (face, quality), duplicates, collisions, and the templates' consistency. */
import { isUserError, type ErrorCode } from '../errors.js';
import type { NewTemplate, PersonRecord } from '../store/record.js';
import { formatThreshold } from '../format-threshold.js';
import { cosine } from '../similarity/metrics.js';
import type { Gallery } from './gallery.js';
import type { AuthEngine } from './profile.js';
import { measureQuality, qualityProblems, type QualityReport } from './quality-gate.js';
import { checkUpright } from './upright-check.js';
import type { QualitySettings } from './settings.js';

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

export interface Candidate {
  readonly file: string;
  readonly template: NewTemplate;
}

export interface Examined {
  readonly verdict: ImageVerdict;
  readonly candidate?: Candidate;
}

/** Embeds and checks one image; user errors become a rejection with the reason, bugs propagate. */
export const examine = async (engine: AuthEngine, quality: QualitySettings, file: string): Promise<Examined> => {
  try {
    // "Exactly one usable face": the whole photo is searched for another face as wide as the
    // enrolment gate asks (a smaller one in the background could not be enrolled, nor mistaken).
    const result = await engine.embed(file, { requireSingleFace: true, singleFaceMinSize: quality.minFaceSize, includeAligned: true });
    const upright = await checkUpright(engine, file, result.rawNorm, quality.decode);
    if (upright.turn !== 0) {
      return {
        verdict: {
          file,
          status: 'rejected',
          code: 'LOW_QUALITY',
          reason: `the face is not upright: it looks like a face once turned ${upright.turn}° clockwise (the photo's orientation may be lost); save it upright and register again`,
        },
      };
    }
    // A face on its side also measures blurred and small: say what is really wrong first.
    const report = measureQuality(result, quality);
    const problems = qualityProblems(report, quality);
    if (problems.length > 0) return { verdict: { file, status: 'rejected', code: 'LOW_QUALITY', reason: problems.join('; ') } };
    return {
      verdict: { file, status: 'accepted', faces: result.faces.length, quality: report },
      candidate: { file, template: { embedding: result.embedding, imageSha256: result.sha256, detectionScore: result.chosen.score } },
    };
  } catch (error) {
    if (!isUserError(error)) throw error;
    return { verdict: { file, status: 'rejected', code: error.code, reason: error.message } };
  }
};

/** Rejects images already among the person's templates (when adding to them) or given twice, saying which. */
export const dropDuplicates = (examined: readonly Examined[], existing: PersonRecord | undefined, keepExisting: boolean): Examined[] => {
  const enrolled = new Map<string, string>(
    keepExisting ? (existing?.templates.map((t) => [t.imageSha256, `this photo is already among the templates of ${JSON.stringify(existing.name)}`]) ?? []) : [],
  );
  return examined.map((e) => {
    if (e.candidate === undefined) return e;
    const sha = e.candidate.template.imageSha256;
    const reason = enrolled.get(sha);
    if (reason !== undefined) {
      const verdict: ImageVerdict = { file: e.verdict.file, status: 'rejected', code: 'DUPLICATE_IMAGE', reason };
      return { verdict };
    }
    enrolled.set(sha, `the same photo as ${e.candidate.file}, given before it`);
    return e;
  });
};

/** The strongest match of a new face with another enrolled person at or above the threshold, or null. */
export const worstCollision = (gallery: Gallery, name: string, candidates: readonly Candidate[], threshold: number): Collision | null => {
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
export const consistencyWarnings = (embeddings: readonly { label: string; embedding: Float32Array }[], threshold: number): string[] => {
  let worst: { a: string; b: string; score: number } | undefined;
  for (let i = 0; i < embeddings.length; i++) {
    for (let j = i + 1; j < embeddings.length; j++) {
      const score = cosine(embeddings[i]!.embedding, embeddings[j]!.embedding);
      if (score < threshold && (worst === undefined || score < worst.score)) worst = { a: embeddings[i]!.label, b: embeddings[j]!.label, score };
    }
  }
  return worst === undefined
    ? []
    : [`${worst.a} and ${worst.b} do not look like the same person (similarity ${worst.score.toFixed(3)}, threshold ${formatThreshold(threshold)}); check that every photo shows this person.`];
};
