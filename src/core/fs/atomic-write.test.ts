import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import fs from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { writeFileAtomic } from './atomic-write.js';
import { withTempDir } from '../../../test/support/temp-dir.js';

let dir: string;
withTempDir('atomic-write-test-', (made) => (dir = made));

describe('writeFileAtomic', () => {
  it('replaces a file whole, with the mode asked for, leaving no temp file', async () => {
    const file = path.join(dir, 'a.json');
    await fs.writeFile(file, 'old');
    await writeFileAtomic(file, 'new', 0o640);
    expect(await fs.readFile(file, 'utf8')).toBe('new');
    expect((await fs.stat(file)).mode & 0o777).toBe(0o640);
    expect(await fs.readdir(dir)).toEqual(['a.json']);
  });

  it('writes through a symbolic link to its target; the link stays', async () => {
    const target = path.join(dir, 'real.json');
    await fs.writeFile(target, 'old');
    const link = path.join(dir, 'link.json');
    await fs.symlink(target, link);
    await writeFileAtomic(link, 'new');
    expect((await fs.lstat(link)).isSymbolicLink()).toBe(true);
    expect(await fs.readFile(target, 'utf8')).toBe('new');
  });

  it('never replaces a folder or a link to nothing (as root a rename would)', async () => {
    const folder = path.join(dir, 'folder');
    await fs.mkdir(folder);
    await expect(writeFileAtomic(folder, 'x')).rejects.toThrow(/is a folder, not a regular file: it is not replaced/);
    expect((await fs.stat(folder)).isDirectory()).toBe(true);
    const dangling = path.join(dir, 'dangling');
    await fs.symlink(path.join(dir, 'nowhere'), dangling);
    await expect(writeFileAtomic(dangling, 'x')).rejects.toThrow(/is a symbolic link to nothing/);
    await expect(writeFileAtomic(dangling, 'x')).rejects.toMatchObject({ code: 'ENOTREG', path: dangling, what: 'a symbolic link to nothing' });
    expect((await fs.lstat(dangling)).isSymbolicLink()).toBe(true);
  });

  it('never replaces a pipe', async (ctx) => {
    const fifo = path.join(dir, 'pipe');
    try {
      execFileSync('mkfifo', [fifo], { stdio: 'ignore' });
    } catch {
      ctx.skip('mkfifo is not available here: the pipe case is not tried');
    }
    await expect(writeFileAtomic(fifo, 'x')).rejects.toThrow(/is a pipe, not a regular file/);
    expect((await fs.lstat(fifo)).isFIFO()).toBe(true);
  });

  it('makes the missing folders on the way', async () => {
    const file = path.join(dir, 'a', 'b', 'c.json');
    await writeFileAtomic(file, 'x');
    expect(await fs.readFile(file, 'utf8')).toBe('x');
  });

  it('fails on a folder that cannot be made, with its errno (ENOTDIR: a file in the way)', async () => {
    const blocker = path.join(dir, 'blocker');
    await fs.writeFile(blocker, 'x');
    await expect(writeFileAtomic(path.join(blocker, 'sub', 'a.json'), 'x')).rejects.toMatchObject({ code: 'ENOTDIR' });
  });

  // Node's own recursive mkdir never settles there (mkdir = ENOENT, its parent's = EEXIST, again and again).
  it('fails at once in a missing folder under /proc (ENOENT), instead of looping', { timeout: 10_000 }, async (ctx) => {
    ctx.skip(!existsSync('/proc/self'), '/proc is absent here');
    const folder = `/proc/atomic-write-test-${process.pid}`;
    for (const file of [`${folder}/a.json`, `${folder}/deeper/a.json`]) {
      await expect(writeFileAtomic(file, 'x')).rejects.toMatchObject({ code: 'ENOENT' });
    }
    expect(existsSync(folder)).toBe(false);
  });
});
