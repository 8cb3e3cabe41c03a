import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FaceEngine } from '../core/face-engine.js';
import { keys, renderApp, startTestEngine } from './testing/render-app.js';

describe('the app shell', () => {
  let engine: FaceEngine;
  beforeAll(async () => {
    engine = await startTestEngine();
  });
  afterAll(async () => {
    await engine?.close();
  });

  it('header shows product, screen, model and store status; footer the keys that work', async () => {
    const app = await renderApp({ engine });
    const frame = await app.waitFor((f) => f.includes('models ready') && f.includes('store memory 0 people'));
    expect(frame).toContain('face-auth-tui');
    expect(frame).toContain('menu');
    expect(frame).toContain('threshold 0.35');
    expect(frame).toMatch(/Enter open/);
    expect(frame).toMatch(/q quit/);
    for (const title of ['Model & embeddings', 'Preprocessing', 'Similarity & threshold', 'Storage', 'Auth console']) expect(frame).toContain(title);
    await app.unmount();
  });

  it('keys: menu Enter, 1-5, Tab / Shift-Tab, Esc back, ? help, v log', async () => {
    const app = await renderApp({ engine });
    await app.waitFor((f) => f.includes('models ready'));
    await app.press(keys.down, keys.enter);
    await app.waitFor((f) => f.includes('Step') || f.includes('Image to inspect') || f.includes('Preprocessing'));
    expect(app.lastFrame()).toMatch(/Esc back/);
    await app.press('4');
    await app.waitFor((f) => /Storage/.test(f) && !f.includes('Exercises'));
    await app.press(keys.tab);
    await app.waitFor((f) => f.includes('Register'));
    await app.press(keys.shiftTab, keys.shiftTab);
    await app.waitFor((f) => f.includes('Metric') || f.includes('metric'));
    await app.press('?');
    const help = await app.waitFor((f) => f.includes('Help:'));
    expect(help).toContain('Everywhere');
    // Every key of the screen, not only those of what it shows now (no folder is open yet).
    expect(help).toContain('Keys on this screen');
    for (const key of ['m metric', 'a adopt threshold', 't recommended threshold', '[] threshold, fine']) expect(help).toContain(key);
    expect(help).toContain('Esc or ? closes this help');
    await app.press(keys.escape);
    await app.waitFor((f) => !f.includes('Help:'));
    await app.press('v');
    await app.waitFor((f) => f.includes('log') && f.includes('engine ready'));
    await app.press('v');
    await app.waitFor((f) => !f.includes('engine ready'));
    await app.press(keys.escape);
    const menu = await app.waitFor((f) => f.includes('Exercises'));
    // Back on the menu, the highlight is on the screen just left (3, after the Shift-Tabs).
    expect(menu).toMatch(/› 3 {2}Similarity/);
    await app.unmount();
  });

  it('q quits, and so does Ctrl+C (as an interruption: exit code 130)', async () => {
    const app = await renderApp({ engine });
    await app.waitFor((f) => f.includes('Exercises'));
    await app.press('q');
    await app.waitUntil(() => app.quits.length > 0);
    expect(app.quits).toEqual([false]);
    expect(app.interrupts).toEqual([false]);
    await app.unmount();
    const again = await renderApp({ engine });
    await again.waitFor((f) => f.includes('Exercises'));
    await again.press(keys.ctrlC);
    await again.waitUntil(() => again.quits.length > 0);
    expect(again.quits).toEqual([false]);
    expect(again.interrupts).toEqual([true]);
    await again.unmount();
  });
});
