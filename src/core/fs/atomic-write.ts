import { randomBytes } from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import { makeDir } from './make-dir.js';

/** A temp-file name beside `file` (same folder, so the rename is atomic). */
export const tempPathFor = (file: string): string =>
  path.join(path.dirname(file), `.${path.basename(file)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);

/** Matches the names tempPathFor makes (to clear those left by a crashed writer). */
export const tempFilePattern = /^\..+\.\d+\.[0-9a-f]{8}\.tmp$/;

/** Make renames in `dir` durable; not every platform can fsync a folder, so this is best effort. */
export const syncDir = async (dir: string): Promise<void> => {
  try {
    const handle = await fs.open(dir, 'r');
    try {
      await handle.sync();
    } finally {
      await handle.close();
    }
  } catch {
    // best effort
  }
};

/** Write and fsync a new file (fails if it exists). */
export const writeNewFileSynced = async (file: string, data: string | Uint8Array, mode: number): Promise<void> => {
  const handle = await fs.open(file, 'wx', mode);
  try {
    await handle.chmod(mode); // whatever the umask
    await handle.writeFile(data);
    await handle.sync();
  } finally {
    await handle.close();
  }
};

/** What writeFileAtomic throws for a path that is not a regular file (it is never replaced). */
export interface NotRegularFileError extends Error {
  readonly code: 'ENOTREG';
  /** The path refused (where a symbolic link points, if it points somewhere). */
  readonly path: string;
  /** What is there, in words: "a folder", "a symbolic link to nothing", "a pipe", "a socket", "a device". */
  readonly what: string;
}

export const isNotRegularFileError = (error: unknown): error is NotRegularFileError =>
  error instanceof Error && (error as Partial<NotRegularFileError>).code === 'ENOTREG' && typeof (error as Partial<NotRegularFileError>).what === 'string';

/**
 * Replace `file` atomically: a temp file in the same folder, fsynced, then renamed over
 * it, so a reader (or a process killed mid-write) sees the old content or the new, never
 * half a file. Creates the folder unless `options.createFolder` is false. `mode` defaults
 * to 0600 (owner only). A path that is not a regular file is refused with a
 * NotRegularFileError (code ENOTREG); a folder that cannot be made, with mkdir's errno.
 */
export const writeFileAtomic = async (given: string, data: string | Uint8Array, mode = 0o600, options: { readonly createFolder?: boolean } = {}): Promise<void> => {
  // A symbolic link is written where it points (renaming over it would cut the link), and the
  // rename never replaces a device (/dev/null), a pipe, a socket or a folder, as root it could.
  const linked = await fs.lstat(given).catch(() => null);
  const file = linked?.isSymbolicLink() === true ? await fs.realpath(given).catch(() => given) : given;
  const existing = file === given ? linked : await fs.lstat(file).catch(() => null);
  if (existing !== null && !existing.isFile()) {
    const what = existing.isDirectory() ? 'a folder' : existing.isSymbolicLink() ? 'a symbolic link to nothing' : existing.isFIFO() ? 'a pipe' : existing.isSocket() ? 'a socket' : 'a device';
    throw Object.assign(new Error(`${file} is ${what}, not a regular file: it is not replaced`), { code: 'ENOTREG', path: file, what } satisfies Omit<NotRegularFileError, keyof Error>);
  }
  const dir = path.dirname(file);
  if (options.createFolder !== false) await makeDir(dir);
  const temp = tempPathFor(file);
  try {
    await writeNewFileSynced(temp, data, mode);
    await fs.rename(temp, file);
  } catch (error) {
    await fs.rm(temp, { force: true });
    throw error;
  }
  await syncDir(dir);
};
