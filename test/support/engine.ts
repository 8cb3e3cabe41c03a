import { parseConfig } from '../../src/core/config/load-config.js';
import type { ConfigInput } from '../../src/core/config/schema.js';
import { startEngine, type FaceEngine } from '../../src/core/face-engine.js';

/** A real engine (real models, real worker threads) with the default config plus overrides. */
export const startTestEngine = (overrides: ConfigInput = {}, workers = 2): Promise<FaceEngine> =>
  startEngine({ config: parseConfig(overrides), workers });

/** Cosine of two L2-normalised embeddings. */
export const dot = (a: Float32Array, b: Float32Array): number => {
  let sum = 0;
  for (let i = 0; i < a.length; i++) sum += (a[i] ?? 0) * (b[i] ?? 0);
  return sum;
};
