import type { RawImage } from '../image/raw-image.js';
import { resizeRaw } from '../image/sharp-codec.js';
import type { ModelSession } from '../model/onnx-session.js';
import { nonMaxSuppression } from './box.js';
import { inputSize, type ModelSpec } from './model-spec.js';
import { toTensor } from './tensor.js';
import type { DetectedFace } from './types.js';

export interface DetectOptions {
  readonly scoreThreshold: number;
  readonly nmsIou: number;
  readonly background: readonly [number, number, number];
}

/** Where the source image sits inside the detector's input canvas. */
interface Placement {
  readonly scale: number;
  readonly offsetX: number;
  readonly offsetY: number;
}

/**
 * Place the image, scaled to keep its aspect ratio, in the centre of the model's canvas.
 * `margin` shrinks it further so faces that fill the frame or touch its border get context.
 */
const placeOnCanvas = async (
  image: RawImage,
  canvasWidth: number,
  canvasHeight: number,
  margin: number,
  background: readonly [number, number, number],
): Promise<{ canvas: RawImage; placement: Placement }> => {
  const scale = Math.min(canvasWidth / (image.width * (1 + 2 * margin)), canvasHeight / (image.height * (1 + 2 * margin)));
  const w = Math.max(1, Math.min(canvasWidth, Math.round(image.width * scale)));
  const h = Math.max(1, Math.min(canvasHeight, Math.round(image.height * scale)));
  const resized = await resizeRaw(image, w, h, { fit: 'fill', kernel: 'linear' });
  const offsetX = Math.floor((canvasWidth - w) / 2);
  const offsetY = Math.floor((canvasHeight - h) / 2);
  const data = new Uint8Array(canvasWidth * canvasHeight * 3);
  for (let i = 0; i < data.length; i += 3) {
    data[i] = background[0];
    data[i + 1] = background[1];
    data[i + 2] = background[2];
  }
  const rowBytes = w * 3;
  for (let y = 0; y < h; y++) {
    const srcStart = y * rowBytes;
    data.set(resized.data.subarray(srcStart, srcStart + rowBytes), ((y + offsetY) * canvasWidth + offsetX) * 3);
  }
  // Effective scale per axis after rounding.
  return {
    canvas: { data, width: canvasWidth, height: canvasHeight, channels: 3 },
    placement: { scale: w / image.width, offsetX, offsetY },
  };
};

/** One detector pass at one placement: threshold, then map boxes back to source pixels. */
const detectOnce = async (
  image: RawImage,
  session: ModelSession,
  spec: ModelSpec,
  margin: number,
  options: DetectOptions,
): Promise<DetectedFace[]> => {
  const { width: cw, height: ch } = inputSize(spec);
  const { canvas, placement } = await placeOnCanvas(image, cw, ch, margin, options.background);
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
    const toSourceX = (v: number): number => (v * cw - placement.offsetX) / placement.scale;
    const toSourceY = (v: number): number => (v * ch - placement.offsetY) / placement.scale;
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

/** Margins tried in turn: plain letterbox first, then with context around the image. */
const passes = [0, 0.35] as const;

/**
 * Every face in the image with its box (source pixels) and score, after NMS.
 * A second pass with a margin finds faces that fill the frame or touch its border.
 */
export const detectFaces = async (
  image: RawImage,
  session: ModelSession,
  spec: ModelSpec,
  options: DetectOptions,
): Promise<DetectedFace[]> => {
  const found: DetectedFace[] = [];
  for (const margin of passes) {
    found.push(...(await detectOnce(image, session, spec, margin, options)));
    if (found.length > 0) break;
  }
  return nonMaxSuppression(found, options.nmsIou);
};
