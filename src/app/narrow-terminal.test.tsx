/**
 * The layout at small terminal sizes, on every screen, with a real engine: the
 * header keeps to its two lines (status texts shorten instead of wrapping), the
 * separator is the third line, no line is wider than the terminal, and the
 * frame is never taller than it.
 */
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { facePath, requireSharedFaces } from '../../test/support/faces.js';
import type { FaceEngine } from '../core/face-engine.js';
import { fitStatus } from './header.js';
import { keys, renderApp, startTestEngine } from './testing/render-app.js';

const fits = (frame: string, columns: number, rows: number): void => {
  const lines = frame.split('\n');
  expect(lines[0], frame).toMatch(/^face-auth-tui/);
  expect(lines[1], frame).toMatch(/^[●○✖⠋⠙⠹⠸⠼⠴⠦⠧⠇⠏] /);
  expect(lines[2], frame).toMatch(/^─+$/);
  expect(lines.length, frame).toBeLessThanOrEqual(rows);
  for (const line of lines) expect([...line].length, `${JSON.stringify(line)} in\n${frame}`).toBeLessThanOrEqual(columns);
};

describe('fitStatus', () => {
  const parts = [
    ['models ready (fr_feature 512-d)', 'models ready', 'ready'],
    ['store sqlite 34 people, 2 damaged', 'sqlite 34 people, 2 bad', 'sqlite 34!'],
    ['threshold 0.32 (adopted)', 'threshold 0.32*', 't 0.32*'],
  ];
  it('takes the fullest texts that fit, then shorter ones, then truncates', () => {
    expect(fitStatus(parts, 200)).toEqual(parts.map((p) => p[0]));
    expect(fitStatus(parts, 70)).toEqual(['models ready', 'sqlite 34 people, 2 bad', 'threshold 0.32*']);
    expect(fitStatus(parts, 36)).toEqual(['ready', 'sqlite 34!', 't 0.32*']);
    const tiny = fitStatus(parts, 20);
    expect(tiny.join(' │ ').length + 4).toBeLessThanOrEqual(20 + 6);
    for (const t of tiny) expect(t.length).toBeLessThanOrEqual(3);
  });
});

describe('narrow terminals (real worker)', () => {
  let engine: FaceEngine;
  beforeAll(async () => {
    engine = await startTestEngine();
  });
  afterAll(async () => {
    await engine?.close();
  });

  for (const [columns, rows] of [
    [80, 24],
    [60, 20],
    [40, 15],
  ] as const) {
    it(`${columns}x${rows}: every screen keeps the header to two lines and fits the terminal`, async () => {
      const app = await renderApp({ engine, columns, rows });
      try {
        await app.waitFor((f) => f.includes('ready'));
        for (const key of ['1', '2', '3', '4', '5']) {
          await app.press(key);
          fits(await app.waitFor((f) => (f.split('\n')[2] ?? '').startsWith('─')), columns, rows);
        }
      } finally {
        await app.unmount();
      }
    });
  }

  it.runIf(requireSharedFaces())('the similarity histogram keeps one line per row for every metric at 80x24 and 60x20', async () => {
    const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'narrow-similarity-'));
    try {
      const people = { ada: ['person_01/deepface__img1.jpg', 'person_01/deepface__img10.jpg'], bob: ['person_02/deepface__img26.jpg', 'person_02/deepface__img27.jpg'] };
      for (const [person, files] of Object.entries(people)) {
        await fs.mkdir(path.join(dir, person));
        for (const file of files) await fs.symlink(facePath(file), path.join(dir, person, path.basename(file)));
      }
      for (const [columns, rows] of [
        [80, 24],
        [60, 20],
      ] as const) {
        const app = await renderApp({ engine, columns, rows });
        try {
          await app.press('3', keys.enter);
          await app.waitFor((f) => f.includes('Labelled folder'));
          await app.type(dir);
          await app.press(keys.enter);
          let previous = '';
          for (let metric = 0; metric < 4; metric++) {
            const frame = await app.waitFor((f) => f !== previous && f.includes('▶ threshold') && f.includes(' · FAR '));
            previous = frame;
            fits(frame, columns, rows);
            expect(frame, frame).toMatch(/^value +impostor ░│█ genuine +imp +gen$/m);
            expect(frame).toMatch(/^EER /m);
            await app.press('m');
          }
        } finally {
          await app.unmount();
        }
      }
    } finally {
      await fs.rm(dir, { recursive: true, force: true });
    }
  });

  it('the help scrolls when it is taller than the terminal', async () => {
    const app = await renderApp({ engine, columns: 60, rows: 16 });
    try {
      await app.press('3', '?');
      const top = await app.waitFor((f) => f.includes('Help: 3'));
      expect(top).not.toContain('Everywhere');
      for (let i = 0; i < 30 && !app.lastFrame().includes('Everywhere'); i++) await app.press(keys.down);
      const scrolled = app.lastFrame();
      expect(scrolled).toContain('Everywhere');
      expect(scrolled).not.toContain('Help: 3');
      fits(scrolled, 60, 16);
      await app.press(keys.pageUp, keys.pageUp, keys.pageUp);
      await app.waitFor((f) => f.includes('Help: 3'));
    } finally {
      await app.unmount();
    }
  });

  it('40x15: the menu lists all five screens, and the auth console keeps its result in view', async () => {
    const app = await renderApp({ engine, columns: 40, rows: 15 });
    try {
      const menu = await app.waitFor((f) => f.includes('Exercises'));
      for (const n of ['1', '2', '3', '4', '5']) expect(menu).toMatch(new RegExp(`${n} {2}\\S`));
      await app.press('5');
      await app.waitFor((f) => f.includes('Auth console'));
      await app.press(keys.down);
      await app.waitFor((f) => /› Authenticate/.test(f));
      await app.press(keys.enter);
      await app.waitFor((f) => f.includes('Photo to'));
      await app.type(facePath('person_01/deepface__img11.jpg'));
      await app.press(keys.enter);
      const frame = await app.waitFor((f) => f.includes('DENIED'));
      expect(frame).toContain('no one is enrolled');
      expect(frame).toContain('(2/6, ↑↓)');
      fits(frame, 40, 15);
    } finally {
      await app.unmount();
    }
  });
});
