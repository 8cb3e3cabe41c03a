import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { completePath, splitPaths } from './path-complete.js';

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
