import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { copyFace, makeSmallDataset, noFaceCopy } from '../../../test/support/eval-dataset.js';
import { requireSharedFaces, sharedFacesDir } from '../../../test/support/faces.js';
import { loadConfig } from '../config/load-config.js';
import type { Config } from '../config/schema.js';
import { startEngine, type FaceEngine } from '../face-engine.js';
import { embeddingCacheSalt, evaluateFolder, type EvaluationProgress } from './evaluate-folder.js';
import { formatReportMarkdown, formatReportText } from './report-format.js';

/**
 * Measured on ../shared/faces (138 usable images of 39 people, 294 genuine and
 * 9159 impostor pairs): EER 0.285%, AUC 0.99997, rank-1 100%. The README
 * section "Evaluation on ../shared/faces" documents these; the test fails if
 * the pipeline gets worse.
 */
const DOCUMENTED_EER = 0.0029;
const DOCUMENTED_AUC = 0.9999;

let engine: FaceEngine;
let config: Config;
let work: string;

beforeAll(async () => {
  config = (await loadConfig()).config;
  engine = await startEngine({ config, workers: 2 });
  work = await fs.mkdtemp(path.join(os.tmpdir(), 'evaluate-folder-test-'));
});
afterAll(async () => {
  await engine?.close();
  if (work !== undefined) await fs.rm(work, { recursive: true, force: true });
});

describe('evaluateFolder on a small labelled folder', () => {
  it('embeds once, then answers from the cache; no-face images are listed, not fatal', async () => {
    if (!requireSharedFaces()) return;
    const dir = path.join(work, 'small');
    const images = await makeSmallDataset(dir);
    const cacheDir = path.join(work, 'cache-small');
    const options = { threshold: 0.35, cacheDir, cacheSalt: embeddingCacheSalt(config), ablations: false } as const;

    const events: EvaluationProgress[] = [];
    const first = await evaluateFolder(engine, dir, options, (e) => events.push(e));
    expect(first.images.found).toBe(images);
    expect(first.embedded).toBe(images);
    expect(first.cached).toBe(0);
    expect(events).toHaveLength(images);
    expect(events.at(-1)).toMatchObject({ done: images, total: images, pass: 1, passes: 1, variant: 'standard' });
    expect(events.filter((e) => e.error === 'NO_FACE').map((e) => e.file)).toEqual([noFaceCopy]);

    expect(first.images.failed).toEqual([
      { file: noFaceCopy, label: 'person_14', code: 'NO_FACE', message: expect.any(String) as string },
    ]);
    expect(first.images.usable).toBe(images - 1);
    expect(first.images.skippedFolders).toEqual(['_extra']);
    expect(first.images.ignoredFiles).toEqual(['person_01/notes.txt']);
    // 3 people x C(3, 2) genuine pairs; C(9, 2) - 9 impostor pairs.
    expect(first.pairs).toMatchObject({ genuine: 9, impostor: 27, impostorTotal: 27, sampled: false });
    expect(first.eer).toBe(0);
    expect(first.identification).toMatchObject({ available: true, rank1: 1 });
    expect(first.comparison.ablations).toBeNull();

    const second = await evaluateFolder(engine, dir, options);
    expect(second.embedded).toBe(0);
    expect(second.cached).toBe(images);
    expect(second.images.failed.map((f) => f.code)).toEqual(['NO_FACE']);
    expect(second.auc).toBe(first.auc);
    expect(second.stats).toEqual(first.stats);

    // A new photo: only it is embedded.
    await copyFace('person_02/deepface__img45.jpg', path.join(dir, 'person_02', 'new.jpg'));
    const third = await evaluateFolder(engine, dir, options);
    expect(third.embedded).toBe(1);
    expect(third.cached).toBe(images);
    expect(third.pairs.genuine).toBe(12);

    // No temporary files are left beside the cache file.
    expect(await fs.readdir(cacheDir)).toEqual([path.basename(first.cache.files[0]!)]);
  });

  it('a photo with several faces in a person folder is listed (scored by its largest face), also from the cache, and the report says so', async () => {
    if (!requireSharedFaces()) return;
    const dir = path.join(work, 'group');
    const images = await makeSmallDataset(dir);
    await copyFace('_multi_face/deepface__selfie-many-people.jpg', path.join(dir, 'person_02', 'group.jpg'));
    const options = { threshold: 0.35, cacheDir: path.join(work, 'cache-group'), cacheSalt: embeddingCacheSalt(config), ablations: false } as const;
    const first = await evaluateFolder(engine, dir, options);
    expect(first.images.multipleFaces).toEqual([{ file: 'person_02/group.jpg', label: 'person_02', faces: expect.any(Number) as number }]);
    const faces = first.images.multipleFaces[0]!.faces;
    expect(faces).toBeGreaterThan(1);
    // The count is cached with the embedding: a warm run lists it too.
    const second = await evaluateFolder(engine, dir, options);
    expect(second.embedded).toBe(0);
    expect(second.images.multipleFaces).toEqual(first.images.multipleFaces);

    const note = '1 photo holds several faces; each was scored by its largest face: check it is the person';
    const text = formatReportText(second).join('\n');
    expect(text).toContain(`images: ${images} usable of ${images + 1} found, 3 people; ${note} (listed below)`);
    expect(text).toMatch(new RegExp(`Photos with several faces \\(1\\)\\n-+\\n${note}\\n\\nimage\\s+person\\s+faces\\nperson_02/group\\.jpg\\s+person_02\\s+${faces}\\n`));
    const markdown = formatReportMarkdown(second);
    expect(markdown).toContain(`## Photos with several faces (1)\n\n- ${note}\n\n| image | person | faces |\n|---|---|---:|\n| person_02/group.jpg | person_02 | ${faces} |`);
  });

  it('samples impostor pairs with a seed and says so', async () => {
    if (!requireSharedFaces()) return;
    const dir = path.join(work, 'small');
    const options = { threshold: 0.35, cacheDir: path.join(work, 'cache-small'), cacheSalt: embeddingCacheSalt(config), ablations: false };
    const a = await evaluateFolder(engine, dir, { ...options, maxImpostor: 10, seed: 7 });
    const b = await evaluateFolder(engine, dir, { ...options, maxImpostor: 10, seed: 7 });
    expect(a.pairs).toMatchObject({ impostor: 10, sampled: true, seed: 7, maxImpostor: 10 });
    expect(a.pairs.description).toMatch(/10 of \d+ impostor pairs, a uniform random sample \(seed 7\)/);
    expect(b.stats.impostor).toEqual(a.stats.impostor);
  });

  it('refuses a folder without two people', async () => {
    if (!requireSharedFaces()) return;
    const dir = path.join(work, 'one-person');
    await copyFace('person_01/deepface__img5.jpg', path.join(dir, 'person_01', 'a.jpg'));
    await copyFace('person_01/deepface__img11.jpg', path.join(dir, 'person_01', 'b.jpg'));
    await copyFace('_no_face/face-api.js__white.png', path.join(dir, 'person_02', 'white.png'));
    await expect(evaluateFolder(engine, dir, { threshold: 0.35, cacheDir: null, ablations: false })).rejects.toMatchObject({
      code: 'INVALID_ARGUMENT',
      // The images left out are named, with why.
      message: expect.stringMatching(/^2 usable image\(s\) of 1 person\(s\) .* give 1 genuine and 0 impostor pairs \(1 image\(s\) left out: person_02\/white\.png NO_FACE\)$/) as string,
      hint: expect.stringContaining('two people') as string,
    });
  });

  it('stops when aborted', async () => {
    if (!requireSharedFaces()) return;
    const controller = new AbortController();
    controller.abort();
    await expect(
      evaluateFolder(engine, path.join(work, 'small'), { threshold: 0.35, cacheDir: null, signal: controller.signal }),
    ).rejects.toThrow();
  });
});

describe('evaluateFolder on ../shared/faces', () => {
  it(`keeps the EER at or below the documented ${(DOCUMENTED_EER * 100).toFixed(2)}%`, async () => {
    if (!requireSharedFaces()) return;
    const report = await evaluateFolder(engine, sharedFacesDir, {
      threshold: config.verification.threshold,
      cacheDir: path.join(work, 'cache-shared'),
      cacheSalt: embeddingCacheSalt(config),
      ablations: false,
    });
    expect(report.images.skippedFolders).toEqual(['_multi_face', '_no_face']);
    expect(report.images.failed).toEqual([]);
    expect(report.images.usable).toBe(138);
    expect(report.pairs).toMatchObject({ genuine: 294, impostor: 9159, sampled: false });
    expect(report.eer).toBeLessThanOrEqual(DOCUMENTED_EER);
    expect(report.auc).toBeGreaterThanOrEqual(DOCUMENTED_AUC);
    expect(report.identification).toMatchObject({ available: true, rank1: 1 });
    expect(report.tarAtFar.map((r) => r.sufficient)).toEqual([true, true, false]);
    expect(report.tarAtFar[2]!.note).toMatch(/^insufficient data: 9159 impostor pairs, at least 10000 needed/);
    expect(report.recommended.basis).toBe('eer');
    const { range, threshold } = report.recommended;
    expect(range.atMost).toBe(report.eerThreshold);
    expect(threshold).toBeLessThanOrEqual(range.atMost);
    expect(threshold).toBeGreaterThan(range.above!);
    // cosine, euclidean and dot rank L2-normalised embeddings identically.
    const [cosine, euclidean, , dot] = report.comparison.metrics;
    expect(euclidean!.eer).toBe(cosine!.eer);
    expect(dot!.auc).toBeCloseTo(cosine!.auc!, 9);
  });
});
