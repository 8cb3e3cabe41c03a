import { execFileSync } from 'node:child_process';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readImageFile } from '../image/read-file.js';
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
    expect(dataset.looseFiles).toEqual(['pairs.csv', 'top.jpg']);
    expect(dataset.skippedLinks).toEqual([]);
  });

  it('follows folder links, but not a loop, a link back to the dataset or into another person folder', async () => {
    const linked = await fs.mkdtemp(path.join(os.tmpdir(), 'dataset-links-'));
    const outside = await fs.mkdtemp(path.join(os.tmpdir(), 'dataset-outside-'));
    try {
      for (const file of ['carol/c1.jpg', 'dave/d1.jpg']) {
        await fs.mkdir(path.dirname(path.join(linked, file)), { recursive: true });
        await fs.writeFile(path.join(linked, file), 'x');
      }
      await fs.writeFile(path.join(outside, 'e1.jpg'), 'x');
      await fs.mkdir(path.join(outside, 'erin'));
      await fs.rename(path.join(outside, 'e1.jpg'), path.join(outside, 'erin', 'e1.jpg'));
      await fs.symlink(path.join(outside, 'erin'), path.join(linked, 'erin')); // a person folder that is a link: followed
      await fs.mkdir(path.join(outside, 'trips', 'rome'), { recursive: true });
      await fs.writeFile(path.join(outside, 'trips', 'rome', 't1.jpg'), 'x');
      await fs.symlink(path.join(outside, 'trips', 'rome'), path.join(linked, 'carol', 'trip')); // a nested link elsewhere: followed
      await fs.symlink('..', path.join(linked, 'carol', 'up')); // back to the dataset folder
      await fs.symlink('.', path.join(linked, 'carol', 'self')); // a loop
      await fs.symlink(path.join(linked, 'dave'), path.join(linked, 'carol', 'dave')); // into another person
      await fs.symlink(path.join(linked, 'gone'), path.join(linked, 'carol', 'gone')); // dangling: not a folder
      await fs.symlink(path.join(linked, 'gone.jpg'), path.join(linked, 'carol', 'gone.jpg')); // listed: reading it will fail
      const dataset = await scanDataset(linked);
      expect(dataset.images.map((i) => [i.label, i.relative])).toEqual([
        ['carol', 'carol/c1.jpg'],
        ['carol', 'carol/gone.jpg'],
        ['carol', 'carol/trip/t1.jpg'],
        ['dave', 'dave/d1.jpg'],
        ['erin', 'erin/e1.jpg'],
      ]);
      expect(dataset.skippedLinks).toEqual(['carol/dave', 'carol/self', 'carol/up']);
      expect(dataset.ignoredFiles).toEqual(['carol/gone']);
    } finally {
      await fs.rm(linked, { recursive: true, force: true });
      await fs.rm(outside, { recursive: true, force: true });
    }
  });

  it('lists a pipe or a link to a device in a person folder (the reader refuses it as not a regular file), never drops it', async () => {
    const odd = await fs.mkdtemp(path.join(os.tmpdir(), 'dataset-odd-'));
    try {
      await fs.mkdir(path.join(odd, 'ann'));
      await fs.writeFile(path.join(odd, 'ann', 'a.jpg'), 'x');
      execFileSync('mkfifo', [path.join(odd, 'ann', 'camera.jpg')]);
      execFileSync('mkfifo', [path.join(odd, 'ann', 'pipe')]);
      await fs.symlink('/dev/zero', path.join(odd, 'ann', 'zero.png'));
      await fs.mkdir(path.join(odd, 'ben'));
      await fs.writeFile(path.join(odd, 'ben', 'b.jpg'), 'x');
      const dataset = await scanDataset(odd);
      expect(dataset.images.map((i) => i.relative)).toEqual(['ann/a.jpg', 'ann/camera.jpg', 'ann/zero.png', 'ben/b.jpg']);
      expect(dataset.ignoredFiles).toEqual(['ann/pipe']);
      for (const relative of ['ann/camera.jpg', 'ann/zero.png']) {
        await expect(readImageFile(path.join(odd, relative))).rejects.toMatchObject({ code: 'NOT_AN_IMAGE', message: expect.stringContaining('not a regular file') as unknown });
      }
    } finally {
      await fs.rm(odd, { recursive: true, force: true });
    }
  });

  it('says what is wrong with a missing folder or a file', async () => {
    await expect(scanDataset(path.join(root, 'nope'))).rejects.toMatchObject({ code: 'FILE_NOT_FOUND' });
    await expect(scanDataset(path.join(root, 'top.jpg'))).rejects.toMatchObject({ code: 'INVALID_ARGUMENT' });
  });
});
