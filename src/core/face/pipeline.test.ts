import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FaceEngine } from '../face-engine.js';
import { UserError, type ErrorCode } from '../errors.js';
import { facePath, referenceFace, requireSharedFaces } from '../../../test/support/faces.js';
import { dot, startTestEngine } from '../../../test/support/engine.js';
import { sharp } from '../../../test/support/sharp.js';

const available = requireSharedFaces();

const expectCode = async (promise: Promise<unknown>, code: ErrorCode): Promise<UserError> => {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(UserError);
  expect((error as UserError).code).toBe(code);
  return error as UserError;
};

describe.runIf(available)('face pipeline on real photos', () => {
  let engine: FaceEngine;
  let dir: string;
  let reference: Float32Array;
  let referenceBox: { x1: number; y1: number; x2: number; y2: number };
  let width = 0;
  let height = 0;

  beforeAll(async () => {
    engine = await startTestEngine();
    dir = await fs.mkdtemp(path.join(os.tmpdir(), 'face-pipeline-'));
    const result = await engine.embed(facePath(referenceFace));
    reference = result.embedding;
    referenceBox = result.chosen.box;
    width = result.image.width;
    height = result.image.height;
  });

  afterAll(async () => {
    await engine.close();
    await fs.rm(dir, { recursive: true, force: true });
  });

  const write = async (name: string, data: Buffer): Promise<string> => {
    const file = path.join(dir, name);
    await fs.writeFile(file, data);
    return file;
  };

  it('returns one L2-normalised 512-d embedding with boxes, landmarks and timings', async () => {
    const result = await engine.embed(facePath(referenceFace), { includeAligned: true });
    expect(result.embedding).toHaveLength(512);
    expect(Math.sqrt(dot(result.embedding, result.embedding))).toBeCloseTo(1, 5);
    expect(result.embedding.every(Number.isFinite)).toBe(true);
    expect(result.faces).toHaveLength(1);
    expect(result.chosen.score).toBeGreaterThan(0.9);
    expect(result.chosen.landmarks).toHaveLength(68);
    expect(result.chosen.fivePoints).toHaveLength(5);
    const [leftEye, rightEye] = result.chosen.fivePoints;
    expect(leftEye!.x).toBeLessThan(rightEye!.x);
    expect(result.aligned?.width).toBe(112);
    expect(result.timings.total).toBeGreaterThan(0);
    expect(result.sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(result.liveness).toBeGreaterThanOrEqual(0);
    expect(result.liveness).toBeLessThanOrEqual(1);
  });

  it('applies every EXIF orientation: rotated and mirrored copies embed within cosine 0.95 of the upright photo', async () => {
    const upright = await sharp(await fs.readFile(facePath(referenceFace))).toBuffer();
    // Store the pixels transformed by the inverse of each orientation, tagged with it:
    // a correct decoder shows the upright photo again.
    // Each step runs in its own pipeline: sharp reorders operations within one.
    type Step = 'flop' | 'flip' | 90 | 180 | -90;
    const apply = async (input: Buffer, steps: readonly Step[]): Promise<Buffer> => {
      let out = input;
      for (const step of steps) {
        const s = sharp(out);
        out = await (step === 'flop' ? s.flop() : step === 'flip' ? s.flip() : s.rotate(step)).png().toBuffer();
      }
      return out;
    };
    // Orientation 5 is the transpose, 7 the transverse (both their own inverse).
    const stored: Record<number, readonly Step[]> = {
      2: ['flop'],
      3: [180],
      4: ['flip'],
      5: [90, 'flop'],
      6: [-90],
      7: [-90, 'flop'],
      8: [90],
    };
    for (const [orientation, steps] of Object.entries(stored)) {
      const pixels = await sharp(await apply(upright, steps)).jpeg({ quality: 92 }).toBuffer();
      const tagged = await sharp(pixels).withMetadata({ orientation: Number(orientation) }).jpeg({ quality: 92 }).toBuffer();
      const file = await write(`orientation-${orientation}.jpg`, tagged);
      const result = await engine.embed(file);
      expect(result.image.orientation, `orientation ${orientation}`).toBe(Number(orientation));
      expect(result.image.width).toBe(width);
      expect(result.image.height).toBe(height);
      expect(dot(result.embedding, reference), `orientation ${orientation}`).toBeGreaterThan(0.95);
    }
  });

  it('finds a face that fills the frame, one cut by the border, and a small one in a large picture', async () => {
    const source = sharp(await fs.readFile(facePath(referenceFace)));
    const { x1, y1, x2, y2 } = referenceBox;
    const bw = x2 - x1;
    const bh = y2 - y1;
    // Tight: the crop is the face box itself.
    const tight = await write('tight.png', await source.clone().extract({ left: Math.round(x1), top: Math.round(y1), width: Math.round(bw), height: Math.round(bh) }).png().toBuffer());
    // Border: a quarter of the face is cut off on the left.
    const cutLeft = Math.round(x1 + bw * 0.25);
    const border = await write('border.png', await source.clone().extract({ left: cutLeft, top: 0, width: width - cutLeft, height }).png().toBuffer());
    // Small: the photo shrunk to 1/12 and placed on a 1600x1200 grey canvas.
    const smallPhoto = await source.clone().resize(Math.round(width / 12)).png().toBuffer();
    const small = await write(
      'small.png',
      await sharp({ create: { width: 1600, height: 1200, channels: 3, background: { r: 120, g: 120, b: 120 } } })
        .composite([{ input: smallPhoto, left: 900, top: 700 }])
        .png()
        .toBuffer(),
    );
    for (const file of [tight, border, small]) {
      const result = await engine.embed(file).catch((error: unknown) => {
        throw new Error(`${path.basename(file)}: ${String(error)}`);
      });
      expect(result.faces.length, path.basename(file)).toBeGreaterThanOrEqual(1);
      expect(dot(result.embedding, reference), path.basename(file)).toBeGreaterThan(0.5);
      // Liveness comes from the detector's overview for the large faces and from the face region for
      // the small one (too few overview pixels): a probability either way.
      expect(result.liveness, path.basename(file)).toBeGreaterThanOrEqual(0);
      expect(result.liveness, path.basename(file)).toBeLessThanOrEqual(1);
    }
    const smallResult = await engine.embed(small);
    expect(smallResult.chosen.box.x1).toBeGreaterThan(900);
  });

  it('finds small faces in tall and wide pictures (canvas-shaped tiles down to minFaceSize)', async () => {
    const photo = await fs.readFile(facePath('person_01/deepface__img10.jpg'));
    const cases = [
      { name: 'portrait.jpg', width: 3000, height: 4500, faceWidth: 80 },
      { name: 'panorama.jpg', width: 8000, height: 400, faceWidth: 80 },
    ];
    for (const c of cases) {
      const small = await sharp(photo).resize(c.faceWidth).png().toBuffer();
      const file = await write(
        c.name,
        await sharp({ create: { width: c.width, height: c.height, channels: 3, background: { r: 110, g: 120, b: 130 } } })
          .composite([{ input: small, left: Math.round(c.width * 0.6), top: Math.round(c.height * 0.3) }])
          .jpeg()
          .toBuffer(),
      );
      const result = await engine.embed(file);
      expect(result.faces, c.name).toHaveLength(1);
      expect(result.chosen.box.x1, c.name).toBeGreaterThan(c.width * 0.6 - 5);
    }
  });

  it('rejects a face too small to trust with the reason, and never embeds the whole image', async () => {
    const tinyPhoto = await sharp(await fs.readFile(facePath(referenceFace))).resize(Math.round(width / 40)).png().toBuffer();
    const tiny = await write(
      'tiny.png',
      await sharp({ create: { width: 400, height: 300, channels: 3, background: { r: 120, g: 120, b: 120 } } })
        .composite([{ input: tinyPhoto, left: 100, top: 100 }])
        .png()
        .toBuffer(),
    );
    const small = await startTestEngine({ detection: { minFaceSize: 60 } }, 1);
    try {
      const error = await expectCode(small.embed(tiny), 'FACE_TOO_SMALL');
      expect(error.message).toMatch(/below the 60 px minimum/);
    } finally {
      await small.close();
    }
    await expectCode(engine.embed(facePath('_no_face/face-api.js__white.png')), 'NO_FACE');
    await expectCode(engine.embed(facePath('_no_face/python3-skimage__chelsea.png')), 'NO_FACE');
  });

  it('uses the largest of several faces and reports how many; registration needs exactly one', async () => {
    const file = facePath('_multi_face/face_recognition__obama_and_biden.jpg');
    const result = await engine.embed(file);
    expect(result.faces.length).toBeGreaterThanOrEqual(2);
    const areas = result.faces.map((f) => (f.box.x2 - f.box.x1) * (f.box.y2 - f.box.y1));
    expect(areas).toEqual([...areas].sort((a, b) => b - a));
    expect(result.chosen.box).toEqual(result.faces[0]?.box);
    await expectCode(engine.embed(file, { requireSingleFace: true }), 'MULTIPLE_FACES');
  });

  it('registration searches the whole of a large photo: a small second face next to a large one is MULTIPLE_FACES', async () => {
    // 6000x4000: a large face, and a 250 px-wide photo of someone else whose face is too small for the
    // whole-image passes (about 7 detector pixels), so only the tiles of the exhaustive search see it.
    const big = await sharp(await fs.readFile(facePath(referenceFace))).resize(1600).toBuffer();
    const other = await sharp(await fs.readFile(facePath('person_02/deepface__img26.jpg'))).resize(250).toBuffer();
    const file = await write(
      'big-and-small.jpg',
      await sharp({ create: { width: 6000, height: 4000, channels: 3, background: '#888' } })
        .composite([
          { input: big, left: 200, top: 200 },
          { input: other, left: 4500, top: 2500 },
        ])
        .jpeg()
        .toBuffer(),
    );
    const plain = await engine.embed(file);
    expect(plain.faces).toHaveLength(1); // embed stops once the whole-image passes have found a face
    const error = await expectCode(engine.embed(file, { requireSingleFace: true, singleFaceMinSize: 80 }), 'MULTIPLE_FACES');
    expect(error.message).toBe('2 faces were found; exactly one is required');
    // Two people side by side, faces about 92 and 77 px: both count, whatever the search depth.
    await expectCode(engine.embed(facePath('_multi_face/face_recognition__kit_with_rose.jpg'), { requireSingleFace: true, singleFaceMinSize: 80 }), 'MULTIPLE_FACES');
    // One face alone, in a large photo, stays one face: fine tiles see no face in the hair or the background.
    const single = await engine.embed(facePath('person_03/deepface__img49.jpg'), { requireSingleFace: true, singleFaceMinSize: 80 });
    expect(single.faces).toHaveLength(1);
  });

  it('gives each bad input its own error, and the worker keeps serving afterwards', async () => {
    const jpeg = await fs.readFile(facePath(referenceFace));
    const cases: Array<[string, Buffer, ErrorCode]> = [
      ['empty.jpg', Buffer.alloc(0), 'EMPTY_FILE'],
      ['truncated.jpg', jpeg.subarray(0, Math.floor(jpeg.length / 2)), 'CORRUPT_IMAGE'],
      ['notes.jpg', Buffer.from('these are not pixels\n'.repeat(20)), 'NOT_AN_IMAGE'],
      ['photo.heic', Buffer.concat([Buffer.from([0, 0, 0, 24]), Buffer.from('ftypheic'), Buffer.alloc(12), Buffer.alloc(64)]), 'UNSUPPORTED_FORMAT'],
      ['tiny.png', await sharp({ create: { width: 16, height: 16, channels: 3, background: '#888' } }).png().toBuffer(), 'IMAGE_TOO_SMALL'],
    ];
    for (const [name, data, code] of cases) {
      const error = await expectCode(engine.embed(await write(name, data)), code);
      expect(error.message.split('\n')).toHaveLength(1);
    }
    await expectCode(engine.embed(path.join(dir, 'does-not-exist.jpg')), 'FILE_NOT_FOUND');
    const limited = await startTestEngine({ image: { maxPixels: 1_000_000 } }, 1);
    try {
      await expectCode(limited.embed(facePath(referenceFace)), 'IMAGE_TOO_LARGE');
    } finally {
      await limited.close();
    }
    const after = await engine.embed(facePath(referenceFace));
    expect(dot(after.embedding, reference)).toBeGreaterThan(0.999);
  });

  it('keeps the main thread free: a timer keeps ticking while a batch is embedded', async () => {
    let ticks = 0;
    const timer = setInterval(() => ticks++, 1);
    try {
      // Every embed, in flight while the main thread waits, sees the 1 ms timer fire: the work runs
      // on the worker. Run on the main thread, a model call would hold the timer back until it ended.
      // Nothing here is timed: the test counts ticks per request, not milliseconds.
      const seen: number[] = [];
      for (let i = 0; i < 8; i++) {
        const before = ticks;
        await engine.embed(facePath(referenceFace));
        seen.push(ticks - before);
      }
      expect(seen.every((n) => n > 0), `ticks during each embed: ${seen.join(', ')}`).toBe(true);
      // And a batch in flight at once: the timer keeps firing between the replies too.
      const replies: number[] = [];
      const before = ticks;
      await Promise.all(Array.from({ length: 8 }, () => engine.embed(facePath(referenceFace)).then(() => replies.push(ticks - before))));
      expect(replies.at(-1)! > replies[0]!, `ticks at each reply: ${replies.join(', ')}`).toBe(true);
    } finally {
      clearInterval(timer);
    }
  });
});
