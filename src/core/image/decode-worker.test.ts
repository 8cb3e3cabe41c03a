import fs from 'node:fs/promises';
import { Worker } from 'node:worker_threads';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { facePath, referenceFace, requireSharedFaces } from '../../../test/support/faces.js';
import type { SerializedError } from '../errors.js';
import { decodeImage, type DecodeLimits } from './sharp-codec.js';

const limits: DecodeLimits = { maxPixels: 64_000_000, minSide: 32, background: [255, 255, 255] };

type Reply =
  | { ok: true; width: number; height: number; channels: number; format: string; sum: number; data: Uint8Array }
  | { ok: false; error: SerializedError };

describe.runIf(requireSharedFaces())('decodeImage in a worker thread', () => {
  let worker: Worker;
  const ask = (bytes: Uint8Array): Promise<Reply> =>
    new Promise((resolve, reject) => {
      worker.once('message', resolve);
      worker.once('error', reject);
      worker.postMessage({ bytes, limits });
    });

  beforeAll(() => {
    // The main thread has loaded sharp already (this file imports sharp-codec): see lovell/sharp#2263.
    // On Node 20, `execArgv: ['--import', 'tsx']` does not apply tsx to a .ts worker entry
    // ("Unknown file extension .ts"), so the worker registers tsx itself, then imports the entry.
    const entry = new URL('../../../test/support/decode-worker.ts', import.meta.url).href;
    const bootstrap = `import('tsx/esm/api').then(({ register }) => { register(); return import(${JSON.stringify(entry)}); })`;
    worker = new Worker(bootstrap, { eval: true });
  });
  afterAll(async () => {
    await worker.terminate();
  });

  it('decodes a real photo to the same pixels as the main thread, and reports bad input as a UserError', async () => {
    const bytes = new Uint8Array(await fs.readFile(facePath(referenceFace)));
    const [inWorker, inMain] = await Promise.all([ask(bytes), decodeImage(bytes, limits)]);
    expect(inWorker.ok).toBe(true);
    if (!inWorker.ok) return;
    expect([inWorker.width, inWorker.height, inWorker.channels, inWorker.format]).toEqual([inMain.width, inMain.height, 3, 'jpeg']);
    expect(Buffer.from(inWorker.data).equals(Buffer.from(inMain.data))).toBe(true);

    const bad = await ask(bytes.subarray(0, 5000));
    expect(bad).toMatchObject({ ok: false, error: { kind: 'user', code: 'CORRUPT_IMAGE' } });
  });
});
