/**
 * The detector's overview (its letterboxed input) is sampled for the liveness crop, so its
 * mapping from source pixels must put each face where the face is on the canvas: checked on
 * real photos of both orientations and on a small one (resized in place, not by libvips).
 */
import fs from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { facePath, requireSharedFaces } from '../../../test/support/faces.js';
import { parseConfig } from '../config/load-config.js';
import { pipelineSettings, workerInit } from '../face-engine.js';
import { areaResample } from '../image/area-resample.js';
import type { RawImage } from '../image/raw-image.js';
import { decodeImage, encodeImage, resizeRaw } from '../image/sharp-codec.js';
import { loadManifest } from '../model/manifest.js';
import { createModelSession, type ModelSession } from '../model/onnx-session.js';
import { detectFaces } from './detect.js';
import type { ModelSpec } from './model-spec.js';
import type { Box } from './types.js';

const thumb = (image: RawImage, rect: { left: number; top: number; width: number; height: number }): Uint8Array =>
  areaResample(image, rect, 24, 24, [0, 0, 0]).data;

const meanAbsDiff = (a: Uint8Array, b: Uint8Array): number => {
  let sum = 0;
  for (let i = 0; i < a.length; i++) sum += Math.abs(a[i]! - b[i]!);
  return sum / a.length;
};

describe.runIf(requireSharedFaces())('detector overview', () => {
  let session: ModelSession;
  let spec: ModelSpec;
  const config = parseConfig({});
  const settings = pipelineSettings(config);

  beforeAll(async () => {
    const init = await workerInit(await loadManifest(), { config });
    const detector = init.models.detector!;
    spec = detector.spec;
    session = await createModelSession(spec.id, detector.path, spec, { intraOpNumThreads: 1 });
  });
  afterAll(async () => {
    await session?.release();
  });

  const check = async (image: RawImage): Promise<void> => {
    const { faces, overview } = await detectFaces(image, session, spec, { ...settings, background: settings.limits.background });
    const face = faces[0];
    expect(face).toBeDefined();
    expect([overview.image.width, overview.image.height]).toEqual([320, 240]);
    const [sx, , tx, , sy, ty] = overview.toCanvas;
    const box: Box = face!.box;
    const source = { left: box.x1, top: box.y1, width: box.x2 - box.x1, height: box.y2 - box.y1 };
    const onCanvas = { left: box.x1 * sx + tx, top: box.y1 * sy + ty, width: source.width * sx, height: source.height * sy };
    const aligned = meanAbsDiff(thumb(image, source), thumb(overview.image, onCanvas));
    // The same rect shifted by a fifth of the face on the canvas: what a wrong mapping would give.
    const shifted = meanAbsDiff(thumb(image, source), thumb(overview.image, { ...onCanvas, left: onCanvas.left + onCanvas.width / 5 }));
    expect(aligned).toBeLessThan(6);
    expect(aligned).toBeLessThan(shifted / 2);
  };

  it('maps a face of a landscape and of a portrait photo onto the canvas', async () => {
    for (const file of ['person_05/deepface__img16.jpg', 'person_02/deepface__img42.jpg']) {
      await check(await decodeImage(await fs.readFile(facePath(file)), settings.limits));
    }
  });

  it('maps a face of a small photo, which is enlarged in place', async () => {
    const photo = await decodeImage(await fs.readFile(facePath('person_01/deepface__img1.jpg')), settings.limits);
    const small = await resizeRaw(photo, 200, Math.round((200 * photo.height) / photo.width), { kernel: 'lanczos3' });
    await check(await decodeImage(await encodeImage(small, 'png'), settings.limits));
  });
});
