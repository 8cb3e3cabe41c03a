import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach } from 'vitest';

/**
 * A fresh real folder under the OS temp dir for each test of the enclosing block, removed
 * after it: `let dir: string; withTempDir('my-test-', (made) => (dir = made));`.
 */
export const withTempDir = (prefix: string, set: (dir: string) => void): void => {
  let current: string | undefined;
  beforeEach(async () => {
    current = await fs.mkdtemp(path.join(os.tmpdir(), prefix));
    set(current);
  });
  afterEach(async () => {
    if (current !== undefined) await fs.rm(current, { recursive: true, force: true });
    current = undefined;
  });
};
