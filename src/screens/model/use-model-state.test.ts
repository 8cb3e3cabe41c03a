import { describe, expect, it } from 'vitest';
import { initialModelState, modelReducer, type ModelState } from './use-model-state.js';

const start = (): ModelState => initialModelState({ image: '/faces/a.jpg', folder: '/faces' });
const unit = (dim: number): Float32Array => {
  const v = new Float32Array(dim);
  v[0] = 1;
  return v;
};

describe('modelReducer', () => {
  it('moves through the four tasks, wrapping around', () => {
    let s = start();
    s = modelReducer(s, { type: 'move', step: -1 });
    expect(s.selected).toBe(3);
    s = modelReducer(s, { type: 'move', step: 1 });
    expect(s.selected).toBe(0);
  });

  it('Enter on a task opens an empty prompt; the last path is the default', () => {
    const s = modelReducer(start(), { type: 'choose', expectedDim: 512 });
    expect(s.prompt).toEqual({ task: 'embed', value: '' });
    expect(modelReducer(s, { type: 'editPrompt', value: 'x' }).prompt?.value).toBe('x');
    expect(modelReducer(s, { type: 'closePrompt' }).prompt).toBeNull();
  });

  it('Enter on validate checks every kept embedding', () => {
    let s = { ...start(), selected: 2 };
    s = modelReducer(s, { type: 'batchListing', folder: '/f', time: 0 });
    s = modelReducer(s, { type: 'batchItem', item: { file: 'a', ok: true, ms: 5, embedding: unit(4) }, time: 1 });
    s = modelReducer(s, { type: 'batchItem', item: { file: 'b', ok: true, ms: 5, embedding: new Float32Array([Number.NaN, 0, 0, 0]) }, time: 2 });
    s = modelReducer(s, { type: 'choose', expectedDim: 4 });
    expect(s.view).toBe('validate');
    expect(s.validation).toMatchObject({ checked: 2, ok: 1, nonFinite: 1 });
    expect(s.validation?.problems[0]).toMatch(/^b: /);
  });

  it('counts batch progress, failures by code and elapsed time', () => {
    let s = modelReducer(start(), { type: 'batchListing', folder: '/f', time: 1000 });
    expect(s.view).toBe('batch');
    s = modelReducer(s, { type: 'batchStarted', total: 3 });
    s = modelReducer(s, { type: 'batchItem', item: { file: 'a', ok: true, ms: 50, embedding: unit(2) }, time: 1100 });
    s = modelReducer(s, { type: 'batchItem', item: { file: 'b', ok: false, code: 'NO_FACE', message: 'no face' }, time: 1200 });
    s = modelReducer(s, { type: 'batchDone', time: 1300 });
    expect(s.batch).toMatchObject({ status: 'done', total: 3, done: 2, failed: 1, failures: { NO_FACE: 1 }, failedFiles: [{ file: 'b', code: 'NO_FACE' }], elapsedMs: 300, times: [50] });
    expect(s.embeddings).toHaveLength(1);
    expect(s.lastFolder).toBe('/f');
  });

  it('Enter on batch while one runs shows it instead of starting another', () => {
    let s = modelReducer({ ...start(), selected: 1 }, { type: 'batchListing', folder: '/f', time: 0 });
    s = modelReducer({ ...s, view: 'models' }, { type: 'choose', expectedDim: 2 });
    expect(s.view).toBe('batch');
    expect(s.prompt).toBeNull();
  });
});
