import { createHash } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { UserError } from '../errors.js';
import type { DecodedImage, RawImage } from '../image/raw-image.js';
import { decodeImage, type DecodeLimits } from '../image/sharp-codec.js';
import type { ModelSession } from '../model/onnx-session.js';
import { alignFace } from './align.js';
import { boxArea, boxWidth } from './box.js';
import { detectFaces, type Overview } from './detect.js';
import { detectLandmarks, fivePointsFrom68 } from './landmarks.js';
import { cutFaceRegion, rectToOutput, warpFromRegion, type FaceRegion } from './face-region.js';
import { liveClassIndex, livenessRect, livenessScores } from './liveness.js';
import { inputSize, outputName, type ModelSpec } from './model-spec.js';
import { toTensor, type InputNormalisation } from './tensor.js';
import { imagenetNormalisation, wholeImageFace } from './ablation.js';
import type { Box, DetectedFace, EmbedOptions, EmbedResult, FaceAnalysis, ImageInfo, StageTimings } from './types.js';

export interface PipelineModels {
  readonly detector: { readonly session: ModelSession; readonly spec: ModelSpec };
  readonly landmarks: { readonly session: ModelSession; readonly spec: ModelSpec };
  readonly embedder: { readonly session: ModelSession; readonly spec: ModelSpec };
  readonly liveness?: { readonly session: ModelSession; readonly spec: ModelSpec } | undefined;
}

export interface PipelineSettings {
  readonly limits: DecodeLimits;
  readonly scoreThreshold: number;
  readonly nmsIou: number;
  readonly minFaceSize: number;
}

export interface RejectedFace extends DetectedFace {
  readonly reason: string;
}

export interface FullEmbedResult extends EmbedResult {
  readonly rejected: readonly RejectedFace[];
  readonly aligned?: RawImage;
}

const imageInfo = (image: DecodedImage): ImageInfo => ({
  format: image.format,
  width: image.width,
  height: image.height,
  orientation: image.orientation,
  sourceSpace: image.sourceSpace,
  sourceDepth: image.sourceDepth,
  hadAlpha: image.hadAlpha,
});

const clampBox = (box: Box, width: number, height: number): Box => ({
  x1: Math.max(0, box.x1),
  y1: Math.max(0, box.y1),
  x2: Math.min(width, box.x2),
  y2: Math.min(height, box.y2),
});

const l2 = (v: Float32Array): number => {
  let sum = 0;
  for (let i = 0; i < v.length; i++) sum += (v[i] ?? 0) * (v[i] ?? 0);
  return Math.sqrt(sum);
};

/** decode -> detect -> landmarks -> five points -> align -> embed (+ experimental liveness). */
export class FacePipeline {
  constructor(
    private readonly models: PipelineModels,
    private readonly settings: PipelineSettings,
  ) {}

  get modelId(): string {
    return this.models.embedder.spec.id;
  }

  async decode(bytes: Uint8Array): Promise<DecodedImage> {
    return decodeImage(bytes, this.settings.limits);
  }

  /** Faces kept (large enough), largest first, and the ones rejected with a reason. */
  /**
   * `exhaustiveDown` set: every tile level runs, down to faces of that many pixels
   * (see detectFaces), instead of stopping once any face is found.
   */
  async findFaces(
    image: RawImage,
    signal?: AbortSignal,
    exhaustiveDown?: number,
  ): Promise<{ faces: DetectedFace[]; rejected: RejectedFace[]; overview?: Overview }> {
    const { session, spec } = this.models.detector;
    const { faces: all, overview } = await detectFaces(image, session, spec, {
      minFaceSize: exhaustiveDown === undefined ? this.settings.minFaceSize : Math.max(this.settings.minFaceSize, exhaustiveDown),
      scoreThreshold: this.settings.scoreThreshold,
      nmsIou: this.settings.nmsIou,
      background: this.settings.limits.background,
      ...(signal === undefined ? {} : { signal }),
      exhaustive: exhaustiveDown !== undefined,
    });
    const faces: DetectedFace[] = [];
    const rejected: RejectedFace[] = [];
    for (const face of all) {
      const width = boxWidth(face.box);
      if (width < this.settings.minFaceSize) {
        rejected.push({ ...face, reason: `face is ${Math.round(width)} px wide, below the ${this.settings.minFaceSize} px minimum` });
      } else {
        faces.push(face);
      }
    }
    faces.sort((a, b) => boxArea(b.box) - boxArea(a.box));
    return { faces, rejected, overview };
  }

  /**
   * Where the liveness crop (2.7x the face box, brought to the model's 128 px) is sampled:
   * the detector's overview when that has the resolution it needs (the face 47 canvas px
   * wide or more), else undefined, and the face region is widened to hold it.
   */
  livenessFromOverview(image: RawImage, face: DetectedFace, overview: Overview | undefined): FaceRegion | undefined {
    const live = this.models.liveness;
    if (live === undefined || overview === undefined) return undefined;
    const rect = this.livenessCrop(image, face.box);
    const { width, height } = inputSize(live.spec);
    const [sx, , , , sy] = overview.toCanvas;
    return sx * rect.width >= width && sy * rect.height >= height ? { image: overview.image, toRegion: overview.toCanvas } : undefined;
  }

  /**
   * One sharp cut around the face, from which the landmark, alignment and box crops are
   * sampled, and the liveness crop too unless it comes from the overview (`withLiveness` false).
   */
  async region(image: RawImage, face: DetectedFace, withLiveness = true): Promise<FaceRegion> {
    const extra = withLiveness && this.models.liveness !== undefined ? [this.livenessCrop(image, face.box)] : [];
    return cutFaceRegion(image, face.box, extra, this.settings.limits.background);
  }

  private livenessCrop(image: RawImage, box: Box): ReturnType<typeof livenessRect> {
    return livenessRect(box, image, this.models.liveness?.spec.input.cropScale ?? 1);
  }

  async analyzeFace(region: FaceRegion, face: DetectedFace): Promise<FaceAnalysis> {
    const { session, spec } = this.models.landmarks;
    const landmarks = await detectLandmarks(region, face.box, session, spec, this.settings.limits.background);
    return { ...face, landmarks, fivePoints: fivePointsFrom68(landmarks) };
  }

  align(region: FaceRegion, face: FaceAnalysis): RawImage {
    const template = this.models.embedder.spec.alignment;
    if (template === undefined) throw new UserError('MODEL_CORRUPT', `model ${this.modelId} has no alignment template in the manifest`);
    return alignFace(region, face.fivePoints, template, this.settings.limits.background).aligned;
  }

  /** Ablation: the face box itself resized to the embedder's input, no alignment. */
  boxCrop(region: FaceRegion, face: DetectedFace): RawImage {
    const { width, height } = inputSize(this.models.embedder.spec);
    const { x1, y1, x2, y2 } = face.box;
    const forward = rectToOutput({ left: x1, top: y1, width: x2 - x1, height: y2 - y1 }, width, height);
    return warpFromRegion(region, forward, width, height, this.settings.limits.background);
  }

  /** Raw model output and its L2-normalised copy. */
  async embedAligned(aligned: RawImage, normalisation: InputNormalisation = this.models.embedder.spec.input): Promise<{ embedding: Float32Array; rawNorm: number }> {
    const { session, spec } = this.models.embedder;
    const outputs = await session.run(toTensor(aligned, normalisation), spec.input.shape);
    const raw = outputs[outputName(spec, 0)];
    if (raw === undefined) throw new UserError('MODEL_CORRUPT', `model ${this.modelId} returned no embedding`);
    const rawNorm = l2(raw);
    const embedding = new Float32Array(raw.length);
    const inv = rawNorm > 0 ? 1 / rawNorm : 0;
    for (let i = 0; i < raw.length; i++) embedding[i] = (raw[i] ?? 0) * inv;
    return { embedding, rawNorm };
  }

  async liveness(image: RawImage, region: FaceRegion, box: Box): Promise<number> {
    if (this.models.liveness === undefined) return Number.NaN;
    const { session, spec } = this.models.liveness;
    const scores = await livenessScores(region, this.livenessCrop(image, box), session, spec);
    return scores[liveClassIndex] ?? Number.NaN;
  }

  private modelRunMs(): number {
    const { detector, landmarks, embedder, liveness } = this.models;
    return detector.session.runMs + landmarks.session.runMs + embedder.session.runMs + (liveness?.session.runMs ?? 0);
  }

  /**
   * The whole pipeline on a file's bytes. No face is an error; the whole image is never embedded.
   * `signal` is checked between the stages (each a native call or two): aborting it stops the
   * work at the next stage with the signal's reason, so a closing worker never waits long.
   */
  async embed(bytes: Uint8Array, options: EmbedOptions = {}, signal?: AbortSignal): Promise<FullEmbedResult> {
    const timings: StageTimings = { decode: 0, detect: 0, landmarks: 0, align: 0, embed: 0, liveness: 0, total: 0, models: 0 };
    const modelMsBefore = this.modelRunMs();
    const start = performance.now();
    let t = start;
    const lap = (stage: keyof StageTimings): void => {
      const now = performance.now();
      timings[stage] += now - t;
      t = now;
    };
    const checkpoint = (): void => signal?.throwIfAborted();
    checkpoint();
    // libvips decodes off the main thread while the file is hashed here.
    const decoding = this.decode(bytes);
    const sha256 = createHash('sha256').update(bytes).digest('hex');
    const image = await decoding;
    lap('decode');
    checkpoint();
    const variant = options.variant ?? 'standard';
    const single = options.requireSingleFace === true;
    const otherMin = Math.max(this.settings.minFaceSize, options.singleFaceMinSize ?? 0);
    const { faces, rejected, overview } =
      variant === 'no-detect' ? { faces: [wholeImageFace(image)], rejected: [], overview: undefined } : await this.findFaces(image, signal, single ? otherMin : undefined);
    lap('detect');
    const chosen = faces[0];
    if (chosen === undefined) {
      const small = rejected[0];
      if (small !== undefined) {
        throw new UserError('FACE_TOO_SMALL', `the only face found is too small to trust: ${small.reason}`, {
          hint: 'Use a photo where the face is larger (closer to the camera, or cropped around the face).',
        });
      }
      throw new UserError('NO_FACE', 'no face was found in the image', {
        hint: `Use a photo with a clearly visible, roughly frontal face at least ${this.settings.minFaceSize} px wide.`,
      });
    }
    if (single && faces.length > 1) {
      throw new UserError('MULTIPLE_FACES', `${faces.length} faces were found; exactly one is required`, {
        hint: 'Crop the photo to the one person, or use a photo of them alone.',
      });
    }
    checkpoint();
    // The region is cut by libvips off the main thread; a liveness crop that comes from the
    // overview does not need it, so that model runs meanwhile.
    const fromOverview = this.livenessFromOverview(image, chosen, overview);
    const cutting = this.region(image, chosen, fromOverview === undefined);
    cutting.catch(() => undefined); // awaited below; an abort in between must not leave it unhandled
    lap('landmarks');
    let liveness = Number.NaN;
    if (fromOverview !== undefined) {
      liveness = await this.liveness(image, fromOverview, chosen.box);
      lap('liveness');
      checkpoint();
    }
    const region = await cutting;
    checkpoint();
    const analysis = await this.analyzeFace(region, chosen);
    lap('landmarks');
    const aligned = variant === 'no-align' || variant === 'no-detect' ? this.boxCrop(region, chosen) : this.align(region, analysis);
    lap('align');
    checkpoint();
    const { embedding, rawNorm } = await this.embedAligned(aligned, variant === 'imagenet-norm' ? imagenetNormalisation : undefined);
    lap('embed');
    checkpoint();
    if (fromOverview === undefined) {
      liveness = await this.liveness(image, region, chosen.box);
      lap('liveness');
    }
    timings.total = performance.now() - start;
    timings.models = this.modelRunMs() - modelMsBefore;
    const clamp = (face: DetectedFace): DetectedFace => ({ ...face, box: clampBox(face.box, image.width, image.height) });
    return {
      image: imageInfo(image),
      faces: faces.map(clamp),
      rejected: rejected.map((r) => ({ ...r, box: clampBox(r.box, image.width, image.height) })),
      chosen: { ...analysis, box: clampBox(analysis.box, image.width, image.height) },
      embedding,
      rawNorm,
      liveness,
      sha256,
      timings,
      ...(options.includeAligned === true ? { aligned } : {}),
    };
  }
}
