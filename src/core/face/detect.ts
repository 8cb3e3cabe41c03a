import { solidImage, type CropRect } from '../image/crop-resample.js';
import { resizeBilinear } from '../image/bilinear-resize.js';
import type { RawImage } from '../image/raw-image.js';
import { cropResize, resizeRaw } from '../image/sharp-codec.js';
import type { ModelSession } from '../model/onnx-session.js';
import { iou, nonMaxSuppression } from './box.js';
import { inputSize, type ModelSpec } from './model-spec.js';
import type { Affine } from './similarity-transform.js';
import { toTensor } from './tensor.js';
import type { DetectedFace } from './types.js';

export interface DetectOptions {
  /** Smallest face (source pixels) worth searching for with tiles. */
  readonly minFaceSize: number;
  readonly scoreThreshold: number;
  readonly nmsIou: number;
  readonly background: readonly [number, number, number];
  /** Checked before each detector run: an aborted signal stops the search (the worker is closing). */
  readonly signal?: AbortSignal;
  /** Run every tile level even when faces were already found (see detectFaces). */
  readonly exhaustive?: boolean;
}

/** Where the source image sits inside the detector's input canvas. */
interface Placement {
  readonly scale: number;
  /** The vertical scale after rounding the resized height (the boxes use `scale` for both axes). */
  readonly scaleY: number;
  readonly offsetX: number;
  readonly offsetY: number;
}

/** A part of the source image, in source pixels. */
type Window = CropRect;

/** The smallest scale resized without anti-aliasing (the warps' threshold too). */
const bilinearDownTo = 0.75;

/**
 * Place the image, scaled to keep its aspect ratio, in the centre of the model's canvas.
 * `margin` shrinks it further so faces that fill the frame or touch its border get context.
 */
const placeOnCanvas = async (
  image: RawImage,
  window: Window,
  canvasWidth: number,
  canvasHeight: number,
  margin: number,
  background: readonly [number, number, number],
): Promise<{ canvas: RawImage; placement: Placement }> => {
  const scale = Math.min(canvasWidth / (window.width * (1 + 2 * margin)), canvasHeight / (window.height * (1 + 2 * margin)));
  const w = Math.max(1, Math.min(canvasWidth, Math.round(window.width * scale)));
  const h = Math.max(1, Math.min(canvasHeight, Math.round(window.height * scale)));
  const whole = window.left === 0 && window.top === 0 && window.width === image.width && window.height === image.height;
  // Enlarging or a mild shrink of the whole image: bilinear in place, no libvips round trip.
  const resized = !whole
    ? await cropResize(image, window, w, h, background, 'linear')
    : scale >= bilinearDownTo && image.channels === 3
      ? resizeBilinear(image, w, h)
      : await resizeRaw(image, w, h, { fit: 'fill', kernel: 'linear' });
  const offsetX = Math.floor((canvasWidth - w) / 2);
  const offsetY = Math.floor((canvasHeight - h) / 2);
  const canvas = solidImage(canvasWidth, canvasHeight, background);
  const data = canvas.data;
  const rowBytes = w * 3;
  for (let y = 0; y < h; y++) {
    const srcStart = y * rowBytes;
    data.set(resized.data.subarray(srcStart, srcStart + rowBytes), ((y + offsetY) * canvasWidth + offsetX) * 3);
  }
  // Effective scale per axis after rounding.
  return {
    canvas,
    placement: { scale: w / window.width, scaleY: h / window.height, offsetX, offsetY },
  };
};

/**
 * The detector's input from the plain whole-image pass: the image letterboxed onto the
 * canvas; `toCanvas` maps source pixels onto it. Later stages
 * may sample it where its resolution is enough (the liveness crop of a large face).
 */
export interface Overview {
  readonly image: RawImage;
  readonly toCanvas: Affine;
}

export interface Detection {
  readonly faces: DetectedFace[];
  readonly overview: Overview;
}

/** One detector pass at one placement: threshold, then map boxes back to source pixels; and the canvas it ran on. */
const detectOnce = async (
  image: RawImage,
  window: Window,
  session: ModelSession,
  spec: ModelSpec,
  margin: number,
  options: DetectOptions,
): Promise<{ faces: DetectedFace[]; overview: Overview }> => {
  const { width: cw, height: ch } = inputSize(spec);
  const { canvas, placement } = await placeOnCanvas(image, window, cw, ch, margin, options.background);
  const tensor = toTensor(canvas, spec.input);
  const outputs = await session.run(tensor, spec.input.shape);
  const [scoresName = 'scores', boxesName = 'boxes'] = spec.outputs.map((o) => o.name);
  const scores = outputs[scoresName];
  const boxes = outputs[boxesName];
  const { scale, scaleY, offsetX, offsetY } = placement;
  const overview: Overview = { image: canvas, toCanvas: [scale, 0, offsetX - window.left * scale, 0, scaleY, offsetY - window.top * scaleY] };
  if (scores === undefined || boxes === undefined) return { faces: [], overview };
  const count = boxes.length / 4;
  const faces: DetectedFace[] = [];
  for (let i = 0; i < count; i++) {
    const score = scores[i * 2 + 1] ?? 0;
    if (score < options.scoreThreshold) continue;
    const toSourceX = (v: number): number => window.left + (v * cw - placement.offsetX) / placement.scale;
    const toSourceY = (v: number): number => window.top + (v * ch - placement.offsetY) / placement.scale;
    faces.push({
      score,
      box: {
        x1: toSourceX(boxes[i * 4] ?? 0),
        y1: toSourceY(boxes[i * 4 + 1] ?? 0),
        x2: toSourceX(boxes[i * 4 + 2] ?? 0),
        y2: toSourceY(boxes[i * 4 + 3] ?? 0),
      },
    });
  }
  return { faces, overview };
};

/**
 * Smallest face (in canvas pixels) the detector reliably finds: its smallest anchors
 * are 10-16 px. Tiles are sized so that a face of `minFaceSize` source pixels reaches it.
 */
const smallestDetectable = 16;

/**
 * Overlapping tiles shaped like the canvas (so no canvas pixel is wasted on a portrait
 * or panorama image), each `scale` canvas pixels per source pixel, 20% overlap.
 */
const tilesAt = (image: RawImage, canvasWidth: number, canvasHeight: number, scale: number): Window[] => {
  const tw = Math.min(image.width, Math.ceil(canvasWidth / scale));
  const th = Math.min(image.height, Math.ceil(canvasHeight / scale));
  const cols = image.width <= tw ? 1 : Math.ceil((image.width - tw) / (tw * 0.8)) + 1;
  const rows = image.height <= th ? 1 : Math.ceil((image.height - th) / (th * 0.8)) + 1;
  const windows: Window[] = [];
  for (let row = 0; row < rows; row++) {
    for (let col = 0; col < cols; col++) {
      const left = cols === 1 ? 0 : Math.round(((image.width - tw) * col) / (cols - 1));
      const top = rows === 1 ? 0 : Math.round(((image.height - th) * row) / (rows - 1));
      windows.push({ left, top, width: tw, height: th });
    }
  }
  return windows;
};

/**
 * Tile levels after the whole-image passes: each doubles the resolution, until a face
 * of `minFaceSize` source pixels is big enough for the detector (never above 1:1).
 */
const tileLevels = (image: RawImage, canvasWidth: number, canvasHeight: number, minFaceSize: number): { scale: number; windows: Window[] }[] => {
  const wholeScale = Math.min(canvasWidth / image.width, canvasHeight / image.height);
  const targetScale = Math.min(1, smallestDetectable / Math.max(1, minFaceSize));
  const levels: { scale: number; windows: Window[] }[] = [];
  for (let scale = wholeScale * 2; scale / 2 < targetScale; scale *= 2) {
    const at = Math.min(scale, targetScale);
    levels.push({ scale: at, windows: tilesAt(image, canvasWidth, canvasHeight, at) });
    if (scale >= targetScale) break;
  }
  return levels;
};

/**
 * A face this wide on the canvas is found reliably by a pass at that scale, so a
 * finer level only adds faces narrower than this at the coarser level's scale.
 */
const reliablyFound = 48;

/**
 * The score a face found only by fine tiles needs: texture seen at high resolution
 * (hair, lettering) scored up to 0.965 on the shared photos, small real faces 0.98
 * or more in composites (one 54 px face 0.958 is then missed: below any register gate).
 */
const tileScore = 0.97;

/** The share of the smaller box that the two boxes have in common. */
const overlapOfSmaller = (a: DetectedFace['box'], b: DetectedFace['box']): number => {
  const w = Math.min(a.x2, b.x2) - Math.max(a.x1, b.x1);
  const h = Math.min(a.y2, b.y2) - Math.max(a.y1, b.y1);
  if (w <= 0 || h <= 0) return 0;
  const smaller = Math.min((a.x2 - a.x1) * (a.y2 - a.y1), (b.x2 - b.x1) * (b.y2 - b.y1));
  return smaller <= 0 ? 0 : (w * h) / smaller;
};

/**
 * Every face in the image with its box (source pixels) and score, after NMS.
 * Whole-image passes: the image letterboxed, and the same with a margin, which
 * adds the faces the first missed (faces that fill the frame or touch its
 * border): see below for when. Then tiles:
 * overlapping canvas-shaped windows at twice, four times... the resolution, down
 * to faces of `minFaceSize` pixels (small faces in large pictures). By default a
 * tile level runs only while nothing has been found; `exhaustive` runs them all
 * (to be sure a photo holds exactly one face, where a small second face counts).
 * Also returns the plain whole-image pass's canvas (the overview).
 */
export const detectFaces = async (
  image: RawImage,
  session: ModelSession,
  spec: ModelSpec,
  options: DetectOptions,
): Promise<Detection> => {
  const whole: Window = { left: 0, top: 0, width: image.width, height: image.height };
  const { width: cw, height: ch } = inputSize(spec);
  const found: DetectedFace[] = [];
  const confirmed = async (candidate: DetectedFace): Promise<boolean> => {
    const { x1, y1, x2, y2 } = candidate.box;
    const side = 2.5 * Math.max(x2 - x1, y2 - y1);
    const cx = (x1 + x2) / 2;
    const cy = (y1 + y2) / 2;
    const window: Window = { left: Math.round(cx - side / 2), top: Math.round(cy - side / 2), width: Math.round(side), height: Math.round(side) };
    options.signal?.throwIfAborted();
    const again = (await detectOnce(image, window, session, spec, 0, options)).faces;
    return again.some((f) => iou(f.box, candidate.box) > 0.3);
  };
  options.signal?.throwIfAborted();
  const first = await detectOnce(image, whole, session, spec, 0, options);
  found.push(...first.faces);
  // The margin pass finds faces that fill the frame or touch its edge. It runs when the plain pass
  // found nothing, and in an exhaustive search (run on every photo, it found no face the plain pass
  // had missed on the shared photos and cost a second detector run). It only adds faces: one both
  // find keeps the plain pass's box, which the pipeline was measured with.
  const plain = nonMaxSuppression(found, options.nmsIou);
  if (plain.length === 0 || options.exhaustive === true) {
    options.signal?.throwIfAborted();
    const margin = (await detectOnce(image, whole, session, spec, 0.35, options)).faces;
    found.push(...margin.filter((f) => plain.every((p) => overlapOfSmaller(p.box, f.box) < 0.2)));
  }
  let coarser = Math.min(cw / image.width, ch / image.height);
  for (const level of tileLevels(image, cw, ch, options.minFaceSize)) {
    if (found.length > 0 && options.exhaustive !== true) break;
    const known = nonMaxSuppression(found, options.nmsIou);
    const fresh: DetectedFace[] = [];
    for (const window of level.windows) {
      options.signal?.throwIfAborted();
      fresh.push(...(await detectOnce(image, window, session, spec, 0, options)).faces);
    }
    // A tile cuts through faces larger than itself: what it adds must be new and small, never a
    // piece of a face a coarser pass has already seen.
    const limit = reliablyFound / coarser;
    const candidates = nonMaxSuppression(
      fresh.filter((f) => f.box.x2 - f.box.x1 < limit && known.every((k) => overlapOfSmaller(k.box, f.box) < 0.2)),
      options.nmsIou,
    );
    // Fine tiles see texture (hair, lettering) as faces now and then: a candidate stays only if the
    // detector finds it again in a window centred on it, at another scale.
    for (const candidate of candidates) {
      if (candidate.score >= tileScore && (await confirmed(candidate))) found.push(candidate);
    }
    coarser = level.scale;
  }
  return { faces: nonMaxSuppression(found, options.nmsIou), overview: first.overview };
};
