import { existsSync } from 'node:fs';
import fs from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { UserError } from '../errors.js';
import { makeModelsDir } from './models-dir.js';
import { withTempDir } from '../../../test/support/temp-dir.js';

/** /proc refuses new entries with ENOENT although it exists: the case that made Node's recursive mkdir spin. */
const hasProc = existsSync('/proc/self');
if (!hasProc) console.warn('[models-dir.test] /proc is absent here: the /proc case is skipped');

let root: string;
withTempDir('models-dir-test-', (made) => (root = made));

const failure = async (dir: string): Promise<UserError> => {
  const error = await makeModelsDir(dir).then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(UserError);
  const userError = error as UserError;
  expect(userError.code).toBe('MODEL_FETCH_FAILED');
  expect(userError.message).toContain(`cannot store the models in ${dir}: `);
  expect(userError.message).not.toContain('\n');
  expect(userError.hint).toMatch(/models fetch/);
  return userError;
};

describe('makeModelsDir', () => {
  it('makes a missing folder and its parents, and accepts an existing folder or a link to one', { timeout: 10_000 }, async () => {
    const deep = path.join(root, 'a', 'b', 'c');
    await makeModelsDir(deep);
    expect((await fs.stat(deep)).isDirectory()).toBe(true);
    await makeModelsDir(deep);
    const link = path.join(root, 'link');
    await fs.symlink(deep, link);
    await makeModelsDir(link);
    await makeModelsDir(path.join(link, 'd'));
    expect((await fs.stat(path.join(deep, 'd'))).isDirectory()).toBe(true);
  });

  it('a models folder that is a dangling symbolic link names the link and where it points', { timeout: 10_000 }, async () => {
    const link = path.join(root, 'dl');
    const target = path.join(root, 'nonexistent', 'zz');
    await fs.symlink(target, link);
    const error = await failure(link);
    expect(error.message).toBe(`cannot store the models in ${link}: ${link} is a symbolic link to ${target}, which does not exist`);
    expect(error.hint).toContain(`Create ${target}`);
    expect(error.hint).toMatch(/models\.dir/);
    expect(existsSync(target)).toBe(false);
  });

  it('a folder under a dangling symbolic link says its parent is a broken link, not a file in the way', { timeout: 10_000 }, async () => {
    const link = path.join(root, 'dl');
    await fs.symlink('nowhere/zz', link);
    for (const dir of [path.join(link, 'm'), path.join(link, 'm', 'n')]) {
      const error = await failure(dir);
      expect(error.message).toContain(`its parent ${link} is a symbolic link to nowhere/zz (${path.join(root, 'nowhere', 'zz')}), which does not exist`);
      expect(error.message).not.toContain('a file is in the way');
    }
  });

  it('a file in the way (the folder itself or a parent) says so', { timeout: 10_000 }, async () => {
    const file = path.join(root, 'a-file');
    await fs.writeFile(file, 'x');
    expect((await failure(file)).message).toContain('a file is in the way');
    expect((await failure(path.join(file, 'models'))).message).toContain(`a file is in the way (${file} is not a folder)`);
  });

  // Node's own recursive mkdir never settles there: the test's timeout fails it instead.
  it.skipIf(!hasProc)('a folder under /proc (mkdir ENOENT, its parent EEXIST) fails at once instead of looping', { timeout: 10_000 }, async () => {
    expect((await failure('/proc/x')).message).toBe('cannot store the models in /proc/x: /proc does not accept new folders (ENOENT)');
    expect((await failure('/proc/x/y/z')).message).toBe('cannot store the models in /proc/x/y/z: /proc does not accept new folders (ENOENT)');
    expect(existsSync('/proc/x')).toBe(false);
  });
});
