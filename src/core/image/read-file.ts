import fs from 'node:fs/promises';
import { UserError } from '../errors.js';

/** Read an image file's bytes, turning file-system failures into user errors. */
export const readImageFile = async (filePath: string): Promise<Uint8Array> => {
  try {
    const buffer = await fs.readFile(filePath);
    return new Uint8Array(buffer.buffer, buffer.byteOffset, buffer.byteLength);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') throw new UserError('FILE_NOT_FOUND', `no such file: ${filePath}`, { hint: 'Check the path.' });
    if (code === 'EISDIR') throw new UserError('INVALID_ARGUMENT', `${filePath} is a folder, not an image file`);
    if (code === 'EACCES' || code === 'EPERM') {
      throw new UserError('FILE_NOT_FOUND', `permission denied reading ${filePath}`, { hint: 'Check the file permissions.' });
    }
    throw new UserError('FILE_NOT_FOUND', `cannot read ${filePath}: ${(error as Error).message}`);
  }
};
