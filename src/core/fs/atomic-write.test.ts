import { execFileSync } from 'node:child_process';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { writeFileAtomic } from './atomic-write.js';

let dir: string;
beforeEach(async () => {
  dir = await fs.mkdtemp(path.join(os.tmpdir(), 'atomic-write-test-'));
});
afterEach(async () => {
  await fs.rm(dir, { recursive: true, force: true });
});

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

  it('never replaces a folder, a pipe or a link to nothing (as root a rename would)', async () => {
    const folder = path.join(dir, 'folder');
    await fs.mkdir(folder);
    await expect(writeFileAtomic(folder, 'x')).rejects.toThrow(/is a folder, not a regular file: it is not replaced/);
    expect((await fs.stat(folder)).isDirectory()).toBe(true);
    const dangling = path.join(dir, 'dangling');
    await fs.symlink(path.join(dir, 'nowhere'), dangling);
    await expect(writeFileAtomic(dangling, 'x')).rejects.toThrow(/is a symbolic link to nothing/);
    const fifo = path.join(dir, 'pipe');
    try {
      execFileSync('mkfifo', [fifo]);
    } catch {
      console.warn('[notice] mkfifo not available: the pipe case is not tried');
      return;
    }
    await expect(writeFileAtomic(fifo, 'x')).rejects.toThrow(/is a pipe, not a regular file/);
    expect((await fs.lstat(fifo)).isFIFO()).toBe(true);
  });
});
