import type { ModelSession } from '../model/onnx-session.js';
import { boxHeight, boxWidth } from './box.js';
import { rectToOutput, warpFromRegion, type FaceRegion } from './face-region.js';
import { inputSize, outputName, type ModelSpec } from './model-spec.js';
import { toTensor } from './tensor.js';
import type { Box, Point } from './types.js';

/**
 * 68 iBUG landmarks: the face box is cropped (padded where it leaves the image),
 * resized to the model's input, and the normalised points mapped back to source pixels.
 */
export const detectLandmarks = async (
  region: FaceRegion,
  box: Box,
  session: ModelSession,
  spec: ModelSpec,
  background: readonly [number, number, number],
): Promise<Point[]> => {
  const { width, height } = inputSize(spec);
  const bw = boxWidth(box);
  const bh = boxHeight(box);
  const forward = rectToOutput({ left: box.x1, top: box.y1, width: bw, height: bh }, width, height);
  const crop = warpFromRegion(region, forward, width, height, background);
  const outputs = await session.run(toTensor(crop, spec.input), spec.input.shape);
  const raw = outputs[outputName(spec, 0)];
  const points: Point[] = [];
  if (raw === undefined) return points;
  for (let i = 0; i + 1 < raw.length; i += 2) {
    points.push({ x: box.x1 + (raw[i] ?? 0) * bw, y: box.y1 + (raw[i + 1] ?? 0) * bh });
  }
  return points;
};

const mean = (points: readonly Point[], indices: readonly number[]): Point => {
  let x = 0;
  let y = 0;
  for (const i of indices) {
    const p = points[i];
    if (p === undefined) continue;
    x += p.x;
    y += p.y;
  }
  return { x: x / indices.length, y: y / indices.length };
};

/**
 * The five alignment points from 68: eye centres (lid points of each eye), nose tip,
 * mouth corners (outer and inner corner averaged), in the ArcFace template's order.
 */
export const fivePointsFrom68 = (points: readonly Point[]): Point[] => [
  mean(points, [37, 38, 40, 41]),
  mean(points, [43, 44, 46, 47]),
  mean(points, [30]),
  mean(points, [48, 60]),
  mean(points, [54, 64]),
];
