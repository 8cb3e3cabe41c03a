/**
 * The user errors about where a store lives on disk, rather than what is in it:
 *
 * - a folder the store cannot write in (its own folder, or the lock folders
 *   beside the store file): EPERM, EACCES, EROFS, ENOENT, ENOTDIR, ENOSPC...
 *   None of these means "another process holds the lock", so none is waited on;
 * - something at the store path that is not a store file at all (a folder, a
 *   device, a FIFO, a socket): it is never suggested to move those aside.
 */
import { constants, type Stats } from 'node:fs';
import fs from 'node:fs/promises';
import path from 'node:path';
import { getErrorMessage, UserError } from '../errors.js';
import { makeDir } from '../fs/make-dir.js';

export type StorePathKind = 'file' | 'sqlite';

/** The errno code of a Node error (e.g. "EPERM"), if it has one. */
export const errnoOf = (error: unknown): string | undefined => {
  if (typeof error !== 'object' || error === null || !('code' in error)) return undefined;
  const code = (error as { code?: unknown }).code;
  return typeof code === 'string' ? code : undefined;
};

/**
 * Lock errors that mean another holder has the lock (proper-lockfile's ELOCKED,
 * a lock folder that already exists, a busy one): worth waiting for. Anything
 * else is a folder that cannot be used, which waiting does not fix.
 */
const CONTENTION_CODES: ReadonlySet<string> = new Set(['ELOCKED', 'EEXIST', 'EBUSY']);

export const isLockContention = (error: unknown): boolean => CONTENTION_CODES.has(errnoOf(error) ?? '');

/** What to do about a folder that cannot be written, by errno. */
const folderRemedy = (code: string | undefined): string => {
  switch (code) {
    case 'ENOSPC':
    case 'EDQUOT':
      return 'free some space there';
    case 'EROFS':
      return 'remount it read-write';
    case 'ENOTDIR':
    case 'EEXIST':
      return 'remove or rename the file that is in the way of the folder';
    case 'ENOENT':
      return 'create the folder';
    default:
      return "fix the folder's permissions";
  }
};

/**
 * The store's folder `folder` cannot be written (creating the folder, a lock
 * folder or a file in it failed with `error`).
 */
export const folderUnwritableError = (folder: string, error: unknown): UserError => {
  const code = errnoOf(error);
  const detail = getErrorMessage(error);
  // Node's messages start with the errno ("EPERM: operation not permitted, mkdir ...").
  const reason = code === undefined || detail.includes(code) ? detail : `${code}: ${detail}`;
  return new UserError('STORE_ERROR', `The store's folder ${folder} cannot be written: ${reason}`, {
    hint: `Choose a store in a writable folder with --store or store.uri (e.g. sqlite:~/faces.db), or ${folderRemedy(code)}.`,
    cause: error,
  });
};

/** What a non-regular file is, in words ("a folder", "a character device"...). */
export const describeFileType = (stats: Stats): string => {
  if (stats.isDirectory()) return 'a folder';
  if (stats.isCharacterDevice()) return 'a character device';
  if (stats.isBlockDevice()) return 'a block device';
  if (stats.isFIFO()) return 'a FIFO (named pipe)';
  if (stats.isSocket()) return 'a socket';
  return 'not a regular file';
};

const EXTENSION: Record<StorePathKind, string> = { file: '.json', sqlite: '.db' };

/** The store path `file` is `what` (a folder, a device...): not a store file, and not to be moved aside. */
export const notAStoreFileError = (file: string, what: string, kind: StorePathKind, isFolder: boolean): UserError => {
  const ext = EXTENSION[kind];
  const example = isFolder ? `${kind}:${path.join(file, `faces${ext}`)}` : `${kind}:~/faces${ext}`;
  return new UserError('STORE_ERROR', `The store path ${file} is ${what}, not a store file.`, {
    hint: `Give the path of a ${ext} file with --store or store.uri (e.g. ${example}).`,
  });
};

/**
 * Refuses a store path at which something other than a regular file (or a
 * link to one) exists. Nothing there is fine (the store is created); other
 * failures to look are left to the backend, which reports them when it opens.
 */
export const assertStoreFilePath = async (file: string, kind: StorePathKind): Promise<void> => {
  let stats: Stats;
  try {
    stats = await fs.stat(file);
  } catch {
    return;
  }
  if (!stats.isFile()) throw notAStoreFileError(file, describeFileType(stats), kind, stats.isDirectory());
};

/**
 * Creates the store's folder if missing (a bounded mkdir -p: makeDir); a
 * folder that cannot be made is a STORE_ERROR naming it, at once.
 */
export const ensureStoreFolder = async (file: string): Promise<void> => {
  const folder = path.dirname(file);
  try {
    await makeDir(folder, 0o700);
  } catch (error) {
    throw folderUnwritableError(folder, error);
  }
};

/**
 * The text of the store file `file`, or undefined if there is none. Opened
 * without blocking and checked on the open handle, so that a FIFO or a device
 * put at the path is refused (notAStoreFileError) rather than read or waited on.
 */
export const readStoreFileText = async (file: string, kind: StorePathKind): Promise<string | undefined> => {
  let handle: fs.FileHandle;
  try {
    handle = await fs.open(file, constants.O_RDONLY | constants.O_NONBLOCK);
  } catch (error) {
    if (errnoOf(error) === 'ENOENT') return undefined;
    throw error;
  }
  try {
    const stats = await handle.stat();
    if (!stats.isFile()) throw notAStoreFileError(file, describeFileType(stats), kind, stats.isDirectory());
    return await handle.readFile('utf8');
  } finally {
    await handle.close();
  }
};
