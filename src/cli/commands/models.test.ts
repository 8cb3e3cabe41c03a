import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFakeRegistry, type FakeRegistry } from '../../../test/support/fake-registry.js';
import { startLoopbackProxy } from '../../../test/support/loopback-proxy.js';
import { formatBytes } from '../../core/format-bytes.js';
import type { ModelStatus } from '../../core/model/model-cache.js';
import { main } from '../main.js';
import type { Output } from '../output.js';

const capture = (): Output & { stdout: string[]; stderr: string[] } => {
  const stdout: string[] = [];
  const stderr: string[] = [];
  return { stdout, stderr, out: (text) => void stdout.push(text), err: (text) => void stderr.push(text) };
};

let registry: FakeRegistry;
let work: string;
let dir: string;
const savedEnv = { ...process.env };

beforeAll(async () => {
  registry = await startFakeRegistry();
  work = await fs.mkdtemp(path.join(os.tmpdir(), 'models-cli-test-'));
  dir = path.join(work, 'cache');
  const manifestFile = path.join(work, 'manifest.json');
  await fs.writeFile(manifestFile, JSON.stringify(registry.manifest));
  // This test file runs in its own process (pool: forks), so env changes stay here.
  Object.assign(process.env, registry.env, { FACE_AUTH_MANIFEST: manifestFile, FACE_AUTH_MODELS_DIR: dir });
});
afterAll(async () => {
  process.env = savedEnv;
  process.exitCode = 0;
  await registry.close();
  await fs.rm(work, { recursive: true, force: true });
});

describe('face-auth-tui models', () => {
  it('fetch --json: progress on stderr, only the final status array on stdout', async () => {
    const output = capture();
    const code = await main(['models', 'fetch', '--json'], output);
    expect(output.stderr.join('\n')).not.toContain('error');
    expect(code).toBe(0);
    expect(output.stdout).toHaveLength(1);
    const statuses = JSON.parse(output.stdout[0] ?? '') as ModelStatus[];
    expect(statuses.map((s) => [s.id, s.status])).toEqual([
      ['fake_detect', 'ok'],
      ['fake_embed', 'ok'],
    ]);
    const stderr = output.stderr.join('\n');
    expect(stderr).toMatch(/downloading: .* \(100%\)/);
    expect(stderr).toContain('verifying fake_detect');
    expect(stderr).toContain('fetched fake_detect, fake_embed');
  });

  it('lists the cached models as JSON and exits 0', async () => {
    const output = capture();
    const code = await main(['models', '--json'], output);
    expect(code).toBe(0);
    const statuses = JSON.parse(output.stdout.join('\n')) as ModelStatus[];
    expect(statuses).toEqual([
      { id: 'fake_detect', role: 'detector', file: path.join(dir, 'fake_detect.onnx'), status: 'ok', size: 3000, expectedSize: 3000, sha256Ok: true, license: 'MIT' },
      { id: 'fake_embed', role: 'embedder', file: path.join(dir, 'fake_embed.onnx'), status: 'ok', size: 5000, expectedSize: 5000, sha256Ok: true, license: 'MIT' },
    ]);
    expect(output.stderr).toEqual([]);
  });

  it('exits 1 and says to run `models fetch` when a model is corrupt; the table names it', async () => {
    await fs.writeFile(path.join(dir, 'fake_embed.onnx'), 'truncated');
    const output = capture();
    const code = await main(['models'], output);
    expect(code).toBe(1);
    const table = output.stdout.join('\n');
    expect(table).toMatch(/fake_detect\s+detector\s+ok\s+3\.0 kB\s+MIT\s+\S*fake_detect\.onnx/);
    expect(table).toMatch(/fake_embed\s+embedder\s+corrupt\s+9 B \/ 5\.0 kB/);
    expect(output.stderr.join('\n')).toContain('run `face-auth-tui models fetch`');

    const fixed = capture();
    expect(await main(['models', 'fetch'], fixed)).toBe(0);
    expect(fixed.stderr.join('\n')).toContain('fetched fake_embed');
    expect(await main(['models'], capture())).toBe(0);
  });

  it('fetch through npm when npm has a proxy: phases on stderr, no byte progress; the proxy saw the tarball', async () => {
    const proxy = await startLoopbackProxy();
    process.env['npm_config_proxy'] = proxy.url;
    try {
      const output = capture();
      expect(await main(['models', 'fetch', '--force'], output)).toBe(0);
      const stderr = output.stderr.join('\n');
      expect(stderr).toContain('downloading the model package through npm (npm has a proxy; no byte progress)');
      expect(stderr).toContain(`downloaded ${formatBytes(registry.tarball.bytes.length)} through npm`);
      expect(stderr).not.toMatch(/downloading: /);
      expect(stderr).toContain('fetched fake_detect, fake_embed');
      expect(proxy.requests.some((r) => r.endsWith('.tgz'))).toBe(true);
    } finally {
      delete process.env['npm_config_proxy'];
      await proxy.close();
    }
  });

  it('exits 2 with MODEL_FETCH_FAILED and the hint when the registry refuses', async () => {
    registry.reportIntegrity(`sha512-${'B'.repeat(86)}==`);
    try {
      const output = capture();
      const code = await main(['models', 'fetch', '--force', '--json'], output);
      expect(code).toBe(2);
      // --json: the error is JSON on stdout too, for the script reading it.
      expect(JSON.parse(output.stdout.join('\n'))).toMatchObject({ error: { code: 'MODEL_FETCH_FAILED' } });
      expect(output.stderr.join('\n')).toMatch(/error \[MODEL_FETCH_FAILED\][\s\S]*models fetch/);
    } finally {
      registry.reportIntegrity(registry.tarball.integrity);
    }
  });
});
