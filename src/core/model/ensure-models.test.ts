import { existsSync } from 'node:fs';
import fs from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFakeRegistry, type FakeRegistry } from '../../../test/support/fake-registry.js';
import { UserError } from '../errors.js';
import { ensureModels } from './ensure-models.js';
import type { FetchProgress } from './fetch-progress.js';
import { withTempDir } from '../../../test/support/temp-dir.js';

if (!existsSync('/proc/self')) console.warn('[ensure-models.test] /proc is absent here: the /proc case is skipped');

let registry: FakeRegistry;
let dir: string;

beforeAll(async () => {
  registry = await startFakeRegistry();
});
afterAll(async () => {
  await registry.close();
});
withTempDir('ensure-models-test-', (made) => (dir = made));

const file = (id: string): string => path.join(dir, `${id}.onnx`);
const expectBytes = async (id: string): Promise<void> => {
  const expected = registry.files[id];
  if (expected === undefined) throw new Error(`no fixture ${id}`);
  expect(Buffer.compare(await fs.readFile(file(id)), expected)).toBe(0);
};
const rejection = (promise: Promise<unknown>): Promise<unknown> =>
  promise.then(
    () => undefined,
    (e: unknown) => e,
  );

describe('ensureModels', () => {
  it('fetches a cold cache and returns verified absolute paths', async () => {
    const paths = await ensureModels({ manifest: registry.manifest, dir, autoFetch: true, env: registry.env });
    expect(paths).toEqual({ fake_detect: file('fake_detect'), fake_embed: file('fake_embed') });
    await expectBytes('fake_detect');
    await expectBytes('fake_embed');
  });

  it('without autoFetch, a missing model is MODEL_MISSING with the fetch hint and nothing is fetched', async () => {
    const before = { ...registry.requests };
    const error = await rejection(ensureModels({ manifest: registry.manifest, dir, autoFetch: false, env: registry.env }));
    expect(error).toBeInstanceOf(UserError);
    expect((error as UserError).code).toBe('MODEL_MISSING');
    expect((error as UserError).hint).toBe('Run `face-auth-tui models fetch`');
    expect((error as UserError).message).toContain('fake_detect is missing');
    expect(registry.requests).toEqual(before);
  });

  it('detects a truncated or altered cached model as corrupt and re-fetches only that one', async () => {
    await ensureModels({ manifest: registry.manifest, dir, autoFetch: true, env: registry.env });

    // Truncated: without autoFetch it is refused, never handed out.
    const detect = registry.files['fake_detect'] ?? Buffer.alloc(0);
    await fs.writeFile(file('fake_detect'), detect.subarray(0, 100));
    const truncated = await rejection(ensureModels({ manifest: registry.manifest, dir, autoFetch: false, env: registry.env }));
    expect((truncated as UserError).code).toBe('MODEL_CORRUPT');
    expect((truncated as UserError).message).toContain('100 of 3000 bytes');
    expect((truncated as UserError).hint).toBe('Run `face-auth-tui models fetch`');

    // Altered, same size: caught by SHA-256.
    const embed = Buffer.from(registry.files['fake_embed'] ?? Buffer.alloc(0));
    embed[17] = (embed[17] ?? 0) ^ 0xff;
    await fs.writeFile(file('fake_embed'), embed);
    const altered = await rejection(
      ensureModels({ manifest: registry.manifest, dir, autoFetch: false, env: registry.env, ids: ['fake_embed'] }),
    );
    expect((altered as UserError).code).toBe('MODEL_CORRUPT');
    expect((altered as UserError).message).toContain('SHA-256 mismatch');

    // With autoFetch both are re-fetched; a good file is left alone.
    const events: FetchProgress[] = [];
    await ensureModels({
      manifest: registry.manifest,
      dir,
      autoFetch: true,
      env: registry.env,
      onProgress: (e) => events.push(e),
    });
    await expectBytes('fake_detect');
    await expectBytes('fake_embed');
    expect(events.filter((e) => e.phase === 'verify').map((e) => e.model)).toEqual(['fake_detect', 'fake_embed']);

    await fs.writeFile(file('fake_detect'), Buffer.alloc(3000));
    const before = (await fs.stat(file('fake_embed'))).mtimeMs;
    events.length = 0;
    await ensureModels({ manifest: registry.manifest, dir, autoFetch: true, env: registry.env, onProgress: (e) => events.push(e) });
    await expectBytes('fake_detect');
    expect(events.filter((e) => e.phase === 'verify').map((e) => e.model)).toEqual(['fake_detect']);
    expect((await fs.stat(file('fake_embed'))).mtimeMs).toBe(before);
  });

  it('two concurrent ensures share one download and leave a sound cache', async () => {
    const before = registry.requests.tarball;
    const [a, b] = await Promise.all([
      ensureModels({ manifest: registry.manifest, dir, autoFetch: true, env: registry.env }),
      ensureModels({ manifest: registry.manifest, dir, autoFetch: true, env: registry.env }),
    ]);
    expect(a).toEqual(b);
    expect(registry.requests.tarball).toBe(before + 1);
    await expectBytes('fake_detect');
    await expectBytes('fake_embed');
    expect((await fs.readdir(dir)).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  });

  it.skipIf(!existsSync('/proc/self'))('with autoFetch, a models folder under /proc is MODEL_FETCH_FAILED at once (verify / embed do not spin)', { timeout: 5_000 }, async () => {
    const error = await rejection(ensureModels({ manifest: registry.manifest, dir: '/proc/nope', autoFetch: true, env: registry.env }));
    expect((error as UserError).code).toBe('MODEL_FETCH_FAILED');
    expect((error as UserError).message).toBe('cannot store the models in /proc/nope: /proc does not accept new folders (ENOENT)');
  });

  it('rejects unknown model ids', async () => {
    const error = await rejection(ensureModels({ manifest: registry.manifest, dir, autoFetch: false, ids: ['nope'] }));
    expect((error as UserError).code).toBe('INVALID_ARGUMENT');
  });
});

describe('ensureModels with a warm cache', () => {
  it('needs no network and no npm: the registry is stopped and npm is unreachable', async () => {
    const local = await startFakeRegistry();
    await ensureModels({ manifest: local.manifest, dir, autoFetch: true, env: local.env });
    await local.close();
    const events: FetchProgress[] = [];
    const paths = await ensureModels({
      manifest: local.manifest,
      dir,
      autoFetch: true,
      env: local.env,
      npmCommand: path.join(dir, 'no-such-npm'),
      onProgress: (e) => events.push(e),
    });
    expect(Object.keys(paths)).toEqual(['fake_detect', 'fake_embed']);
    expect(events).toEqual([]);
    // And a corrupt file now cannot be repaired offline: it is refused, not loaded.
    await fs.writeFile(file('fake_detect'), 'x');
    const error = await rejection(
      ensureModels({ manifest: local.manifest, dir, autoFetch: true, env: local.env }),
    );
    expect((error as UserError).code).toBe('MODEL_FETCH_FAILED');
    expect((error as UserError).hint).toMatch(/models fetch/);
  });
});
