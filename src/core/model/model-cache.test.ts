import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { defaultFakeFiles, fakeManifest } from '../../../test/support/fake-registry.js';
import { parseConfig } from '../config/load-config.js';
import { modelStatus, resolveModelDir } from './model-cache.js';
import { withTempDir } from '../../../test/support/temp-dir.js';

describe('resolveModelDir', () => {
  const defaults = parseConfig({});
  it('uses FACE_AUTH_MODELS_DIR, then config.models.dir, then the XDG cache', () => {
    expect(resolveModelDir(defaults, { XDG_CACHE_HOME: '/x/cache' })).toBe('/x/cache/face-auth-tui/models');
    const configured = parseConfig({ models: { dir: '/data/models' } });
    expect(resolveModelDir(configured, { XDG_CACHE_HOME: '/x/cache' })).toBe('/data/models');
    expect(resolveModelDir(configured, { FACE_AUTH_MODELS_DIR: '/ci/models' })).toBe('/ci/models');
    expect(resolveModelDir(parseConfig({ models: { dir: '~/m' } }), {})).toBe(path.join(os.homedir(), 'm'));
  });
});

describe('modelStatus', () => {
  let dir: string;
  withTempDir('model-cache-test-', (made) => (dir = made));

  it('tells ok, missing, truncated and altered files apart', async () => {
    const files = [...defaultFakeFiles(), { id: 'fake_mark', role: 'landmarks' as const, path: 'package/model/fake_mark.onnx', data: Buffer.from('landmarks!') }];
    const manifest = fakeManifest(files, { package: 'p', version: '1.0.0', integrity: `sha512-${'A'.repeat(86)}==` });
    const [detect, embed] = files;
    if (detect === undefined || embed === undefined) throw new Error('fixture');
    await fs.writeFile(path.join(dir, 'fake_detect.onnx'), detect.data.subarray(0, 10));
    const altered = Buffer.from(embed.data);
    altered[0] = (altered[0] ?? 0) ^ 1;
    await fs.writeFile(path.join(dir, 'fake_embed.onnx'), altered);

    let statuses = await modelStatus(manifest, dir);
    expect(statuses).toEqual([
      { id: 'fake_detect', role: 'detector', file: path.join(dir, 'fake_detect.onnx'), status: 'corrupt', size: 10, expectedSize: 3000, sha256Ok: false, license: 'MIT' },
      { id: 'fake_embed', role: 'embedder', file: path.join(dir, 'fake_embed.onnx'), status: 'corrupt', size: 5000, expectedSize: 5000, sha256Ok: false, license: 'MIT' },
      { id: 'fake_mark', role: 'landmarks', file: path.join(dir, 'fake_mark.onnx'), status: 'missing', size: null, expectedSize: 10, sha256Ok: null, license: 'MIT' },
    ]);

    await fs.writeFile(path.join(dir, 'fake_detect.onnx'), detect.data);
    await fs.writeFile(path.join(dir, 'fake_embed.onnx'), embed.data);
    await fs.mkdir(path.join(dir, 'fake_mark.onnx'));
    statuses = await modelStatus(manifest, dir);
    expect(statuses.map((s) => [s.status, s.sha256Ok])).toEqual([['ok', true], ['ok', true], ['corrupt', false]]);
  });
});
