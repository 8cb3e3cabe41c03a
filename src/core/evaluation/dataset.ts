/**
 * A labelled photo folder: one subfolder per person, the subfolder's name is
 * the label. Subfolders whose name starts with '_' or '.' are skipped (e.g.
 * `_no_face/`, `_multi_face/`, `.git/`), as are hidden files, files directly
 * in the top folder (README, CSV) and files without an image extension.
 * Files in nested folders count for the person folder they are in; a nested
 * link that loops or leads into a person folder is not followed (skippedLinks).
 * Pipes, devices and sockets are listed like files (the reader refuses them).
 */
import fs from 'node:fs/promises';
import path from 'node:path';
import { UserError } from '../errors.js';

export interface DatasetImage {
  /** Absolute path. */
  readonly file: string;
  /** Path relative to the dataset folder, with '/' separators (for display and reports). */
  readonly relative: string;
  /** The person folder's name. */
  readonly label: string;
}

export interface Dataset {
  readonly dir: string;
  /** Sorted by label, then relative path. */
  readonly images: readonly DatasetImage[];
  /** Top-level folders skipped because their name starts with '_' or '.'. */
  readonly skippedFolders: readonly string[];
  /** Files inside person folders that are not images by their extension (relative paths). */
  readonly ignoredFiles: readonly string[];
  /** Files directly in the folder, outside any person folder (not used: whose would they be?). */
  readonly looseFiles: readonly string[];
  /**
   * Nested folders not walked (relative paths): links back to a folder the walk is
   * already in (a loop), to the dataset folder or into a person folder (whose photos
   * would get another label), and links that lead nowhere.
   */
  readonly skippedLinks: readonly string[];
}

/** Extensions read as images. HEIC/HEIF are included so that they are reported as unsupported, not silently ignored. */
export const imageExtensions: ReadonlySet<string> = new Set([
  '.jpg', '.jpeg', '.jpe', '.png', '.webp', '.gif', '.tif', '.tiff', '.avif', '.bmp', '.heic', '.heif',
]);

export const isSkippedFolderName = (name: string): boolean => name.startsWith('_') || name.startsWith('.');

const compareText = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

const isDirectory = async (entryPath: string, entry: { isDirectory(): boolean; isSymbolicLink(): boolean }): Promise<boolean> => {
  if (entry.isDirectory()) return true;
  if (!entry.isSymbolicLink()) return false;
  return fs.stat(entryPath).then((s) => s.isDirectory(), () => false);
};

/**
 * Where the walk may not go again: the dataset folder, the folders it is already
 * inside (a link back up would loop), and the person folders (a link into one
 * would label its photos as another person).
 */
interface Walk {
  readonly forbidden: ReadonlySet<string>;
  readonly skippedLinks: string[];
}

const listFiles = async (folder: string, relative: string, out: string[], walk: Walk, inside: ReadonlySet<string>): Promise<void> => {
  const entries = await fs.readdir(folder, { withFileTypes: true });
  for (const entry of entries) {
    if (entry.name.startsWith('.')) continue;
    const full = path.join(folder, entry.name);
    const rel = `${relative}/${entry.name}`;
    if (await isDirectory(full, entry)) {
      const real = await fs.realpath(full).catch(() => null);
      if (real === null || inside.has(real) || walk.forbidden.has(real)) {
        walk.skippedLinks.push(rel);
        continue;
      }
      await listFiles(full, rel, out, walk, new Set([...inside, real]));
    } else {
      // Anything else is listed, not dropped: a pipe, a device or a link to one is then
      // refused by the reader (NOT_AN_IMAGE: not a regular file) and shows in the report.
      out.push(rel);
    }
  }
};

/** Lists the labelled images of `dir`. Throws FILE_NOT_FOUND / INVALID_ARGUMENT for a missing or non-folder path. */
export const scanDataset = async (dir: string): Promise<Dataset> => {
  const root = path.resolve(dir);
  let entries;
  try {
    entries = await fs.readdir(root, { withFileTypes: true });
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') throw new UserError('FILE_NOT_FOUND', `no such folder: ${dir}`, { hint: 'Check the path.' });
    if (code === 'ENOTDIR') {
      throw new UserError('INVALID_ARGUMENT', `${dir} is a file, not a folder`, {
        hint: 'Pass a folder with one subfolder of photos per person.',
      });
    }
    throw new UserError('FILE_NOT_FOUND', `cannot read ${dir}: ${(error as Error).message}`);
  }
  const images: DatasetImage[] = [];
  const skippedFolders: string[] = [];
  const ignoredFiles: string[] = [];
  const looseFiles: string[] = [];
  const people: { name: string; full: string; real: string }[] = [];
  for (const entry of entries) {
    const full = path.join(root, entry.name);
    if (!(await isDirectory(full, entry))) {
      if (!entry.name.startsWith('.')) looseFiles.push(entry.name);
      continue;
    }
    if (isSkippedFolderName(entry.name)) {
      if (!entry.name.startsWith('.')) skippedFolders.push(entry.name);
      continue;
    }
    people.push({ name: entry.name, full, real: await fs.realpath(full) });
  }
  const walk: Walk = { forbidden: new Set([await fs.realpath(root), ...people.map((p) => p.real)]), skippedLinks: [] };
  for (const person of people) {
    const files: string[] = [];
    await listFiles(person.full, person.name, files, walk, new Set([person.real]));
    for (const relative of files) {
      if (imageExtensions.has(path.extname(relative).toLowerCase())) {
        images.push({ file: path.join(root, ...relative.split('/')), relative, label: person.name });
      } else {
        ignoredFiles.push(relative);
      }
    }
  }
  images.sort((a, b) => compareText(a.label, b.label) || compareText(a.relative, b.relative));
  return {
    dir: root,
    images,
    skippedFolders: skippedFolders.sort(compareText),
    ignoredFiles: ignoredFiles.sort(compareText),
    looseFiles: looseFiles.sort(compareText),
    skippedLinks: walk.skippedLinks.sort(compareText),
  };
};
