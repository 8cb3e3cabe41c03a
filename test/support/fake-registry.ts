/**
 * A loopback npm registry for model-fetch tests: serves one package's metadata
 * document (what `npm view` asks for) and a tarball built at run time with the
 * `tar` package, holding tiny fake "model" files. Nothing leaves 127.0.0.1.
 */
import { createHash, randomBytes } from 'node:crypto';
import fs from 'node:fs/promises';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { create as createTar } from 'tar';
import { parseManifest, type Manifest, type ModelRole } from '../../src/core/model/manifest.js';

export interface FakeModelFile {
  readonly id: string;
  readonly role: ModelRole;
  /** Path inside the tarball. */
  readonly path: string;
  readonly data: Buffer;
}

export interface FakeTarball {
  readonly bytes: Buffer;
  /** SRI sha512 of the bytes, as npm reports it. */
  readonly integrity: string;
}

export interface FakeRegistry {
  /** http://127.0.0.1:<port>/ */
  readonly url: string;
  /** Env for the npm child: npm_config_registry pointing here, a private npm cache. */
  readonly env: NodeJS.ProcessEnv;
  /** A manifest pinning the fake package's integrity and the files' sizes and SHA-256. */
  readonly manifest: Manifest;
  readonly files: Record<string, Buffer>;
  readonly tarball: FakeTarball;
  readonly requests: { packument: number; tarball: number };
  /** Serve other tarball bytes (the metadata keeps reporting the original integrity). */
  serveTarball(bytes: Buffer): void;
  /** Make the metadata report another integrity. */
  reportIntegrity(integrity: string): void;
  close(): Promise<void>;
}

export const sriSha512 = (bytes: Buffer): string => `sha512-${createHash('sha512').update(bytes).digest('base64')}`;
export const sha256Hex = (bytes: Buffer): string => createHash('sha256').update(bytes).digest('hex');

/** Build a gzipped npm-style tarball (everything under package/) with the given files plus some noise. */
export const buildTarball = async (files: ReadonlyArray<{ path: string; data: Buffer }>, name = 'fake-face-models'): Promise<FakeTarball> => {
  const work = await fs.mkdtemp(path.join(os.tmpdir(), 'fake-tarball-'));
  try {
    const all = [
      { path: 'package/package.json', data: Buffer.from(JSON.stringify({ name, version: '1.0.0', license: 'MIT' })) },
      { path: 'package/README.md', data: Buffer.from('# fake models\n') },
      { path: 'package/model/unused.onnx', data: randomBytes(2048) },
      ...files,
    ];
    for (const file of all) {
      await fs.mkdir(path.join(work, path.dirname(file.path)), { recursive: true });
      await fs.writeFile(path.join(work, file.path), file.data);
    }
    const out = path.join(work, 'out.tgz');
    await createTar({ gzip: true, portable: true, cwd: work, file: out }, ['package']);
    const bytes = await fs.readFile(out);
    return { bytes, integrity: sriSha512(bytes) };
  } finally {
    await fs.rm(work, { recursive: true, force: true });
  }
};

const nchw = (channels: number, height: number, width: number) => ({
  name: 'input',
  shape: [1, channels, height, width],
  layout: 'NCHW' as const,
  colorOrder: 'RGB' as const,
  mean: Array.from({ length: channels }, () => 127),
  std: Array.from({ length: channels }, () => 128),
});

/** Two tiny fake models (a few kB of random bytes each). */
export const defaultFakeFiles = (): FakeModelFile[] => [
  { id: 'fake_detect', role: 'detector', path: 'package/model/fake_detect.onnx', data: randomBytes(3000) },
  { id: 'fake_embed', role: 'embedder', path: 'package/model/fake_embed.onnx', data: randomBytes(5000) },
];

/** A valid manifest pinning these files inside a package with this integrity. */
export const fakeManifest = (
  files: readonly FakeModelFile[],
  source: { package: string; version: string; integrity: string },
): Manifest =>
  parseManifest({
    source: { ...source, license: 'MIT' },
    models: files.map((file) => ({
      id: file.id,
      role: file.role,
      path: file.path,
      sha256: sha256Hex(file.data),
      size: file.data.length,
      license: 'MIT',
      input: nchw(3, 32, 32),
      outputs: [{ name: 'output', shape: [1, 8] }],
    })),
  });

export const startFakeRegistry = async (
  options: { files?: FakeModelFile[]; packageName?: string; version?: string } = {},
): Promise<FakeRegistry> => {
  const name = options.packageName ?? 'fake-face-models';
  const version = options.version ?? '1.0.0';
  const files = options.files ?? defaultFakeFiles();
  const tarball = await buildTarball(files, name);
  const npmCache = await fs.mkdtemp(path.join(os.tmpdir(), 'fake-registry-npm-cache-'));
  let served = tarball.bytes;
  let reported = tarball.integrity;
  const requests = { packument: 0, tarball: 0 };
  const tarballPath = `/${name}/-/${name}-${version}.tgz`;

  const server = http.createServer((req, res) => {
    const { port } = server.address() as AddressInfo;
    const base = `http://127.0.0.1:${port}`;
    if (req.method === 'GET' && req.url === `/${name}`) {
      requests.packument += 1;
      const body = JSON.stringify({
        name,
        'dist-tags': { latest: version },
        versions: {
          [version]: { name, version, license: 'MIT', dist: { tarball: `${base}${tarballPath}`, integrity: reported } },
        },
      });
      res.writeHead(200, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) });
      res.end(body);
      return;
    }
    if (req.method === 'GET' && req.url === tarballPath) {
      requests.tarball += 1;
      res.writeHead(200, { 'content-type': 'application/octet-stream', 'content-length': served.length });
      res.end(served);
      return;
    }
    res.writeHead(404, { 'content-type': 'application/json' });
    res.end('{"error":"not found"}');
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  const url = `http://127.0.0.1:${port}/`;

  return {
    url,
    env: {
      npm_config_registry: url,
      npm_config_cache: npmCache,
      npm_config_fetch_retries: '0',
      npm_config_update_notifier: 'false',
    },
    manifest: fakeManifest(files, { package: name, version, integrity: tarball.integrity }),
    files: Object.fromEntries(files.map((f) => [f.id, f.data])),
    tarball,
    requests,
    serveTarball: (bytes) => {
      served = bytes;
    },
    reportIntegrity: (integrity) => {
      reported = integrity;
    },
    close: async () => {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await fs.rm(npmCache, { recursive: true, force: true });
    },
  };
};
