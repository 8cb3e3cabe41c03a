/**
 * Writes test/fixtures/pipeline-golden.json: the embeddings the current pipeline
 * gives a few photos of ../shared/faces, with PIPELINE_VERSION. The test
 * src/core/face/pipeline-golden.test.ts fails when preprocessing output moves
 * away from them, so a change to decoding, detection, cropping, alignment or
 * normalisation cannot reach stored templates or the embedding cache under the
 * old fingerprint. After such a change: bump PIPELINE_VERSION in
 * src/core/face-engine.ts, then run
 *
 *   npx tsx scripts/update-pipeline-golden.ts
 */
import fs from 'node:fs/promises';
import path from 'node:path';
import { PIPELINE_VERSION } from '../src/core/face-engine.js';
import { goldenImages, goldenPath, type PipelineGolden } from '../test/support/pipeline-golden.js';
import { startTestEngine } from '../test/support/engine.js';
import { facePath, hasSharedFaces, sharedFacesDir } from '../test/support/faces.js';

if (!hasSharedFaces()) {
  console.error(`the shared photos are missing at ${sharedFacesDir}`);
  process.exit(2);
}
const engine = await startTestEngine({}, 1);
try {
  const images: PipelineGolden['images'][number][] = [];
  for (const file of goldenImages) {
    const result = await engine.embed(facePath(file));
    const bytes = new Uint8Array(result.embedding.buffer, result.embedding.byteOffset, result.embedding.byteLength);
    images.push({ file, box: result.chosen.box, embedding: Buffer.from(bytes).toString('base64') });
  }
  const golden: PipelineGolden = { pipelineVersion: PIPELINE_VERSION, fingerprint: engine.fingerprint, images };
  await fs.mkdir(path.dirname(goldenPath), { recursive: true });
  await fs.writeFile(goldenPath, `${JSON.stringify(golden, null, 1)}\n`);
  console.log(`wrote ${images.length} embeddings (pipeline v${PIPELINE_VERSION}, ${engine.fingerprint}) to ${path.relative(process.cwd(), goldenPath)}`);
} finally {
  await engine.close();
}
