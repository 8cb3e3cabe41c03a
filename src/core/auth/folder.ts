/** Listing the photos of a folder for register --from and authenticate --batch. */
import type { Dirent } from 'node:fs';
import fs from 'node:fs/promises';
import path from 'node:path';
import { getErrorMessage, UserError } from '../errors.js';
import { isSkippedFolderName } from '../evaluation/dataset.js';
import { danglingLinkError } from '../image/read-file.js';

const readFolder = async (dir: string): Promise<Dirent[]> => {
  try {
    return await fs.readdir(dir, { withFileTypes: true });
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') throw new UserError('FILE_NOT_FOUND', `The folder ${dir} does not exist.`, { hint: 'Check the path.' });
    if (code === 'ENOTDIR') throw new UserError('INVALID_ARGUMENT', `${dir} is not a folder.`, { hint: 'Give a folder of photos.' });
    throw new UserError('FILE_NOT_FOUND', `Cannot read the folder ${dir}: ${getErrorMessage(error)}`, { cause: error });
  }
};

const visible = (name: string): boolean => !name.startsWith('.');

const byName = (a: string, b: string): number => a.localeCompare(b, 'en');

/** Whether a symbolic link leads to a folder (a broken or looping link does not). */
const leadsToFolder = (link: string): Promise<boolean> => fs.stat(link).then((s) => s.isDirectory(), () => false);

/**
 * Every visible entry of `dir` that is not a folder (symbolic links followed), sorted
 * by name, as paths. Nothing is filtered by extension or type: a file that is not a
 * photo, a pipe or a device (or a link to /dev/zero) is reported by the reader like any
 * other bad file (NOT_AN_IMAGE: not a regular file). A broken symbolic link is listed
 * too (so that it is reported, see brokenLinkError), never skipped.
 */
export const listFiles = async (dir: string): Promise<string[]> => {
  const entries = await readFolder(dir);
  const files: string[] = [];
  for (const entry of entries) {
    if (!visible(entry.name)) continue;
    const full = path.join(dir, entry.name);
    const isFolder = entry.isDirectory() || (entry.isSymbolicLink() && (await leadsToFolder(full)));
    if (!isFolder) files.push(full);
  }
  return files.sort(byName);
};

/**
 * The error for a symbolic link that leads nowhere (FILE_NOT_FOUND naming the missing
 * target, or FILE_UNREADABLE for a loop), else undefined: the wording every reader of a
 * photo uses (see danglingLinkError).
 */
export const brokenLinkError = (file: string): Promise<UserError | undefined> => danglingLinkError(file);

export interface Subfolders {
  /** [name, path] of each person folder, sorted by name. */
  readonly folders: [string, string][];
  /** Folders left out because their name starts with '_' (e.g. `_multi_face`), sorted; hidden ones are not listed. */
  readonly skipped: string[];
}

/**
 * The person folders of `dir`: every subfolder (links followed) except those whose name
 * starts with '_' or '.', which are not people (`_no_face/`, `_multi_face/`, `.git/`),
 * as `evaluate` reads a labelled folder too.
 */
export const listSubfolders = async (dir: string): Promise<Subfolders> => {
  const entries = await readFolder(dir);
  const folders: [string, string][] = [];
  const skipped: string[] = [];
  for (const entry of entries) {
    const full = path.join(dir, entry.name);
    const isDir = entry.isDirectory() || (entry.isSymbolicLink() && (await leadsToFolder(full)));
    if (!isDir) continue;
    if (isSkippedFolderName(entry.name)) {
      if (visible(entry.name)) skipped.push(entry.name);
      continue;
    }
    folders.push([entry.name, full]);
  }
  return { folders: folders.sort((a, b) => byName(a[0], b[0])), skipped: skipped.sort(byName) };
};
