/**
 * Preprocessing may only change together with PIPELINE_VERSION: the embedding
 * cache and stored templates trust the fingerprint, so embeddings that move
 * under an unchanged version would mix two pipelines' vectors (stale evaluation
 * figures, templates compared across preprocessing). The fixture holds what
 * the pipeline gave a few real photos; regenerate it with
 * `npx tsx scripts/update-pipeline-golden.ts` after bumping the version.
 */
import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestEngine, dot } from '../../../test/support/engine.js';
import { facePath, requireSharedFaces } from '../../../test/support/faces.js';
import { goldenPath, type PipelineGolden } from '../../../test/support/pipeline-golden.js';
import { PIPELINE_VERSION, type FaceEngine } from '../face-engine.js';

/**
 * The same pipeline differs by float rounding only (measured: 1 - cosine under
 * 1e-8, also with libvips' SIMD off); the smallest real preprocessing change
 * seen (the shrinking warp) moved these photos by 8e-5 to 1.5e-3.
 */
const SAME = 0.99999;

const decode = (base64: string): Float32Array => {
  const bytes = Buffer.from(base64, 'base64');
  return new Float32Array(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength));
};

describe.runIf(requireSharedFaces())('pipeline golden embeddings', () => {
  let engine: FaceEngine;
  const golden = JSON.parse(fs.readFileSync(goldenPath, 'utf8')) as PipelineGolden;

  beforeAll(async () => {
    engine = await startTestEngine({}, 1);
  });
  afterAll(async () => {
    await engine?.close();
  });

  it('the fixture was made by this PIPELINE_VERSION', () => {
    expect(golden.pipelineVersion, 'PIPELINE_VERSION changed: run `npx tsx scripts/update-pipeline-golden.ts`').toBe(PIPELINE_VERSION);
    expect(golden.images.length).toBeGreaterThanOrEqual(5);
  });

  it('every photo embeds as the fixture says; otherwise bump PIPELINE_VERSION and regenerate the fixture', async () => {
    for (const image of golden.images) {
      const result = await engine.embed(facePath(image.file));
      const cosine = dot(result.embedding, decode(image.embedding));
      expect(
        cosine,
        `${image.file}: cosine ${cosine.toFixed(6)} to the golden embedding. Preprocessing output changed: bump PIPELINE_VERSION in src/core/face-engine.ts, then run npx tsx scripts/update-pipeline-golden.ts`,
      ).toBeGreaterThanOrEqual(SAME);
      for (const side of ['x1', 'y1', 'x2', 'y2'] as const) expect(Math.abs(result.chosen.box[side] - image.box[side])).toBeLessThan(0.5);
    }
  });
});
