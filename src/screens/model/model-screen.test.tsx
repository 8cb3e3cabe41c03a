import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { facePath, referenceFace, requireSharedFaces } from '../../../test/support/faces.js';
import type { FaceEngine } from '../../core/face-engine.js';
import { keys, renderApp, startTestEngine, type RenderedApp } from '../../app/testing/render-app.js';

describe.runIf(requireSharedFaces())('model screen (real worker, real photos)', () => {
  let engine: FaceEngine;
  let app: RenderedApp;

  beforeAll(async () => {
    engine = await startTestEngine();
  });
  afterAll(async () => {
    await app?.unmount();
    await engine?.close();
  });

  it('shows the model table once the models are verified and loaded', async () => {
    app = await renderApp({ engine });
    await app.press('1');
    const frame = await app.waitFor((f) => (f.match(/ready/g) ?? []).length >= 4);
    for (const id of ['fr_detect', 'fr_landmark', 'fr_feature', 'fr_liveness']) expect(frame).toContain(id);
    expect(frame).toContain('3x112x112 RGB');
    expect(frame).toContain('✔ ok');
    expect(frame).toContain('MIT');
  });

  it('embeds a chosen image: dimension, norm, first values, time', async () => {
    await app.press(keys.enter);
    await app.waitFor((f) => f.includes('Image to embed:'));
    await app.type(facePath(referenceFace));
    await app.press(keys.enter);
    const frame = await app.waitFor((f) => f.includes('dimension 512'));
    expect(frame).toContain('norm 1.0000');
    expect(frame).toMatch(/first values: [+-]0\.\d{4}/);
    expect(frame).toMatch(/total \d+(\.\d)? ms/);
    expect(frame).toContain('1 face');
  });

  it('batch-embeds a folder with a progress bar, then validates every embedding', async () => {
    await app.press(keys.down, keys.enter);
    await app.waitFor((f) => f.includes('Folder to embed:'));
    await app.type(facePath('person_03'));
    await app.press(keys.enter);
    const frame = await app.waitFor((f) => f.includes('✔ done'));
    expect(frame).toContain('100% 7/7');
    expect(frame).toMatch(/7 embedded/);
    await app.press(keys.down, keys.enter);
    const validation = await app.waitFor((f) => f.includes('embeddings valid'));
    expect(validation).toContain('✔ 8 of 8 embeddings valid');
    expect(validation).toContain('non-finite values 0');
  });

  it('benchmarks each stage against the raw model time', async () => {
    await app.press(keys.down, keys.enter);
    await app.waitFor((f) => f.includes('Image to benchmark:'));
    await app.press(keys.enter); // the default: the image embedded last
    const frame = await app.waitFor((f) => f.includes('floor (raw models)'));
    for (const stage of ['decode', 'detect', 'landmarks', 'align', 'embed', 'liveness']) expect(frame).toContain(stage);
    expect(frame).toMatch(/10 runs of/);
  });

  it('a folder given where one image is asked for says to use the batch task', async () => {
    await app.press(keys.up, keys.up, keys.up, keys.enter);
    await app.waitFor((f) => f.includes('Image to embed:'));
    await app.type(facePath('person_03'));
    await app.press(keys.enter);
    const frame = await app.waitFor((f) => f.includes('is a folder, not an image file'));
    expect(frame).toContain('Batch-embed a folder');
  });

  it('Esc goes back from a result to the model table, then to the menu', async () => {
    await app.press(keys.escape);
    await app.waitFor((f) => f.includes('fr_landmark'));
    await app.press(keys.escape);
    await app.waitFor((f) => f.includes('Exercises'));
  });
});
