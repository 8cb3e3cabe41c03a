import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { BugError } from '../errors.js';
import { defaultManifestPath, loadManifest, modelById, modelByRole, modelFileName, parseManifest } from './manifest.js';

describe('the shipped manifest', () => {
  it('parses, with the four roles and pinned hashes', async () => {
    const manifest = await loadManifest();
    expect(manifest.source.package).toBe('faceplugin-face-recognition-js');
    expect(manifest.source.integrity).toMatch(/^sha512-/);
    expect(manifest.models.map((m) => m.role).sort()).toEqual(['detector', 'embedder', 'landmarks', 'liveness']);
    const embedder = modelById(manifest, 'fr_feature');
    expect(embedder.alignment?.template).toHaveLength(5);
    expect(modelByRole(manifest, 'liveness').experimental).toBe(true);
    expect(modelFileName(embedder)).toBe('fr_feature.onnx');
    expect(() => modelById(manifest, 'nope')).toThrow(BugError);
  });

  it('resolves from this module to <repo>/models/manifest.json, or FACE_AUTH_MANIFEST', () => {
    expect(defaultManifestPath({})).toBe(path.resolve(import.meta.dirname, '..', '..', '..', 'models', 'manifest.json'));
    expect(defaultManifestPath({ FACE_AUTH_MANIFEST: '/tmp/m.json' })).toBe('/tmp/m.json');
  });
});

describe('parseManifest', () => {
  const valid = async () => JSON.parse(await fs.readFile(defaultManifestPath({}), 'utf8')) as { models: Array<Record<string, unknown>> };

  it('rejects a bad SHA-256, an escaping path, a duplicate id and mismatched mean/std', async () => {
    const cases: Array<[string, (m: { models: Array<Record<string, unknown>> }) => void, RegExp]> = [
      ['sha', (m) => void (m.models[0] = { ...m.models[0], sha256: 'abc' }), /models\.0\.sha256/],
      ['path', (m) => void (m.models[0] = { ...m.models[0], path: '../etc/passwd' }), /models\.0\.path/],
      ['dup', (m) => void (m.models[1] = { ...m.models[1], id: m.models[0]?.['id'] }), /duplicate id/],
      ['unknown key', (m) => void (m.models[0] = { ...m.models[0], sha265: 'x' }), /models\.0/],
      [
        'mean',
        (m) => void (m.models[0] = { ...m.models[0], input: { ...(m.models[0]?.['input'] as object), mean: [0] } }),
        /one value per channel/,
      ],
    ];
    for (const [, mutate, message] of cases) {
      const raw = await valid();
      mutate(raw);
      expect(() => parseManifest(raw)).toThrow(message);
    }
  });

  it('loadManifest reads another file', async () => {
    const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'manifest-test-'));
    try {
      const raw = await valid();
      raw.models = raw.models.slice(0, 1);
      await fs.writeFile(path.join(dir, 'm.json'), JSON.stringify(raw));
      const manifest = await loadManifest(path.join(dir, 'm.json'));
      expect(manifest.models.map((m) => m.id)).toEqual(['fr_detect']);
      await expect(loadManifest(path.join(dir, 'absent.json'))).rejects.toMatchObject({ code: 'MODEL_MISSING' });
    } finally {
      await fs.rm(dir, { recursive: true, force: true });
    }
  });
});
