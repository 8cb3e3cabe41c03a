import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { facePath, requireSharedFaces } from '../../../test/support/faces.js';
import type { FaceEngine } from '../../core/face-engine.js';
import { keys, renderApp, startTestEngine, type RenderedApp } from '../../app/testing/render-app.js';

/** A small labelled folder of symlinks to the shared photos (no photo is copied). */
const people: Record<string, readonly string[]> = {
  ada: ['person_01/deepface__img1.jpg', 'person_01/deepface__img10.jpg', 'person_01/deepface__img11.jpg'],
  bob: ['person_02/deepface__img26.jpg', 'person_02/deepface__img27.jpg', 'person_02/deepface__img42.jpg'],
  cy: ['person_03/deepface__img47.jpg', 'person_03/deepface__img48.jpg'],
};

describe.runIf(requireSharedFaces())('similarity screen (real worker, real photos)', () => {
  let engine: FaceEngine;
  let app: RenderedApp;
  let dir: string;

  beforeAll(async () => {
    dir = await fs.mkdtemp(path.join(os.tmpdir(), 'similarity-'));
    for (const [person, files] of Object.entries(people)) {
      await fs.mkdir(path.join(dir, 'faces', person), { recursive: true });
      for (const file of files) {
        const source = facePath(file);
        if ((await fs.stat(source).catch(() => null)) !== null) await fs.symlink(source, path.join(dir, 'faces', person, path.basename(file)));
      }
    }
    await fs.copyFile(path.resolve('config.yaml'), path.join(dir, 'config.yaml'));
    engine = await startTestEngine();
    app = await renderApp({ engine, configPath: path.join(dir, 'config.yaml') });
  });
  afterAll(async () => {
    await app?.unmount();
    await engine?.close();
    await fs.rm(dir, { recursive: true, force: true });
  });

  it('embeds a labelled folder and draws genuine vs impostor histograms with the threshold, FAR and FRR', async () => {
    await app.press('3');
    await app.waitFor((f) => f.includes('Press Enter to open a labelled folder'));
    await app.press(keys.enter);
    await app.waitFor((f) => f.includes('Labelled folder'));
    await app.type(path.join(dir, 'faces'));
    await app.press(keys.enter);
    const frame = await app.waitFor((f) => f.includes('▶ threshold 0.35'));
    expect(frame).toMatch(/3 people · \d+\/\d+ images usable · \d+ genuine · \d+ impostor pairs/);
    expect(frame).toContain('impostor ░');
    expect(frame).toContain('█ genuine');
    expect(frame).toMatch(/▶ threshold 0\.35 · FAR \d+\.\d\d% \(\d+\/\d+\) · FRR \d+\.\d\d% \(\d+\/\d+\) · accept >= · cosine similarity/);
    expect(frame).toMatch(/EER \d+\.\d\d% at/);
  });

  it('arrow keys move the threshold and the figures follow', async () => {
    await app.press(keys.right);
    await app.waitFor((f) => f.includes('▶ threshold 0.36'));
    await app.press(keys.up);
    const frame = await app.waitFor((f) => f.includes('▶ threshold 0.41'));
    await app.press(keys.up, keys.up, keys.up, keys.up, keys.up, keys.up, keys.up, keys.up, keys.up, keys.up, keys.up, keys.up);
    const strict = await app.waitFor((f) => f.includes('▶ threshold 1.0'));
    // At the top every impostor pair is rejected.
    expect(strict).toMatch(/FAR 0\.00% \(0\//);
    expect(frame).not.toEqual(strict);
    await app.press(keys.left);
    await app.waitFor((f) => f.includes('▶ threshold 0.99'));
  });

  it('switches the metric: euclidean takes the same threshold as a distance', async () => {
    await app.press('m');
    const frame = await app.waitFor((f) => f.includes('accept <= ·') && f.includes('euclidean distance'));
    expect(frame).toMatch(/▶ threshold 1\.14/);
    await app.press('m', 'm', 'm');
    await app.waitFor((f) => f.includes('accept >= ·') && f.includes('cosine similarity') && f.includes('▶ threshold 0.99'));
  });

  it('shows the edge cases with the errors they give', async () => {
    await app.press('e');
    const frame = await app.waitFor((f) => f.includes('Edge cases'));
    expect(frame).toMatch(/cosine\(zero, a\)\s+✖ INVALID_ARGUMENT: cosine: the first vector is all zeros/);
    expect(frame).toMatch(/✖ DIMENSION_MISMATCH: cosine: vectors have different dimensions \(512 and 128\)/);
    expect(frame).toMatch(/euclidean\(zero, a\): the norm of a\s+= 1\.0000/);
    expect(frame).toMatch(/non-finite value \(NaN\) at index 7/);
    await app.press(keys.escape);
    await app.waitFor((f) => f.includes('▶ threshold'));
  });

  it('adopts the threshold for the session (header, auth console) and writes it to the config file', async () => {
    await app.press(keys.left, keys.left, keys.left, keys.left, keys.left, keys.left, keys.left, keys.left, keys.left);
    await app.waitFor((f) => f.includes('▶ threshold 0.90'));
    await app.press('a');
    const frame = await app.waitFor((f) => f.includes('adopted 0.9'));
    expect(frame).toContain('threshold 0.90 (adopted)');
    await app.press('w');
    await app.waitFor((f) => f.includes('wrote verification.threshold: 0.9'));
    expect(await fs.readFile(path.join(dir, 'config.yaml'), 'utf8')).toMatch(/threshold: 0\.9\b/);
  });

  it('shows AUC, d\' and TAR at FAR; t jumps to the recommended threshold, [ and ] move it finely', async () => {
    const frame = await app.waitFor((f) => f.includes('recommended'));
    expect(frame).toMatch(/AUC [01]\.\d{5} · d' (\d+\.\d\d|∞) · TAR \d+\.\d% at FAR 1e-2/);
    const recommended = /recommended (-?\d+\.\d+) \(t;/.exec(frame)![1]!;
    await app.press('t');
    await app.waitFor((f) => f.includes(`▶ threshold ${recommended}`));
    const shown = (f: string): number => Number(/▶ threshold (-?\d+\.\d+)/.exec(f)![1]);
    // A fine step is a tenth of the arrow keys' grid (0.01 on these scores): 0.001.
    await app.press(']');
    const up = shown(await app.waitFor((f) => shown(f) !== Number(recommended)));
    expect(up).toBeCloseTo(Number(recommended) + 0.001, 9);
    await app.press('[', '[');
    await app.waitFor((f) => Math.abs(shown(f) - (up - 0.002)) < 1e-9);
  });

  it('f shows the full evaluation report (as face-auth-tui evaluate), scrollable; Esc goes back to the histogram', async () => {
    await app.press('f');
    const top = await app.waitFor((f) => f.includes('Data') && f.includes('lines 1-'), 60_000);
    expect(top).toMatch(/images: 8 usable of 8 found, 3 people/);
    let frame = top;
    for (let i = 0; i < 40 && !/rank-1 \d/.test(frame); i++) {
      await app.press(keys.pageDown);
      frame = app.lastFrame();
    }
    expect(frame).toMatch(/rank-1 [\d.]+%, rank-5 [\d.]+%/);
    for (let i = 0; i < 40 && !frame.includes('no alignment'); i++) {
      await app.press(keys.pageDown);
      frame = app.lastFrame();
    }
    expect(frame).toContain('no alignment');
    await app.press(keys.escape);
    await app.waitFor((f) => f.includes('▶ threshold') && !f.includes('lines 1-'));
  });

  it('a folder of one person is a user error on the screen, and another folder can be opened after it', async () => {
    await app.press(keys.enter);
    await app.waitFor((f) => f.includes('Labelled folder'));
    await app.type(path.join(dir, 'faces', 'ada'));
    await app.press(keys.enter);
    const frame = await app.waitFor((f) => f.includes('INVALID_ARGUMENT'));
    expect(frame).toMatch(/give 0 genuine and 0 impostor\s+pairs/);
    expect(frame).not.toContain('crashed');
    await app.press(keys.enter);
    await app.waitFor((f) => f.includes('Labelled folder'));
    await app.type(path.join(dir, 'faces'));
    await app.press(keys.enter);
    await app.waitFor((f) => f.includes('3 people') && f.includes('▶ threshold'));
  });
});
