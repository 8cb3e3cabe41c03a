import { randomBytes } from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';

/**
 * Writes `text` to `file` atomically: a temporary file in the same folder,
 * then a rename, so a reader never sees half a file. Creates the folder.
 * `mode` sets the new file's permissions (e.g. to keep an edited file's).
 */
export const writeFileAtomic = async (file: string, text: string, mode?: number): Promise<void> => {
  await fs.mkdir(path.dirname(file), { recursive: true });
  const temporary = `${file}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`;
  try {
    await fs.writeFile(temporary, text, { flag: 'wx', ...(mode === undefined ? {} : { mode }) });
    if (mode !== undefined) await fs.chmod(temporary, mode);
    await fs.rename(temporary, file);
  } catch (error) {
    await fs.rm(temporary, { force: true });
    throw error;
  }
};
