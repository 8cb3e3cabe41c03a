import type { ModelSession } from '../model/onnx-session.js';
import { boxHeight, boxWidth } from './box.js';
import { areaResample } from '../image/area-resample.js';
import { rectToOutput, warpFromRegion, type FaceRegion, type Rect } from './face-region.js';
import { inputSize, outputName, type ModelSpec } from './model-spec.js';
import { toTensor } from './tensor.js';
import type { Box } from './types.js';

/** Index of the "live" class among the liveness model's logits (measured: see README). */
export const liveClassIndex = 0;

const softmax = (logits: Float32Array): number[] => {
  const max = Math.max(...logits);
  const exps = Array.from(logits, (v) => Math.exp(v - max));
  const sum = exps.reduce((a, b) => a + b, 0);
  return exps.map((v) => v / sum);
};

/**
 * The liveness crop: the face box enlarged around its centre by the manifest's
 * cropScale, shrunk if needed to fit and shifted to stay inside the image.
 */
export const livenessRect = (box: Box, imageSize: { width: number; height: number }, factor: number): Rect => {
  const bw = boxWidth(box);
  const bh = boxHeight(box);
  const scale = Math.max(0, Math.min((imageSize.height - 1) / bh, (imageSize.width - 1) / bw, factor));
  const width = bw * scale;
  const height = bh * scale;
  const cx = box.x1 + bw / 2;
  const cy = box.y1 + bh / 2;
  const left = Math.min(Math.max(0, cx - width / 2), Math.max(0, imageSize.width - width));
  const top = Math.min(Math.max(0, cy - height / 2), Math.max(0, imageSize.height - height));
  return { left, top, width, height };
};

/** Experimental liveness on the crop given by livenessRect: raw 0..255 RGB in, class probabilities out. */
export const livenessScores = async (region: FaceRegion, rect: Rect, session: ModelSession, spec: ModelSpec): Promise<number[]> => {
  const { width, height } = inputSize(spec);
  // The crop is axis-aligned and usually a large shrink (2.7x the face box): area averaging is exact and cheap there.
  const [sx, , tx, , sy, ty] = region.toRegion;
  const inRegion = { left: rect.left * sx + tx, top: rect.top * sy + ty, width: rect.width * sx, height: rect.height * sy };
  const crop =
    inRegion.width >= width && inRegion.height >= height
      ? areaResample(region.image, inRegion, width, height, [0, 0, 0])
      : warpFromRegion(region, rectToOutput(rect, width, height), width, height, [0, 0, 0]);
  const outputs = await session.run(toTensor(crop, spec.input), spec.input.shape);
  const logits = outputs[outputName(spec, 0)];
  return logits === undefined ? [] : softmax(logits);
};
