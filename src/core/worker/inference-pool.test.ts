import { spawn } from 'node:child_process';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
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
  it('lets running requests finish and stops the workers without aborting the process', async () => {
    // Delays that land inside model runs (they aborted the process 1 time in 2 before).
    for (const delay of [60, 90, 120, 180]) {
      const { code, stdout } = await run(delay);
      expect(code, `delay ${delay} ms`).toBe(0);
      expect(stdout).toMatch(/closed cleanly: \d+ finished, \d+ refused/);
    }
  });
});
