import { describe, expect, it } from 'vitest';
import type { Inspection } from './preprocess-tasks.js';
import { initialPreprocessState, preprocessReducer, type PreprocessState } from './use-preprocess-state.js';

const inspection = { file: '/a.jpg' } as Inspection;
const loaded = (): PreprocessState =>
  preprocessReducer(preprocessReducer(initialPreprocessState('/a.jpg'), { type: 'loadStarted', file: '/a.jpg' }), { type: 'loaded', inspection });

describe('preprocessReducer', () => {
  it('cannot step before an image is loaded; then steps within 1..5', () => {
    expect(preprocessReducer(initialPreprocessState(''), { type: 'step', by: 1 }).step).toBe(0);
    let s = loaded();
    s = preprocessReducer(s, { type: 'step', by: -1 });
    expect(s.step).toBe(0);
    for (let i = 0; i < 10; i++) s = preprocessReducer(s, { type: 'step', by: 1 });
    expect(s.step).toBe(4);
  });

  it('a new image starts at step 1 with no experiments', () => {
    let s = preprocessReducer(loaded(), { type: 'step', by: 1 });
    s = preprocessReducer(s, { type: 'experimentsStarted', total: 3 });
    s = preprocessReducer(s, { type: 'loadStarted', file: '/b.jpg' });
    expect([s.step, s.view, s.experiments.status, s.lastImage]).toEqual([0, 'steps', 'idle', '/b.jpg']);
  });

  it('collects experiment rows; Esc-like showSteps keeps them', () => {
    let s = preprocessReducer(loaded(), { type: 'experimentsStarted', total: 2 });
    s = preprocessReducer(s, { type: 'experimentRow', row: { label: 'flip', ok: true, size: '1x1', faces: 1, detection: 1, similarity: 0.9, ms: 1 } });
    s = preprocessReducer(s, { type: 'experimentRow', row: { label: 'rot', ok: false, size: '1x1', code: 'NO_FACE', message: 'no face' } });
    s = preprocessReducer(s, { type: 'experimentsDone' });
    s = preprocessReducer(s, { type: 'showSteps' });
    expect(s.view).toBe('steps');
    expect(preprocessReducer(s, { type: 'showExperiments' }).experiments.rows).toHaveLength(2);
  });

  it('the prompt opens empty and closes', () => {
    let s = preprocessReducer(initialPreprocessState('/a.jpg'), { type: 'openPrompt' });
    s = preprocessReducer(s, { type: 'editPrompt', value: '/x' });
    expect(s.prompt).toBe('/x');
    expect(preprocessReducer(s, { type: 'closePrompt' }).prompt).toBeNull();
  });
});
