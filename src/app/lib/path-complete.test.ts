import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { completePath, resolveSinglePath, splitPaths } from './path-complete.js';

describe('completePath', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await fs.mkdtemp(path.join(os.tmpdir(), 'complete-'));
    await fs.mkdir(path.join(dir, 'photos'));
    await fs.writeFile(path.join(dir, 'photos', 'alice-1.jpg'), '');
    await fs.writeFile(path.join(dir, 'photos', 'alice-2.jpg'), '');
    await fs.writeFile(path.join(dir, 'photos', 'bob.png'), '');
    await fs.writeFile(path.join(dir, 'photos', '.hidden'), '');
  });
  afterAll(() => fs.rm(dir, { recursive: true, force: true }));

  it('completes a unique folder with a slash, relative to cwd', async () => {
    expect(await completePath('ph', dir)).toEqual({ value: 'photos/', candidates: [] });
  });

  it('extends to the common prefix and lists the candidates', async () => {
    expect(await completePath('photos/al', dir)).toEqual({ value: 'photos/alice-', candidates: ['alice-1.jpg', 'alice-2.jpg'] });
  });

  it('completes a unique file; hides dot-files unless asked; leaves unknown paths alone', async () => {
    expect((await completePath(`${dir}/photos/b`, '/')).value).toBe(`${dir}/photos/bob.png`);
    expect((await completePath('photos/', dir)).candidates).not.toContain('.hidden');
    expect(await completePath('nope/x', dir)).toEqual({ value: 'nope/x', candidates: [] });
  });
});

describe('splitPaths', () => {
  it('splits on spaces and commas, keeping quoted spaces', () => {
    expect(splitPaths('a.jpg, b.jpg "c d.jpg"')).toEqual(['a.jpg', 'b.jpg', 'c d.jpg']);
  });
});

describe('resolveSinglePath', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await fs.mkdtemp(path.join(os.tmpdir(), 'single-path-'));
    await fs.mkdir(path.join(dir, 'my photos'));
    await fs.writeFile(path.join(dir, 'my photos', 'ada 1.jpg'), '');
  });
  afterAll(() => fs.rm(dir, { recursive: true, force: true }));

  it('takes the text as typed when it names a file (Tab completion), else reads quotes and escapes', () => {
    const file = path.join(dir, 'my photos', 'ada 1.jpg');
    expect(resolveSinglePath('my photos/ada 1.jpg', dir)).toEqual({ path: file, words: 1 });
    expect(resolveSinglePath(`'${file}'`, '/')).toEqual({ path: file, words: 1 });
    expect(resolveSinglePath(`"${file}"`, '/')).toEqual({ path: file, words: 1 });
    expect(resolveSinglePath('my\\ photos/ada\\ 1.jpg', dir)).toEqual({ path: file, words: 1 });
    expect(resolveSinglePath('  my photos/ada 1.jpg  ', dir)).toEqual({ path: file, words: 1 });
  });

  it('counts the paths when the text is several that it does not name as a whole', () => {
    expect(resolveSinglePath('a.jpg b.jpg', dir)).toEqual({ path: path.join(dir, 'a.jpg b.jpg'), words: 2 });
    expect(resolveSinglePath('missing.jpg', dir)).toEqual({ path: path.join(dir, 'missing.jpg'), words: 1 });
  });
});
