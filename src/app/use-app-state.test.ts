import { describe, expect, it } from 'vitest';
import { appReducer, initialAppState, type AppState } from './use-app-state.js';

const start = (): AppState => initialAppState({ threshold: 0.35, logOpen: false });

describe('appReducer', () => {
  it('goes to a screen and remembers it as visited (it stays mounted)', () => {
    const s = appReducer(start(), { type: 'goto', view: 'storage' });
    expect(s.view).toBe('storage');
    expect(appReducer(s, { type: 'goto', view: 'menu' }).visited).toEqual(['storage']);
  });

  it('Tab and Shift-Tab cycle through the five screens from the menu', () => {
    let s = appReducer(start(), { type: 'cycle', step: 1 });
    expect(s.view).toBe('model');
    s = appReducer(s, { type: 'cycle', step: -1 });
    expect(s.view).toBe('auth');
    expect(appReducer(start(), { type: 'cycle', step: -1 }).view).toBe('auth');
  });

  it('Esc closes help first, then leaves the screen', () => {
    let s = appReducer(start(), { type: 'goto', view: 'auth' });
    s = appReducer(s, { type: 'toggleHelp' });
    s = appReducer(s, { type: 'back' });
    expect([s.helpOpen, s.view]).toEqual([false, 'auth']);
    expect(appReducer(s, { type: 'back' }).view).toBe('menu');
  });

  it('keeps a mode that did not change (no re-render loop) and replaces one that did', () => {
    const mode = { textEntry: false, atRoot: true, hints: [{ keys: 'a', action: 'b' }] };
    const s = appReducer(start(), { type: 'mode', screen: 'model', mode });
    expect(appReducer(s, { type: 'mode', screen: 'model', mode: { ...mode, hints: [{ keys: 'a', action: 'b' }] } })).toBe(s);
    expect(appReducer(s, { type: 'mode', screen: 'model', mode: { ...mode, textEntry: true } }).modes.model?.textEntry).toBe(true);
  });

  it('adopts a threshold and counts interrupts', () => {
    let s = appReducer(start(), { type: 'adoptThreshold', value: 0.42 });
    expect(s.threshold).toEqual({ value: 0.42, source: 'adopted' });
    s = appReducer(appReducer(s, { type: 'interrupt' }), { type: 'interrupt' });
    expect([s.quitting, s.interrupts]).toEqual([true, 2]);
  });
});
