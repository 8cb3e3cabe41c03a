import { existsSync } from 'node:fs';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { buildTarball, startFakeRegistry, type FakeRegistry } from '../../../test/support/fake-registry.js';
import { startLoopbackProxy, type LoopbackProxy } from '../../../test/support/loopback-proxy.js';
import { UserError } from '../errors.js';
import { fetchModels } from './fetch-models.js';
import type { FetchProgress } from './fetch-progress.js';
import { modelStatus } from './model-cache.js';
import { npmProxy } from './npm-pack.js';
import { resolveTarball } from './resolve-tarball.js';

if (!existsSync('/proc/self')) console.warn('[fetch-models.test] /proc is absent here: the /proc case is skipped');

let registry: FakeRegistry;
let dir: string;

beforeAll(async () => {
  registry = await startFakeRegistry();
});
afterAll(async () => {
  await registry.close();
});
beforeEach(async () => {
  dir = await fs.mkdtemp(path.join(os.tmpdir(), 'fetch-models-test-'));
  registry.serveTarball(registry.tarball.bytes);
  registry.reportIntegrity(registry.tarball.integrity);
});
afterEach(async () => {
  await fs.rm(dir, { recursive: true, force: true });
});

/** Everything in the cache dir except the lock. */
const listDir = async (): Promise<string[]> =>
  (await fs.readdir(dir).catch(() => [] as string[])).filter((f) => !f.startsWith('.fetch.lock')).sort();

const expectFetchFailed = async (promise: Promise<unknown>, message: RegExp): Promise<UserError> => {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(UserError);
  const userError = error as UserError;
  expect(userError.code).toBe('MODEL_FETCH_FAILED');
  expect(userError.message).toMatch(message);
  expect(userError.hint).toMatch(/models fetch/);
  return userError;
};

describe('resolveTarball', () => {
  it('asks npm (pointed at the loopback registry by env) for the address and integrity', async () => {
    const resolved = await resolveTarball(registry.manifest.source, { env: registry.env });
    expect(resolved.integrity).toBe(registry.tarball.integrity);
    expect(resolved.tarball.startsWith(registry.url)).toBe(true);
  });

  it('reports an unknown version as MODEL_FETCH_FAILED', async () => {
    await expectFetchFailed(
      resolveTarball({ ...registry.manifest.source, version: '9.9.9' }, { env: registry.env }),
      /npm view .*9\.9\.9 failed: E404/,
    );
  });

  it('reports a missing npm binary', async () => {
    await expectFetchFailed(
      resolveTarball(registry.manifest.source, { env: registry.env, npmCommand: path.join(dir, 'no-such-npm') }),
      /npm was not found/,
    );
  });
});

describe('fetchModels through a loopback registry', () => {
  it('a models folder that cannot be made is a user error naming it and models.dir, not a bug', async () => {
    const blocker = path.join(dir, 'a-file');
    await fs.writeFile(blocker, 'x');
    const inTheWay = await expectFetchFailed(fetchModels({ manifest: registry.manifest, dir: path.join(blocker, 'models'), env: registry.env }), /cannot store the models in .*a-file\/models: a file is in the way/);
    expect(inTheWay.hint).toMatch(/models\.dir/);
    const asFile = await expectFetchFailed(fetchModels({ manifest: registry.manifest, dir: blocker, env: registry.env }), /a file is in the way/);
    expect(asFile.code).toBe('MODEL_FETCH_FAILED');
  });

  it('a models folder that is a dangling symbolic link, or under one, is MODEL_FETCH_FAILED naming the link at once', { timeout: 10_000 }, async () => {
    const link = path.join(dir, 'dl');
    await fs.symlink('/nonexistent/zz', link);
    const before = { ...registry.requests };
    const broken = await expectFetchFailed(fetchModels({ manifest: registry.manifest, dir: link, env: registry.env }), /dl is a symbolic link to \/nonexistent\/zz, which does not exist/);
    expect(broken.hint).toMatch(/models\.dir/);
    await expectFetchFailed(fetchModels({ manifest: registry.manifest, dir: path.join(link, 'm'), env: registry.env }), /dl\/m: its parent .*dl is a symbolic link to \/nonexistent\/zz, which does not exist/);
    expect(registry.requests).toEqual(before);
  });

  it.skipIf(!existsSync('/proc/self'))('a models folder under /proc is MODEL_FETCH_FAILED at once, not a busy loop', { timeout: 5_000 }, async () => {
    const error = await expectFetchFailed(fetchModels({ manifest: registry.manifest, dir: '/proc/x', env: registry.env }), /^cannot store the models in \/proc\/x: \/proc does not accept new folders \(ENOENT\)$/);
    expect(error.hint).toMatch(/FACE_AUTH_MODELS_DIR/);
  });

  it('downloads, verifies and installs exactly the manifest files, reporting progress', async () => {
    const events: FetchProgress[] = [];
    const result = await fetchModels({
      manifest: registry.manifest,
      dir,
      env: registry.env,
      onProgress: (event) => events.push(event),
    });
    expect(result.fetched).toEqual(['fake_detect', 'fake_embed']);
    for (const [id, data] of Object.entries(registry.files)) {
      expect(result.files[id]).toBe(path.join(dir, `${id}.onnx`));
      expect(Buffer.compare(await fs.readFile(path.join(dir, `${id}.onnx`)), data)).toBe(0);
    }
    // Only the models: no package.json, README, unused.onnx, temp files or tarball.
    expect(await listDir()).toEqual(['fake_detect.onnx', 'fake_embed.onnx']);

    const phases = events.map((e) => e.phase);
    expect(phases[0]).toBe('resolve');
    expect(phases.at(-1)).toBe('done');
    const downloads = events.filter((e) => e.phase === 'download');
    expect(downloads.length).toBeGreaterThanOrEqual(2);
    const last = downloads.at(-1);
    expect(last?.receivedBytes).toBe(registry.tarball.bytes.length);
    expect(last?.totalBytes).toBe(registry.tarball.bytes.length);
    expect(events.filter((e) => e.phase === 'verify').map((e) => e.model)).toEqual(['fake_detect', 'fake_embed']);
    expect(events.filter((e) => e.phase === 'extract').map((e) => e.model).sort()).toEqual(['fake_detect', 'fake_embed']);

    const statuses = await modelStatus(registry.manifest, dir);
    expect(statuses.map((s) => s.status)).toEqual(['ok', 'ok']);
  });

  it('skips the network when everything already verifies, unless forced', async () => {
    await fetchModels({ manifest: registry.manifest, dir, env: registry.env });
    const before = { ...registry.requests };
    const again = await fetchModels({ manifest: registry.manifest, dir, env: registry.env });
    expect(again.fetched).toEqual([]);
    expect(registry.requests).toEqual(before);
    const forced = await fetchModels({ manifest: registry.manifest, dir, env: registry.env, force: true });
    expect(forced.fetched).toEqual(['fake_detect', 'fake_embed']);
    expect(registry.requests.tarball).toBe(before.tarball + 1);
  });

  it('removes temp files a crashed fetch left behind (old ones only)', async () => {
    const stale = path.join(dir, '.fake_detect.onnx.4242.deadbeef.tmp');
    const recent = path.join(dir, '.fake_embed.onnx.4243.cafebabe.tmp');
    await fs.writeFile(stale, 'half a model');
    await fs.writeFile(recent, 'someone else, just now');
    const anHourAgo = new Date(Date.now() - 3_600_000);
    await fs.utimes(stale, anHourAgo, anHourAgo);
    await fetchModels({ manifest: registry.manifest, dir, env: registry.env });
    expect(await listDir()).toEqual(['.fake_embed.onnx.4243.cafebabe.tmp', 'fake_detect.onnx', 'fake_embed.onnx']);
  });

  it('fetches only the requested ids', async () => {
    const result = await fetchModels({ manifest: registry.manifest, dir, env: registry.env, ids: ['fake_embed'] });
    expect(result.fetched).toEqual(['fake_embed']);
    expect(await listDir()).toEqual(['fake_embed.onnx']);
  });

  it('refuses a tarball whose bytes differ from the pinned integrity, and writes nothing', async () => {
    const altered = await buildTarball([{ path: 'package/model/fake_detect.onnx', data: Buffer.from('evil') }]);
    registry.serveTarball(altered.bytes);
    const tarballsBefore = registry.requests.tarball;
    await expectFetchFailed(
      fetchModels({ manifest: registry.manifest, dir, env: registry.env }),
      /does not match its pinned integrity/,
    );
    expect(registry.requests.tarball).toBe(tarballsBefore + 1);
    expect(await listDir()).toEqual([]);
  });

  it('refuses before downloading when npm reports another integrity than the manifest pins', async () => {
    const other = await buildTarball([]);
    registry.reportIntegrity(other.integrity);
    const tarballsBefore = registry.requests.tarball;
    await expectFetchFailed(
      fetchModels({ manifest: registry.manifest, dir, env: registry.env }),
      /differs from the one pinned in the manifest/,
    );
    expect(registry.requests.tarball).toBe(tarballsBefore);
    expect(await listDir()).toEqual([]);
  });

  it('refuses when a file in a genuine tarball does not match its pinned SHA-256, and writes none of them', async () => {
    const [first, second] = registry.manifest.models;
    if (first === undefined || second === undefined) throw new Error('fixture');
    const manifest = { ...registry.manifest, models: [first, { ...second, sha256: '0'.repeat(64) }] };
    await expectFetchFailed(fetchModels({ manifest, dir, env: registry.env }), /fake_embed .* does not match the manifest/);
    expect(await listDir()).toEqual([]);
  });

  it('refuses when a manifest path is not in the tarball', async () => {
    const [first] = registry.manifest.models;
    if (first === undefined) throw new Error('fixture');
    const manifest = { ...registry.manifest, models: [{ ...first, path: 'package/model/absent.onnx' }] };
    await expectFetchFailed(fetchModels({ manifest, dir, env: registry.env }), /absent\.onnx is not in the tarball/);
    expect(await listDir()).toEqual([]);
  });

  it('reports an unreachable tarball as MODEL_FETCH_FAILED', async () => {
    const manifest = { ...registry.manifest, source: { ...registry.manifest.source, version: '9.9.9' } };
    await expectFetchFailed(fetchModels({ manifest, dir, env: registry.env }), /E404/);
  });
});

describe('fetchModels when npm has a proxy (only the proxy reaches the registry)', () => {
  let proxy: LoopbackProxy;
  let npmCache: string;
  const tarballPath = '/fake-face-models/-/fake-face-models-1.0.0.tgz';
  beforeEach(async () => {
    proxy = await startLoopbackProxy();
    // An npm cache without the tarball, so that npm has to fetch it.
    npmCache = await fs.mkdtemp(path.join(os.tmpdir(), 'fetch-models-npm-cache-'));
  });
  afterEach(async () => {
    await proxy.close();
    await fs.rm(npmCache, { recursive: true, force: true });
  });

  it('asks npm for its proxy: npm config (https-proxy, then proxy), else the environment as npm reads it', async () => {
    const env = { ...registry.env, npm_config_cache: npmCache };
    expect(await npmProxy(`${registry.url}x.tgz`, { env })).toBeNull();
    expect(await npmProxy(`${registry.url}x.tgz`, { env: { ...env, npm_config_proxy: proxy.url } })).toBe(proxy.url);
    expect(await npmProxy('https://registry.example/x.tgz', { env: { ...env, npm_config_https_proxy: 'http://127.0.0.1:9', npm_config_proxy: proxy.url } })).toBe('http://127.0.0.1:9');
    expect(await npmProxy('https://registry.example/x.tgz', { env: { ...env, HTTPS_PROXY: proxy.url } })).toBe(proxy.url);
    // As npm does: HTTP_PROXY serves http addresses only.
    expect(await npmProxy('https://registry.example/x.tgz', { env: { ...env, HTTP_PROXY: proxy.url } })).toBeNull();
    expect(await npmProxy(`${registry.url}x.tgz`, { env: { ...env, http_proxy: proxy.url } })).toBe(proxy.url);
  });

  it('npm downloads the tarball (npm pack) through its proxy; the pinned integrity and every SHA-256 are still checked; phases, no byte progress', async () => {
    const events: FetchProgress[] = [];
    const tarballsBefore = registry.requests.tarball;
    // For an http:// registry npm uses its `proxy` setting.
    const env = { ...registry.env, npm_config_cache: npmCache, npm_config_proxy: proxy.url };
    const result = await fetchModels({ manifest: registry.manifest, dir, env, onProgress: (event) => events.push(event) });
    expect(result.fetched).toEqual(['fake_detect', 'fake_embed']);
    for (const [id, data] of Object.entries(registry.files)) expect(Buffer.compare(await fs.readFile(path.join(dir, `${id}.onnx`)), data)).toBe(0);
    expect(await listDir()).toEqual(['fake_detect.onnx', 'fake_embed.onnx']);
    // The proxy saw the tarball request, and it was the only one the registry got.
    expect(proxy.requests.filter((r) => r === `GET ${registry.url.replace(/\/$/, '')}${tarballPath}`)).toHaveLength(1);
    expect(registry.requests.tarball).toBe(tarballsBefore + 1);
    expect(events.filter((e) => e.phase === 'download')).toEqual([
      { phase: 'download', via: 'npm' },
      { phase: 'download', via: 'npm', receivedBytes: registry.tarball.bytes.length, totalBytes: registry.tarball.bytes.length },
    ]);
    expect(events.filter((e) => e.phase === 'verify').map((e) => e.model)).toEqual(['fake_detect', 'fake_embed']);
    expect(events.at(-1)?.phase).toBe('done');
  });

  it('HTTPS_PROXY in the environment counts too; altered bytes are refused and nothing is written', async () => {
    const env = { ...registry.env, npm_config_cache: npmCache, HTTPS_PROXY: proxy.url };
    const altered = await buildTarball([{ path: 'package/model/fake_detect.onnx', data: Buffer.from('evil') }]);
    registry.serveTarball(altered.bytes);
    await expectFetchFailed(fetchModels({ manifest: registry.manifest, dir, env }), /npm pack fake-face-models@1\.0\.0 failed: EINTEGRITY .*integrity checksum failed/);
    expect(proxy.requests.some((r) => r.endsWith(tarballPath))).toBe(true);
    expect(await listDir()).toEqual([]);
    registry.serveTarball(registry.tarball.bytes);
    const result = await fetchModels({ manifest: registry.manifest, dir, env });
    expect(result.fetched).toEqual(['fake_detect', 'fake_embed']);
  });
});
