import fs from 'node:fs/promises';
import path from 'node:path';

/**
 * `mkdir -p` in a bounded number of steps.
 *
 * Node 20's own `fs.mkdir(dir, { recursive: true })` is not used: on a file
 * system that refuses new entries with ENOENT while their parent exists
 * (/proc), it retries mkdir(child) = ENOENT / mkdir(parent) = EEXIST forever,
 * pinning a CPU and never settling. Here the walk goes up to the first folder
 * that exists, then down again making each missing level once: at most twice
 * the path's depth, plus one, mkdir calls.
 *
 * Failures are plain Node errors with their errno kept (`code`: ENOENT,
 * ENOTDIR, EEXIST, EACCES, EPERM, EROFS, ENOSPC...), for each caller to turn
 * into its own UserError.
 */

const errnoCode = (error: unknown): string | undefined => {
  const code = (error as NodeJS.ErrnoException | null)?.code;
  return typeof code === 'string' ? code : undefined;
};

const isFolder = async (dir: string): Promise<boolean> => {
  try {
    return (await fs.stat(dir)).isDirectory();
  } catch {
    return false;
  }
};

/**
 * mkdir of one level: null when made or already a folder (or a link to one);
 * the ENOENT error when its parent is missing. Anything else is thrown: a
 * file or a broken link in the way (EEXIST), a file as a parent (ENOTDIR)...
 */
const mkdirOne = async (dir: string, mode: number | undefined): Promise<NodeJS.ErrnoException | null> => {
  try {
    await fs.mkdir(dir, mode === undefined ? undefined : { mode });
    return null;
  } catch (error) {
    const code = errnoCode(error);
    if (code === 'ENOENT') return error as NodeJS.ErrnoException;
    // EEXIST: fine only if it is (or links to) a folder; a broken link or a file is not.
    if (code === 'EEXIST' && (await isFolder(dir))) return null;
    throw error;
  }
};

/**
 * Make the folder `dir` and its missing parents (each with `mode`, like
 * Node's recursive mkdir), in a bounded number of steps. An existing folder,
 * or a link to one, is fine. Rejects with the errno error of the first level
 * that cannot be made, including ENOENT for a level whose parent exists but
 * refuses it.
 */
export const makeDir = async (dir: string, mode?: number): Promise<void> => {
  const missing: string[] = [];
  let current = path.resolve(dir);
  for (;;) {
    const refused = await mkdirOne(current, mode);
    if (refused === null) break;
    const parent = path.dirname(current);
    if (parent === current) throw refused;
    missing.push(current);
    current = parent;
  }
  // Down again, each level once: ENOENT now means its (existing) parent refuses it.
  for (const level of missing.reverse()) {
    const refused = await mkdirOne(level, mode);
    if (refused !== null) throw refused;
  }
};
