/** The SHA-256 of a photo for the audit log. */
import { createHash } from 'node:crypto';
import { readImageFile } from '../image/read-file.js';

/**
 * The photo's SHA-256 when the file can be read (an attempt that found no face in it, or
 * could not decode it, still records which file it was), else null (missing, unreadable,
 * not a regular file). Called on the error path only: a successful embed returns its hash.
 */
export const photoSha256 = async (file: string): Promise<string | null> => {
  try {
    return createHash('sha256').update(await readImageFile(file)).digest('hex');
  } catch {
    return null;
  }
};
