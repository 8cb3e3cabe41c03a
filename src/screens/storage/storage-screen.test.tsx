import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { facePath, requireSharedFaces } from '../../../test/support/faces.js';
import type { FaceEngine } from '../../core/face-engine.js';
import { keys, renderApp, startTestEngine, type RenderedApp } from '../../app/testing/render-app.js';

describe.runIf(requireSharedFaces())('storage screen (real worker, real photos, memory store)', () => {
  let engine: FaceEngine;
  let app: RenderedApp;

  beforeAll(async () => {
    engine = await startTestEngine();
    app = await renderApp({ engine });
    const auth = await app.services.auth(0.35);
    for (const [name, files] of [
      ['Ada', ['person_01/deepface__img1.jpg', 'person_01/deepface__img10.jpg']],
      ['Bob', ['person_02/deepface__img26.jpg']],
      ['Carla', ['person_03/deepface__img47.jpg']],
    ] as const) {
      const outcome = await auth.register(name, files.map(facePath));
      expect(outcome.status).toBe('registered');
    }
  });
  afterAll(async () => {
    await app?.unmount();
    await engine?.close();
  });

  it('lists the enrolled people with templates, model and backend figures', async () => {
    await app.press('4');
    const frame = await app.waitFor((f) => f.includes('Carla') && f.includes('load all'));
    expect(frame).toMatch(/Ada\s+2\s+fr_feature/);
    expect(frame).toMatch(/Bob\s+1\s+fr_feature/);
    expect(frame).toMatch(/memory memory: · - · 3 people · 4 templates/);
    expect(frame).toContain('page 1/1 · 3 shown');
  });

  it('searches by name', async () => {
    await app.press('/');
    await app.waitFor((f) => f.includes('Search:'));
    await app.type('bo');
    await app.waitFor((f) => f.includes('1 shown'));
    await app.press(keys.enter);
    const frame = await app.waitFor((f) => f.includes('search "bo"') && !f.includes('Search:'));
    expect(frame).not.toContain('Carla');
    await app.press('/');
    await app.waitFor((f) => f.includes('Search:'));
    await app.type('zzz');
    await app.waitFor((f) => f.includes('(no one matches "bozzz")') && f.includes('0 shown'));
    await app.press(keys.escape);
    await app.waitFor((f) => f.includes('3 shown'));
  });

  it('End and Home jump to the last and the first person', async () => {
    await app.press(keys.end);
    await app.waitFor((f) => /›Carla/.test(f));
    await app.press(keys.home);
    await app.waitFor((f) => /›Ada/.test(f));
  });

  it('opens a record: templates, model id, created, checksum status', async () => {
    await app.press(keys.enter);
    const frame = await app.waitFor((f) => f.includes('checksums verified'));
    expect(frame).toContain('Ada');
    expect(frame).toContain('model fr_feature');
    expect(frame).toContain('2/2 templates valid');
    expect(frame).toMatch(/#2 \d{4}-\d\d-\d\d \d\d:\d\d · detection \d\.\d{3} · norm 1\.0000/);
    await app.press(keys.escape);
    await app.waitFor((f) => f.includes('3 shown'));
  });

  it('checks integrity', async () => {
    await app.press('i');
    const frame = await app.waitFor((f) => f.includes('store intact'));
    expect(frame).toContain('3/3 records ok, 4 templates');
    await app.press(keys.escape);
    await app.waitFor((f) => f.includes('3 shown'));
  });

  it('deletes with confirmation: n keeps, y deletes', async () => {
    await app.press(keys.down, 'd');
    await app.waitFor((f) => f.includes('Delete Bob'));
    await app.press('n');
    await app.waitFor((f) => f.includes('kept') && f.includes('3 shown'));
    await app.press('d');
    await app.waitFor((f) => f.includes('Delete Bob'));
    await app.press('y');
    const frame = await app.waitFor((f) => f.includes('deleted Bob') && f.includes('2 shown'));
    expect(frame).toContain('store memory 2 people');
    expect(frame).not.toMatch(/Bob\s+1/);
  });
});
