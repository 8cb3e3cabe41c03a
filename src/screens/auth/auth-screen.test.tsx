import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { facePath, requireSharedFaces } from '../../../test/support/faces.js';
import type { FaceEngine } from '../../core/face-engine.js';
import { keys, renderApp, startTestEngine, type RenderedApp } from '../../app/testing/render-app.js';

describe.runIf(requireSharedFaces())('auth console (real worker, real photos, memory store)', () => {
  let engine: FaceEngine;
  let app: RenderedApp;

  beforeAll(async () => {
    engine = await startTestEngine();
    app = await renderApp({ engine });
  });
  afterAll(async () => {
    await app?.unmount();
    await engine?.close();
  });

  it('registers a person from a name and two photos', async () => {
    await app.press('5');
    await app.waitFor((f) => f.includes('Auth console') && f.includes('Recent attempts'));
    await app.press(keys.enter);
    await app.waitFor((f) => f.includes('Name to register:'));
    await app.type('Ada');
    await app.press(keys.enter);
    await app.waitFor((f) => f.includes('Photos of Ada'));
    await app.type(`${facePath('person_01/deepface__img1.jpg')} ${facePath('person_01/deepface__img10.jpg')}`);
    await app.press(keys.enter);
    const frame = await app.waitFor((f) => f.includes('registered Ada'));
    expect(frame).toContain('2 templates added, 2 in all');
    expect(frame).toContain('store memory 1 person');
  });

  it('authenticates another photo of her: ACCEPTED with score, threshold and margin', async () => {
    await app.press(keys.down, keys.enter);
    await app.waitFor((f) => f.includes('Photo to authenticate:'));
    await app.type(facePath('person_01/deepface__img11.jpg'));
    await app.press(keys.enter);
    const frame = await app.waitFor((f) => f.includes('✔ ACCEPTED  Ada'));
    expect(frame).toMatch(/score 0\.\d{3} · threshold 0\.35 · margin no other person to compare · 1 face/);
  });

  it('authenticates someone else: DENIED', async () => {
    await app.press(keys.enter);
    await app.waitFor((f) => f.includes('Photo to authenticate:'));
    await app.type(facePath('person_02/deepface__img26.jpg'));
    await app.press(keys.enter);
    const frame = await app.waitFor((f) => f.includes('✖ DENIED'));
    expect(frame).toMatch(/no enrolled person reaches the threshold \(best score -?0\.\d{3} < 0\.35\)/);
  });

  it('lists, shows stats and the recent attempts', async () => {
    await app.press(keys.down, keys.enter);
    expect(await app.waitFor((f) => f.includes('1 enrolled'))).toMatch(/Ada\s+2 templates/);
    await app.press(keys.down, keys.down, keys.enter);
    const stats = await app.waitFor((f) => f.includes('attempts 2'));
    expect(stats).toContain('1 accepted');
    expect(stats).toContain('1 denied');
    await app.press(keys.down, keys.enter);
    const attempts = await app.waitFor((f) => f.includes('Recent attempts (newest first)'));
    expect(attempts).toMatch(/DENIED\s+1:N\s+-\s+score/);
    expect(attempts).toMatch(/ACCEPTED\s+1:N\s+Ada\s+score 0\.\d{3}/);
  });

  it('keys read together act in order (Down then Enter; text then Enter)', async () => {
    await app.pressTogether(keys.up, keys.up, keys.up, keys.up, keys.enter);
    await app.waitFor((f) => f.includes('Photo to authenticate:'));
    await app.pressTogether(facePath('person_01/deepface__img11.jpg'), keys.enter);
    await app.waitFor((f) => f.includes('✔ ACCEPTED  Ada'));
    await app.pressTogether(keys.down, keys.down, keys.enter);
    await app.waitFor((f) => f.includes('Name to delete:'));
    await app.press(keys.escape);
    await app.pressTogether(keys.down, keys.down); // back on "Recent attempts"
  });

  it('deletes after a y/n question, by the enrolled spelling; n keeps; a name not enrolled is not asked about', async () => {
    await app.press(keys.up, keys.up, keys.enter);
    await app.waitFor((f) => f.includes('Name to delete:'));
    await app.press(keys.enter);
    await app.waitFor((f) => f.includes('type a name first (Esc cancels)'));
    await app.type('nobody');
    await app.press(keys.enter);
    await app.waitFor((f) => f.includes('nobody is not enrolled') && !f.includes('(y/n)'));
    await app.press(keys.enter);
    await app.waitFor((f) => f.includes('Name to delete:'));
    await app.type('ada');
    await app.press(keys.enter);
    await app.waitFor((f) => /Delete Ada \(\d templates?\)\? \(y\/n\)/.test(f));
    await app.press('n');
    await app.waitFor((f) => f.includes('kept Ada') && f.includes('store memory 1 person'));
    await app.press(keys.enter);
    await app.waitFor((f) => f.includes('Name to delete:'));
    await app.type('ada');
    await app.press(keys.enter);
    await app.waitFor((f) => f.includes('(y/n)'));
    await app.press('y');
    const frame = await app.waitFor((f) => f.includes('deleted Ada'));
    expect(frame).toContain('store memory 0 people');
  });
  it('a name already enrolled is refused with a and f offered: a adds the photos; the photo prompt has no default', async () => {
    const register = async (name: string, photo: string | null): Promise<void> => {
      await app.press(keys.enter);
      await app.waitFor((f) => f.includes('Name to register:'));
      await app.type(name);
      await app.press(keys.enter);
      await app.waitFor((f) => f.includes(`Photos of ${name}`));
      if (photo === null) return;
      await app.type(photo);
      await app.press(keys.enter);
    };
    await app.press(keys.up, keys.up, keys.up); // back to Register
    await register('Cy', facePath('person_03/deepface__img47.jpg'));
    await app.waitFor((f) => f.includes('registered Cy (new)'));
    await register('cy', null);
    await app.press(keys.enter); // nothing typed: registering never runs on a default
    await app.waitFor((f) => f.includes('type a photo path first'));
    await app.type(facePath('person_03/deepface__img48.jpg'));
    await app.press(keys.enter);
    const refused = await app.waitFor((f) => f.includes('refused (ALREADY_ENROLLED)'));
    expect(refused).toContain('a: add these photos to cy');
    expect(refused).not.toContain('--add'); // the CLI's flags mean nothing here
    await app.press('a');
    const added = await app.waitFor((f) => f.includes('registered Cy (add)'));
    expect(added).toContain('1 template added, 2 in all');
    expect(added).not.toContain('a: add these photos');
  });
});
