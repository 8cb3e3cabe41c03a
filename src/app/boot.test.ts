import { describe, expect, it } from 'vitest';
import { loadManifest } from '../core/model/manifest.js';
import { bootReducer, initialBootState, type BootEvent, type BootState } from './boot.js';

const fold = (events: BootEvent[]): BootState => events.reduce(bootReducer, initialBootState);

describe('bootReducer', async () => {
  const manifest = await loadManifest();
  const [first, second] = manifest.models;
  const base: BootEvent[] = [{ type: 'manifest', models: manifest.models, dir: '/m', time: 1000 }];
  const status = (id: string, state: 'ok' | 'missing') =>
    ({
      type: 'checked',
      status: { id, role: 'detector', file: `/m/${id}`, status: state, size: state === 'ok' ? 1 : null, expectedSize: 1, sha256Ok: state === 'ok' ? true : null, license: 'MIT' },
    }) as const;

  it('lists every model with its input and outputs, each checking', () => {
    const s = fold(base);
    expect(s.phase).toBe('checking');
    expect(s.models.map((m) => m.phase)).toEqual(manifest.models.map(() => 'checking'));
    expect(s.models.find((m) => m.id === 'fr_feature')?.input).toBe('3x112x112 RGB');
  });

  it('follows a fetch: missing -> fetching -> bytes -> extract/verify per model -> loading -> ready', () => {
    let s = fold([...base, status(first!.id, 'ok'), status(second!.id, 'missing')]);
    expect(s.models[1]?.phase).toBe('missing');
    s = bootReducer(s, { type: 'fetch', progress: { phase: 'resolve' } });
    expect([s.phase, s.models[0]?.phase, s.models[1]?.phase]).toEqual(['fetching', 'ok', 'fetching']);
    s = bootReducer(s, { type: 'fetch', progress: { phase: 'download', receivedBytes: 10, totalBytes: 40 } });
    expect(s.download).toEqual({ received: 10, total: 40 });
    s = bootReducer(s, { type: 'fetch', progress: { phase: 'extract', model: second!.id } });
    expect(s.models[1]?.phase).toBe('extracting');
    s = bootReducer(s, { type: 'fetch', progress: { phase: 'done' } });
    expect([s.phase, s.download, s.models[1]?.phase, s.models[1]?.sha256Ok]).toEqual(['loading', null, 'ok', true]);
    s = bootReducer(s, { type: 'ready', engine: { modelId: 'fr_feature', dim: 512, workers: 1, fingerprint: 'p1' }, time: 1500 });
    expect([s.phase, s.readyMs]).toEqual(['ready', 500]);
    expect(s.models.every((m) => m.phase === 'ready')).toBe(true);
  });

  it('a failure keeps what is known about each model and records the error', () => {
    const s = fold([...base, status(first!.id, 'missing'), { type: 'failed', error: { code: 'MODEL_FETCH_FAILED', message: 'offline', bug: false } }]);
    expect(s.phase).toBe('failed');
    expect(s.models[0]?.phase).toBe('missing');
    expect(s.models[1]?.phase).toBe('failed');
    expect(s.error?.code).toBe('MODEL_FETCH_FAILED');
  });
});
