import { spawn } from 'node:child_process';
import path from 'node:path';
import type { Worker } from 'node:worker_threads';
import { describe, expect, it } from 'vitest';
import { parseConfig } from '../config/load-config.js';
import { UserError } from '../errors.js';
import { workerInit } from '../face-engine.js';
import { loadManifest } from '../model/manifest.js';
import { createInferenceWorker, InferencePool } from './inference-pool.js';
import type { WorkerInit } from './protocol.js';
import { facePath, referenceFace, repoRoot, requireSharedFaces } from '../../../test/support/faces.js';

const available = requireSharedFaces();

const run = (delayMs: number): Promise<{ code: number | null; stdout: string }> =>
  new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', path.join(repoRoot, 'test/support/close-during-run.ts'), facePath(referenceFace), String(delayMs)], {
      cwd: repoRoot,
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let stdout = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout }));
  });

describe.runIf(available)('closing the inference pool', () => {
  it('stops running requests at their next stage and the workers without aborting the process', async () => {
    // Delays that land inside model runs (they aborted the process 1 time in 2 before).
    for (const delay of [60, 90, 120, 180]) {
      const { code, stdout } = await run(delay);
      expect(code, `delay ${delay} ms`).toBe(0);
      expect(stdout).toMatch(/closed cleanly in \d+ ms: \d+ finished, \d+ refused/);
    }
  });
});

const realInit = async (): Promise<WorkerInit> => workerInit(await loadManifest(), { config: parseConfig({}) });

const embedRef = (pool: InferencePool) => pool.run('embed', { source: { file: facePath(referenceFace) }, options: {} });

describe.runIf(available)('a worker that dies', () => {
  it('fails its running request with WORKER_FAILED and is replaced by a new worker', async () => {
    const workers: Worker[] = [];
    const pool = await InferencePool.start(await realInit(), {
      size: 1,
      createWorker: (init) => {
        const worker = createInferenceWorker(init);
        workers.push(worker);
        return worker;
      },
    });
    try {
      expect((await embedRef(pool)).embedding).toHaveLength(512);
      // A request the worker has no handler for throws inside the worker: an uncaught
      // exception that really kills the thread (outside any native call, so deterministic).
      const fatal = pool.run('no-such-task' as 'ping', {});
      await expect(fatal).rejects.toMatchObject({ code: 'WORKER_FAILED' });
      const after = await embedRef(pool); // waits in the queue for the replacement
      expect(after.embedding).toHaveLength(512);
      expect(workers).toHaveLength(2);
    } finally {
      await pool.close();
    }
  });

  it('refuses requests at once when no replacement can start, and closes cleanly', async () => {
    const init = await realInit();
    const detector = init.models.detector;
    if (detector === undefined) throw new Error('no detector in the manifest');
    const broken: WorkerInit = { ...init, models: { ...init.models, detector: { ...detector, path: '/nonexistent/model.onnx' } } };
    const workers: Worker[] = [];
    const pool = await InferencePool.start(init, {
      size: 1,
      createWorker: (i) => {
        const worker = createInferenceWorker(workers.length === 0 ? i : broken);
        workers.push(worker);
        return worker;
      },
    });
    try {
      await expect(pool.run('no-such-task' as 'ping', {})).rejects.toMatchObject({ code: 'WORKER_FAILED' });
      // The replacement fails to load its model; from then on requests fail fast.
      const deadline = Date.now() + 20_000;
      let error: unknown;
      while (Date.now() < deadline) {
        error = await embedRef(pool).then(() => undefined, (e: unknown) => e);
        if (error instanceof UserError && /no inference worker is running/.test(error.message)) break;
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
      expect(error).toBeInstanceOf(UserError);
      expect((error as UserError).code).toBe('WORKER_FAILED');
      expect((error as UserError).message).toMatch(/no inference worker is running/);
    } finally {
      await pool.close();
    }
    expect(pool.size).toBe(0);
  });
});
