import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { facePath, referenceFace, requireSharedFaces } from '../../../test/support/faces.js';
import type { FaceEngine } from '../../core/face-engine.js';
import { keys, renderApp, startTestEngine, type RenderedApp } from '../../app/testing/render-app.js';

describe.runIf(requireSharedFaces())('preprocessing screen (real worker, real photo)', () => {
  let engine: FaceEngine;
  let app: RenderedApp;

  beforeAll(async () => {
    engine = await startTestEngine();
    app = await renderApp({ engine, env: { COLORTERM: 'truecolor' } });
  });
  afterAll(async () => {
    await app?.unmount();
    await engine?.close();
  });

  describe('in truecolour', () => {

    it('steps through decode, detect, landmarks, alignment (a truecolour half-block face) and normalisation', async () => {
      await app.press('2');
      await app.waitFor((f) => f.includes('Press Enter to choose an image'));
      await app.press(keys.enter);
      await app.waitFor((f) => f.includes('Image to inspect:'));
      await app.type(facePath(referenceFace));
      await app.press(keys.enter);
      const decode = await app.waitFor((f) => f.includes('Step 1/5 Decode') && f.includes('format jpeg'));
      expect(decode).toMatch(/size \d+x\d+/);
      expect(decode).toContain('orientation 1');
      await app.press(keys.right);
      const detect = await app.waitFor((f) => f.includes('Step 2/5 Detect'));
      expect(detect).toMatch(/1 face found/);
      expect(detect).toMatch(/#1 score 0\.9\d\d|#1 score 1\.000/);
      await app.press(keys.right);
      expect(await app.waitFor((f) => f.includes('Step 3/5 Landmarks'))).toMatch(/nose tip\s+\(\d/);
      await app.press(keys.right);
      const align = await app.waitFor((f) => f.includes('aligned face 112x112') && f.includes('\u001B[38;2;'));
      expect(align).toContain('▀');
      await app.press(keys.right);
      const embed = await app.waitFor((f) => f.includes('Step 5/5 Normalise'));
      expect(embed).toMatch(/embedding 512-d · raw norm \d+\.\d\d → 1\.0000/);
      expect(embed).toMatch(/R min -?\d/);
    });

    it('runs the augmentation experiments (sharp), each compared with the original', async () => {
      await app.press('x');
      const frame = await app.waitFor((f) => f.includes('scale x0.1') && !f.includes('augmenting'), 60_000);
      expect(frame).toMatch(/flip \(mirror\)\s+0\.9\d\d/);
      expect(frame).toMatch(/JPEG q5\s+0\.\d{3}/);
      expect(frame).toMatch(/blur σ6\s+0\.\d{3}/);
      expect(frame).toMatch(/brightness x0\.5\s+0\.\d{3}/);
      expect(frame).toMatch(/rotate 90°/);
      await app.press(keys.escape);
      await app.waitFor((f) => f.includes('Step 5/5'));
    });
  });

  describe('an image without a face', () => {
    it('still shows its decode step, and why detection stopped; later steps were not reached', async () => {
      const plain = await renderApp({ engine, view: 'preprocess' });
      try {
        await plain.press(keys.enter);
        await plain.waitFor((f) => f.includes('Image to inspect:'));
        await plain.type(facePath('_no_face/python3-skimage__chelsea.png'));
        await plain.press(keys.enter);
        const decode = await plain.waitFor((f) => f.includes('Step 1/5 Decode') && f.includes('format png'));
        expect(decode).toMatch(/size \d+x\d+/);
        await plain.press(keys.right);
        const detect = await plain.waitFor((f) => f.includes('Step 2/5 Detect'));
        expect(detect).toContain('0 usable faces found');
        expect(detect).toMatch(/✖ NO_FACE: no face was found/);
        await plain.press(keys.right);
        expect(await plain.waitFor((f) => f.includes('Step 3/5'))).toContain('not reached: the pipeline stopped at detection');
        expect(plain.lastFrame()).not.toContain('x experiments');
      } finally {
        await plain.unmount();
      }
    });
  });

  describe('under NO_COLOR', () => {
    it('draws the aligned face as characters, without colour codes', async () => {
      const plain = await renderApp({ engine, view: 'preprocess', env: { NO_COLOR: '1', COLORTERM: 'truecolor' } });
      try {
        await plain.press(keys.enter);
        await plain.waitFor((f) => f.includes('Image to inspect:'));
        await plain.press(keys.enter); // the default image
        await plain.waitFor((f) => f.includes('Step 1/5'));
        await plain.press(keys.right, keys.right, keys.right);
        const frame = await plain.waitFor((f) => f.includes('aligned face 112x112') && /[#%@]{3}/.test(f));
        expect(frame).not.toContain('\u001B[38;2;');
        expect(frame).not.toContain('▀');
      } finally {
        await plain.unmount();
      }
    });
  });
});
