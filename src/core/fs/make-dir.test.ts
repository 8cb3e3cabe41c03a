import { existsSync } from 'node:fs';
import fs from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { makeDir } from './make-dir.js';
import { withTempDir } from '../../../test/support/temp-dir.js';

let root: string;
withTempDir('make-dir-test-', (made) => (root = made));

describe('makeDir', () => {
  it('makes a missing folder and its parents with the mode asked for, and accepts an existing folder or a link to one', async () => {
    const deep = path.join(root, 'a', 'b', 'c');
    await makeDir(deep, 0o700);
    for (const level of [path.join(root, 'a'), path.join(root, 'a', 'b'), deep]) {
      const stats = await fs.stat(level);
      expect(stats.isDirectory()).toBe(true);
      expect(stats.mode & 0o777).toBe(0o700);
    }
    await makeDir(deep);
    const link = path.join(root, 'link');
    await fs.symlink(deep, link);
    await makeDir(link);
    await makeDir(path.join(link, 'd'));
    expect((await fs.stat(path.join(deep, 'd'))).isDirectory()).toBe(true);
    await makeDir('/');
  });

  it('makes a relative path from the working folder', async () => {
    const relative = path.relative(process.cwd(), path.join(root, 'r', 's'));
    await makeDir(relative);
    expect((await fs.stat(path.join(root, 'r', 's'))).isDirectory()).toBe(true);
  });

  it('rejects with the errno: a file in the way (EEXIST), a file as a parent (ENOTDIR), a dangling link (EEXIST)', async () => {
    const file = path.join(root, 'a-file');
    await fs.writeFile(file, 'x');
    await expect(makeDir(file)).rejects.toMatchObject({ code: 'EEXIST' });
    await expect(makeDir(path.join(file, 'sub', 'deeper'))).rejects.toMatchObject({ code: 'ENOTDIR' });
    const dangling = path.join(root, 'dangling');
    await fs.symlink(path.join(root, 'nowhere'), dangling);
    await expect(makeDir(dangling)).rejects.toMatchObject({ code: 'EEXIST' });
    expect(existsSync(path.join(root, 'nowhere'))).toBe(false);
  });

  // Node 20's fs.mkdir(dir, { recursive: true }) never settles here: the vitest timeout is the guard.
  it('rejects at once with ENOENT under a folder that exists but refuses new entries (/proc)', { timeout: 10_000 }, async (ctx) => {
    ctx.skip(!existsSync('/proc/self'), '/proc is absent here');
    const folder = `/proc/make-dir-test-${process.pid}`;
    await expect(makeDir(folder)).rejects.toMatchObject({ code: 'ENOENT', path: folder });
    await expect(makeDir(path.join(folder, 'x', 'y'))).rejects.toMatchObject({ code: 'ENOENT', path: folder });
  });
});
