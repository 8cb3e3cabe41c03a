/** The result of `evaluateFolder`: what the CLI prints or saves as JSON and what the workbench shows. */
import type { ErrorCode } from '../errors.js';
import type { EmbedVariant } from '../face/types.js';
import type { ComparisonRow } from './comparison-row.js';
import type { IdentificationReport } from './identification-report.js';
import type { RecommendedThreshold } from './recommend-threshold.js';
import type { VerificationSummary } from './verification.js';

export interface FailedImage {
  /** Relative to the dataset folder. */
  readonly file: string;
  readonly label: string;
  readonly code: ErrorCode;
  readonly message: string;
}

/** A usable photo in which more than one face was found: it was scored by its largest face. */
export interface MultiFaceImage {
  /** Relative to the dataset folder. */
  readonly file: string;
  readonly label: string;
  readonly faces: number;
}

export interface PassSummary {
  readonly variant: EmbedVariant;
  readonly images: number;
  readonly embedded: number;
  readonly cached: number;
  readonly failed: number;
  readonly ms: number;
}

export interface PairsSummary {
  readonly genuine: number;
  readonly impostor: number;
  /** Impostor pairs before sampling. */
  readonly impostorTotal: number;
  readonly sampled: boolean;
  readonly seed: number;
  readonly maxImpostor: number | null;
  /** One sentence saying how the pairs were formed (and sampled). */
  readonly description: string;
}

export interface EvaluationReport extends VerificationSummary {
  readonly version: 1;
  readonly dir: string;
  readonly model: { readonly id: string; readonly fingerprint: string };
  /** Verification and identification use cosine similarity (the config threshold's metric). */
  readonly metric: 'cosine';
  readonly images: {
    /** Image files found in person folders. */
    readonly found: number;
    readonly usable: number;
    /** People with at least one usable image. */
    readonly identities: number;
    /** Images without a usable face (or unreadable): listed, left out of every figure. */
    readonly failed: readonly FailedImage[];
    /**
     * Usable images holding several faces (a group photo in a person's folder): each
     * counts as a photo of the person, scored by its LARGEST face, which may be someone else.
     */
    readonly multipleFaces: readonly MultiFaceImage[];
    readonly skippedFolders: readonly string[];
    readonly ignoredFiles: readonly string[];
    /** Nested folder links not followed (loops, links into person folders): see Dataset.skippedLinks. */
    readonly skippedLinks: readonly string[];
    /** Groups of byte-identical files (relative paths); each copy still counts. */
    readonly duplicates: readonly (readonly string[])[];
  };
  /** Engine calls made in this run, over all passes (0 when everything came from the cache). */
  readonly embedded: number;
  readonly cached: number;
  readonly passes: readonly PassSummary[];
  readonly cache: { readonly dir: string | null; readonly files: readonly string[]; readonly warnings: readonly string[] };
  readonly pairs: PairsSummary;
  readonly recommended: RecommendedThreshold;
  readonly identification: IdentificationReport;
  readonly comparison: {
    readonly metrics: readonly ComparisonRow[];
    /** The standard pipeline, then one row per ablation (cosine); null when ablations were skipped. */
    readonly ablations: readonly ComparisonRow[] | null;
  };
  readonly durationMs: number;
}
