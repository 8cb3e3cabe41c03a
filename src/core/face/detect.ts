import { solidImage, type CropRect } from '../image/crop-resample.js';
import type { RawImage } from '../image/raw-image.js';
import { cropResize, resizeRaw } from '../image/sharp-codec.js';
import type { ModelSession } from '../model/onnx-session.js';
import { nonMaxSuppression } from './box.js';
import { inputSize, type ModelSpec } from './model-spec.js';
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
}

/** Where the source image sits inside the detector's input canvas. */
interface Placement {
  readonly scale: number;
  readonly offsetX: number;
  readonly offsetY: number;
}

/** A part of the source image, in source pixels. */
type Window = CropRect;

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
  const resized = whole
    ? await resizeRaw(image, w, h, { fit: 'fill', kernel: 'linear' })
    : await cropResize(image, window, w, h, background, 'linear');
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
    placement: { scale: w / window.width, offsetX, offsetY },
  };
};

/** One detector pass at one placement: threshold, then map boxes back to source pixels. */
const detectOnce = async (
  image: RawImage,
  window: Window,
  session: ModelSession,
  spec: ModelSpec,
  margin: number,
  options: DetectOptions,
): Promise<DetectedFace[]> => {
  const { width: cw, height: ch } = inputSize(spec);
  const { canvas, placement } = await placeOnCanvas(image, window, cw, ch, margin, options.background);
  const tensor = toTensor(canvas, spec.input);
  const outputs = await session.run(tensor, spec.input.shape);
  const [scoresName = 'scores', boxesName = 'boxes'] = spec.outputs.map((o) => o.name);
  const scores = outputs[scoresName];
  const boxes = outputs[boxesName];
  if (scores === undefined || boxes === undefined) return [];
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
  return faces;
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
const tileLevels = (image: RawImage, canvasWidth: number, canvasHeight: number, minFaceSize: number): Window[][] => {
  const wholeScale = Math.min(canvasWidth / image.width, canvasHeight / image.height);
  const targetScale = Math.min(1, smallestDetectable / Math.max(1, minFaceSize));
  const levels: Window[][] = [];
  for (let scale = wholeScale * 2; scale / 2 < targetScale; scale *= 2) {
    levels.push(tilesAt(image, canvasWidth, canvasHeight, Math.min(scale, targetScale)));
    if (scale >= targetScale) break;
  }
  return levels;
};

/**
 * Every face in the image with its box (source pixels) and score, after NMS.
 * Passes, each tried only if the previous found nothing: the whole image letterboxed;
 * the same with a margin (faces that fill the frame or touch its border); then
 * overlapping canvas-shaped tiles at twice, four times... the resolution, down to
 * faces of `minFaceSize` pixels (small faces in large pictures).
 */
export const detectFaces = async (
  image: RawImage,
  session: ModelSession,
  spec: ModelSpec,
  options: DetectOptions,
): Promise<DetectedFace[]> => {
  const whole: Window = { left: 0, top: 0, width: image.width, height: image.height };
  const { width: cw, height: ch } = inputSize(spec);
  const passes: Array<{ windows: Window[]; margin: number }> = [
    { windows: [whole], margin: 0 },
    { windows: [whole], margin: 0.35 },
    ...tileLevels(image, cw, ch, options.minFaceSize).map((windows) => ({ windows, margin: 0 })),
  ];
  for (const pass of passes) {
    const found: DetectedFace[] = [];
    for (const window of pass.windows) {
      options.signal?.throwIfAborted();
      found.push(...(await detectOnce(image, window, session, spec, pass.margin, options)));
    }
    if (found.length > 0) return nonMaxSuppression(found, options.nmsIou);
  }
  return [];
};
