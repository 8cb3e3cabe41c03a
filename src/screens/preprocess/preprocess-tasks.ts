/** The preprocessing screen's work: one image through the real pipeline, and augmentation experiments. */
import type { Config } from '../../core/config/schema.js';
import { getErrorMessage, isUserError } from '../../core/errors.js';
import type { FaceEngine } from '../../core/face-engine.js';
import type { FullEmbedResult } from '../../core/face/pipeline.js';
import type { ImageInfo } from '../../core/face/types.js';
import { toTensor } from '../../core/face/tensor.js';
import { describeAugment, type AugmentOp } from '../../core/image/augment.js';
import type { DecodedImage, RawImage } from '../../core/image/raw-image.js';
import { readImageFile } from '../../core/image/read-file.js';
import { augmentImage, decodeImage, resizeRaw, type DecodeLimits } from '../../core/image/sharp-codec.js';
import { modelByRole } from '../../core/model/manifest.js';
import { cosine } from '../../core/similarity/metrics.js';

/** The decoded image is kept only as a preview this big (longer side), plenty for a terminal. */
export const PREVIEW_SIDE = 480;

export interface ChannelStats {
  readonly channel: string;
  readonly min: number;
  readonly max: number;
  readonly mean: number;
}

/** Where the pipeline stopped when the image holds no usable face (decoding worked). */
export interface Stopped {
  readonly code: string;
  readonly message: string;
  readonly hint: string | undefined;
}

/** The detection outcomes that still leave a decoded image to show. */
const stopsAtDetection: ReadonlySet<string> = new Set(['NO_FACE', 'FACE_TOO_SMALL']);

export interface FullInspection {
  readonly kind: 'full';
  readonly file: string;
  readonly bytes: Uint8Array;
  readonly image: ImageInfo;
  readonly result: FullEmbedResult;
  readonly aligned: RawImage;
  /** The decoded image (orientation applied), downscaled; previewScale = preview px per source px. */
  readonly preview: RawImage;
  readonly previewScale: number;
  /** The embedder's input tensor per channel, after (x - mean) / std. */
  readonly tensor: readonly ChannelStats[];
  readonly normalisation: { readonly mean: readonly number[]; readonly std: readonly number[]; readonly colorOrder: string };
}

/** The image decoded but no usable face was found: the decode step and why detection stopped. */
export interface StoppedInspection {
  readonly kind: 'stopped';
  readonly file: string;
  readonly image: ImageInfo;
  readonly preview: RawImage;
  readonly previewScale: number;
  readonly decodeMs: number;
  readonly stopped: Stopped;
}

export type Inspection = FullInspection | StoppedInspection;

export const decodeLimits = (config: Config): DecodeLimits => ({
  maxPixels: config.image.maxPixels,
  minSide: config.image.minSide,
  background: config.image.background,
});

const tensorStats = (tensor: Float32Array, plane: number, names: readonly string[]): ChannelStats[] =>
  names.map((channel, c) => {
    let min = Infinity;
    let max = -Infinity;
    let sum = 0;
    for (let i = c * plane; i < (c + 1) * plane; i++) {
      const v = tensor[i]!;
      min = Math.min(min, v);
      max = Math.max(max, v);
      sum += v;
    }
    return { channel, min, max, mean: sum / plane };
  });

const imageInfoOf = (d: DecodedImage): ImageInfo => ({
  format: d.format,
  width: d.width,
  height: d.height,
  orientation: d.orientation,
  sourceSpace: d.sourceSpace,
  sourceDepth: d.sourceDepth,
  hadAlpha: d.hadAlpha,
});

/**
 * Runs the real pipeline (in the worker) with the aligned crop, and decodes a preview here (sharp).
 * An image that decodes but holds no usable face still gives its decode step and why detection
 * stopped; an image that does not decode is an error.
 */
export const inspectImage = async (engine: Pick<FaceEngine, 'embed' | 'manifest'>, file: string, limits: DecodeLimits): Promise<Inspection> => {
  const bytes = await readImageFile(file);
  const started = performance.now();
  const [embedded, decoded] = await Promise.all([
    engine.embed({ bytes: bytes.slice(), name: file }, { includeAligned: true }).then(
      (result) => ({ ok: true as const, result }),
      (error: unknown) => ({ ok: false as const, error }),
    ),
    decodeImage(bytes, limits).then((image) => ({ image, ms: performance.now() - started })),
  ]);
  const scale = Math.min(1, PREVIEW_SIDE / Math.max(decoded.image.width, decoded.image.height));
  const preview =
    scale < 1
      ? await resizeRaw(decoded.image, Math.max(1, Math.round(decoded.image.width * scale)), Math.max(1, Math.round(decoded.image.height * scale)))
      : decoded.image;
  const previewScale = preview.width / decoded.image.width;
  const image = imageInfoOf(decoded.image);
  if (!embedded.ok) {
    const { error } = embedded;
    if (!isUserError(error) || !stopsAtDetection.has(error.code)) throw error;
    return { kind: 'stopped', file, image, preview, previewScale, decodeMs: decoded.ms, stopped: { code: error.code, message: getErrorMessage(error), hint: error.hint } };
  }
  const { result } = embedded;
  const aligned = result.aligned;
  if (aligned === undefined) throw new Error('the engine returned no aligned face');
  const input = modelByRole(engine.manifest, 'embedder').input;
  const normalisation = { mean: input.mean, std: input.std, colorOrder: input.colorOrder };
  const tensor = tensorStats(toTensor(aligned, normalisation), aligned.width * aligned.height, input.colorOrder === 'BGR' ? ['B', 'G', 'R'] : ['R', 'G', 'B']);
  return { kind: 'full', file, bytes, image, result, aligned, preview, previewScale, tensor, normalisation };
};

export type ExperimentRow =
  | {
      readonly label: string;
      readonly ok: true;
      readonly size: string;
      readonly faces: number;
      readonly detection: number;
      readonly similarity: number;
      readonly ms: number;
    }
  | { readonly label: string; readonly ok: false; readonly size: string; readonly code: string; readonly message: string };

/** One augmentation (by sharp), embedded by the engine, compared with the original embedding. */
export const runExperiment = async (
  engine: Pick<FaceEngine, 'embed'>,
  inspection: Pick<FullInspection, 'bytes' | 'result'>,
  op: AugmentOp,
  limits: DecodeLimits,
): Promise<ExperimentRow> => {
  const label = describeAugment(op);
  let size = '';
  try {
    const augmented = await augmentImage(inspection.bytes, op, limits);
    size = `${augmented.width}x${augmented.height}`;
    const result = await engine.embed({ bytes: augmented.bytes, name: label });
    return {
      label,
      ok: true,
      size,
      faces: result.faces.length,
      detection: result.chosen.score,
      similarity: cosine(inspection.result.embedding, result.embedding),
      ms: result.timings.total,
    };
  } catch (error) {
    if (!isUserError(error) || error.code === 'WORKER_FAILED') throw error;
    return { label, ok: false, size, code: error.code, message: getErrorMessage(error) };
  }
};
