import { z } from 'zod';
import { getErrorMessage } from '../errors.js';
import { parseStoreUri, STORE_SCHEMES } from '../store/store-uri.js';

const rgb = z.tuple([z.number().int().min(0).max(255), z.number().int().min(0).max(255), z.number().int().min(0).max(255)]);

/** Every setting with its default. `config.yaml` overrides any part of it. */
export const configSchema = z
  .object({
    models: z
      .object({
        /** Where downloaded weights are cached; null means the XDG cache folder. */
        dir: z.string().min(1).nullable().default(null),
        /** Fetch missing models automatically on first use. */
        autoFetch: z.boolean().default(true),
      })
      .strict()
      .prefault({}),
    image: z
      .object({
        /** Refuse images with more pixels than this (decompression bombs). */
        maxPixels: z.number().int().positive().default(64_000_000),
        /** Refuse images whose shorter side is below this. */
        minSide: z.number().int().positive().default(32),
        /** Transparent pixels are flattened onto this colour. */
        background: rgb.default([255, 255, 255]),
      })
      .strict()
      .prefault({}),
    detection: z
      .object({
        /** Minimum face probability for a detection. */
        scoreThreshold: z.number().min(0).max(1).default(0.9),
        /** Boxes overlapping more than this (IoU) are merged by NMS. */
        nmsIou: z.number().min(0).max(1).default(0.4),
        /** Faces narrower than this many source pixels are too small to trust. */
        minFaceSize: z.number().positive().default(24),
      })
      .strict()
      .prefault({}),
    verification: z
      .object({
        /** Cosine similarity at or above which two faces are the same person. */
        threshold: z.number().min(-1).max(1).default(0.35),
      })
      .strict()
      .prefault({}),
    store: z
      .object({
        /** Store location: memory:, file:<path.json> or sqlite:<path.db>; null means SQLite in the XDG data folder. */
        uri: z
          .string()
          .min(1)
          .nullable()
          .default(null)
          .superRefine((uri, ctx) => {
            if (uri === null) return;
            try {
              parseStoreUri(uri);
            } catch (error) {
              ctx.addIssue({ code: 'custom', message: `${getErrorMessage(error)} Use ${STORE_SCHEMES.join(', ')}.` });
            }
          }),
      })
      .strict()
      .prefault({}),
    auth: z
      .object({
        /** Consecutive failed attempts for one claimed user (authenticate --user) before a cool-down. */
        maxFailures: z.number().int().positive().default(5),
        /** How long that user is refused after maxFailures consecutive failures. */
        cooldownSeconds: z.number().nonnegative().default(300),
        /** Audit log (JSON lines); null = beside the store: <store file>.audit.jsonl (memory: stores keep it in memory). */
        auditLog: z.string().min(1).nullable().default(null),
        /** register quality gate: the face must be at least this many source pixels wide. */
        minFaceSize: z.number().positive().default(80),
        /** register quality gate: minimum detection score of the face. */
        minDetectionScore: z.number().min(0).max(1).default(0.95),
        /** register quality gate: minimum sharpness (variance of the Laplacian of the aligned face). */
        minSharpness: z.number().nonnegative().default(40),
      })
      .strict()
      .prefault({}),
    workers: z
      .object({
        /** Inference worker threads; 0 means one per core, at most 4. */
        count: z.number().int().min(0).max(64).default(0),
      })
      .strict()
      .prefault({}),
    workbench: z
      .object({
        /**
         * Labelled photo folder (one subfolder per person) the similarity screen opens by
         * default. A relative path is resolved from the config file's folder; a folder that
         * does not exist is ignored. null: ask.
         */
        facesDir: z.string().min(1).nullable().default(null),
      })
      .strict()
      .prefault({}),
  })
  .strict();

export type Config = z.infer<typeof configSchema>;
export type ConfigInput = z.input<typeof configSchema>;
