import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FaceEngine } from '../face-engine.js';
import { facePath, requireSharedFaces } from '../../../test/support/faces.js';
import { encodeBmp } from '../../../test/support/bmp-encoder.js';
import { dot, startTestEngine } from '../../../test/support/engine.js';
import { sharp } from '../../../test/support/sharp.js';

const available = requireSharedFaces();
const photo = 'person_01/deepface__img10.jpg';

/**
 * Every odd-but-valid input must verify against the plain JPEG of the same photo:
 * the pipeline sees the same face whatever the container, colour model or depth.
 */
describe.runIf(available)('odd but valid inputs verify against the plain JPEG', () => {
  let engine: FaceEngine;
  let dir: string;
  let plain: Float32Array;
  let threshold: number;

  beforeAll(async () => {
    engine = await startTestEngine();
    dir = await fs.mkdtemp(path.join(os.tmpdir(), 'face-odd-'));
    plain = (await engine.embed(facePath(photo))).embedding;
    threshold = 0.35;
  });

  afterAll(async () => {
    await engine.close();
    await fs.rm(dir, { recursive: true, force: true });
  });

  const variants: Record<string, () => Promise<Buffer>> = {
    'greyscale.jpg': async () => sharp(await fs.readFile(facePath(photo))).greyscale().jpeg({ quality: 95 }).toBuffer(),
    'cmyk.jpg': async () => sharp(await fs.readFile(facePath(photo))).toColourspace('cmyk').jpeg({ quality: 95 }).toBuffer(),
    '16bit.png': async () => sharp(await fs.readFile(facePath(photo))).toColourspace('rgb16').png().toBuffer(),
    'grey16.png': async () => sharp(await fs.readFile(facePath(photo))).toColourspace('grey16').png().toBuffer(),
    'alpha.png': async () => sharp(await fs.readFile(facePath(photo))).ensureAlpha(0.9).png().toBuffer(),
    'png-named.jpg': async () => sharp(await fs.readFile(facePath(photo))).png().toBuffer(),
    'progressive.jpg': async () => sharp(await fs.readFile(facePath(photo))).jpeg({ progressive: true, quality: 92 }).toBuffer(),
    'photo.webp': async () => sharp(await fs.readFile(facePath(photo))).webp({ quality: 92 }).toBuffer(),
    'photo.tiff': async () => sharp(await fs.readFile(facePath(photo))).tiff({ compression: 'lzw' }).toBuffer(),
    'photo.gif': async () => sharp(await fs.readFile(facePath(photo))).gif().toBuffer(),
    'photo.avif': async () => sharp(await fs.readFile(facePath(photo))).avif({ quality: 70 }).toBuffer(),
    'photo.bmp': async () => {
      const { data, info } = await sharp(await fs.readFile(facePath(photo))).removeAlpha().raw().toBuffer({ resolveWithObject: true });
      return Buffer.from(encodeBmp(new Uint8Array(data), info.width, info.height));
    },
  };

  for (const [name, make] of Object.entries(variants)) {
    it(`${name}`, async () => {
      const file = path.join(dir, name);
      await fs.writeFile(file, await make());
      const result = await engine.embed(file);
      const similarity = dot(result.embedding, plain);
      expect(similarity).toBeGreaterThanOrEqual(threshold);
      // Far above the threshold: the same photo, only re-encoded.
      expect(similarity).toBeGreaterThan(0.85);
    });
  }
});
