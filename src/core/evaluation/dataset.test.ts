import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { scanDataset } from './dataset.js';

let root: string;
const touch = async (relative: string): Promise<void> => {
  const file = path.join(root, relative);
  await fs.mkdir(path.dirname(file), { recursive: true });
  await fs.writeFile(file, 'x');
};

beforeAll(async () => {
  root = await fs.mkdtemp(path.join(os.tmpdir(), 'dataset-test-'));
  for (const file of [
    'bob/2.PNG',
    'bob/1.jpg',
    'bob/session/3.webp',
    'bob/.hidden.jpg',
    'bob/notes.txt',
    'alice/a.jpeg',
    'alice/b.heic',
    '_no_face/cat.png',
    '.git/x.jpg',
    'top.jpg',
    'pairs.csv',
  ]) {
    await touch(file);
  }
});
afterAll(async () => {
  await fs.rm(root, { recursive: true, force: true });
});

describe('scanDataset', () => {
  it('labels images by person folder and skips _ and . folders, hidden and non-image files, and top-level files', async () => {
    const dataset = await scanDataset(root);
    expect(dataset.dir).toBe(root);
    expect(dataset.images.map((i) => [i.label, i.relative])).toEqual([
      ['alice', 'alice/a.jpeg'],
      ['alice', 'alice/b.heic'],
      ['bob', 'bob/1.jpg'],
      ['bob', 'bob/2.PNG'],
      ['bob', 'bob/session/3.webp'],
    ]);
    expect(dataset.images[4]!.file).toBe(path.join(root, 'bob', 'session', '3.webp'));
    expect(dataset.skippedFolders).toEqual(['_no_face']);
    expect(dataset.ignoredFiles).toEqual(['bob/notes.txt']);
  });

  it('says what is wrong with a missing folder or a file', async () => {
    await expect(scanDataset(path.join(root, 'nope'))).rejects.toMatchObject({ code: 'FILE_NOT_FOUND' });
    await expect(scanDataset(path.join(root, 'top.jpg'))).rejects.toMatchObject({ code: 'INVALID_ARGUMENT' });
  });
});
