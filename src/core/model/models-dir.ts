import fs from 'node:fs/promises';
import path from 'node:path';
import { UserError } from '../errors.js';
import { makeDir } from '../fs/make-dir.js';

/**
 * Making the models folder, and saying in one line why it cannot be made.
 *
 * The folder is made with makeDir (../fs/make-dir.ts), not Node's own
 * `fs.mkdir(dir, { recursive: true })`, which never settles under /proc; any
 * failure is a MODEL_FETCH_FAILED at once.
 */

const dirHint = 'Set models.dir in config.yaml (or FACE_AUTH_MODELS_DIR) to a folder you can write, then run `face-auth-tui models fetch`.';

const errnoCode = (error: unknown): string | undefined => {
  const code = (error as NodeJS.ErrnoException | null)?.code;
  return typeof code === 'string' ? code : undefined;
};

const lstatOrNull = async (file: string) => {
  try {
    return await fs.lstat(file);
  } catch {
    return null;
  }
};

const statOrNull = async (file: string) => {
  try {
    return await fs.stat(file);
  } catch {
    return null;
  }
};

/** `file` (dir itself) or "its parent file" (an ancestor of dir), for messages. */
const which = (dir: string, file: string): string => (file === dir ? file : `its parent ${file}`);

/**
 * What is wrong with the nearest existing entry on the way from `dir` up to
 * the root, if it is not a folder: a broken symbolic link, or a file in the way.
 */
const describeBlocker = async (dir: string): Promise<{ why: string; hint: string } | null> => {
  for (let current = dir; ; current = path.dirname(current)) {
    const entry = await lstatOrNull(current);
    if (entry !== null) {
      if (entry.isDirectory()) return null;
      const target = entry.isSymbolicLink() ? await statOrNull(current) : entry;
      if (entry.isSymbolicLink() && target === null) {
        const link = await fs.readlink(current).catch(() => '?');
        const resolved = path.resolve(path.dirname(current), link);
        const where = resolved === link ? link : `${link} (${resolved})`;
        return {
          why: `${which(dir, current)} is a symbolic link to ${where}, which does not exist`,
          hint: `Create ${resolved}, or fix or remove the link ${current}; or ${dirHint.charAt(0).toLowerCase()}${dirHint.slice(1)}`,
        };
      }
      if (target?.isDirectory() === true) return null;
      return { why: `a file is in the way (${current} is not a folder)`, hint: dirHint };
    }
    if (path.dirname(current) === current) return null;
  }
};

/** The parent of `dir` that exists, for "... does not accept new folders". */
const existingParent = async (dir: string): Promise<string> => {
  let current = path.dirname(dir);
  while ((await statOrNull(current)) === null && path.dirname(current) !== current) current = path.dirname(current);
  return current;
};

const describeCode = async (made: string, code: string | undefined, error: unknown): Promise<string> => {
  switch (code) {
    case 'ENOSPC':
    case 'EDQUOT':
      return 'the disk is full';
    case 'EEXIST':
    case 'ENOTDIR':
      return 'a file is in the way';
    case 'EACCES':
    case 'EPERM':
    case 'EROFS':
      return `it is not writable (${code})`;
    case 'ENOENT':
      return `${await existingParent(made)} does not accept new folders (ENOENT)`;
    case 'ELOOP':
      return 'its path has a loop of symbolic links (ELOOP)';
    case 'ENAMETOOLONG':
      return 'its path is too long (ENAMETOOLONG)';
    default:
      return `${code ?? 'error'}: ${error instanceof Error ? error.message : String(error)}`;
  }
};

/**
 * The UserError for a models folder that cannot be made or written: names the
 * folder, a broken symbolic link or file in the way on its path, or the errno.
 * `made` is what could not be made (default the folder; the lock file in it).
 */
export const modelsDirError = async (dir: string, error: unknown, made = dir): Promise<UserError> => {
  const blocker = await describeBlocker(dir);
  const why = blocker?.why ?? (await describeCode(made, errnoCode(error), error));
  return new UserError('MODEL_FETCH_FAILED', `cannot store the models in ${dir}: ${why}`, {
    hint: blocker?.hint ?? dirHint,
    cause: error,
  });
};

/** File-system failures that mean "this folder cannot take the models" (also when writing files into it). */
const dirProblemCodes = new Set(['EACCES', 'EPERM', 'EROFS', 'EEXIST', 'ENOTDIR', 'ENOSPC', 'EDQUOT', 'ELOOP', 'ENAMETOOLONG']);

/** Whether `error` is a file-system failure about the models folder rather than a bug. */
export const isDirProblem = (error: unknown): boolean => {
  const code = errnoCode(error);
  return code !== undefined && dirProblemCodes.has(code);
};

/** Run `body`; a file-system failure about the models folder becomes modelsDirError. */
export const withDirProblemsAsUserError = async <T>(dir: string, body: () => Promise<T>): Promise<T> => {
  try {
    return await body();
  } catch (error) {
    if (error instanceof UserError || !isDirProblem(error)) throw error;
    throw await modelsDirError(dir, error);
  }
};

/**
 * Make the models folder and its missing parents, like `mkdir -p`, in a bounded
 * number of steps (see makeDir). Any failure, including a folder whose parent
 * exists but that still cannot be made, is thrown as modelsDirError at once.
 */
export const makeModelsDir = async (dir: string): Promise<void> => {
  const target = path.resolve(dir);
  try {
    await makeDir(target);
  } catch (error) {
    throw await modelsDirError(target, error);
  }
};
