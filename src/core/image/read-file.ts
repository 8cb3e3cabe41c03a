import fs from 'node:fs/promises';
import { UserError } from '../errors.js';

/**
 * No image file this tool reads is bigger: a 64-megapixel 16-bit RGBA TIFF stored
 * raw is 512 MiB. Anything larger is refused before a byte is read (reading a
 * multi-gigabyte file whole only to refuse it would exhaust memory).
 */
export const MAX_IMAGE_FILE_BYTES = 512 * 1024 * 1024;

const formatSize = (bytes: number): string => (bytes >= 1024 ** 3 ? `${(bytes / 1024 ** 3).toFixed(1)} GiB` : `${(bytes / 1024 ** 2).toFixed(0)} MiB`);

const fileSystemError = (filePath: string, error: unknown): UserError => {
  const code = (error as NodeJS.ErrnoException).code;
  if (code === 'ENOENT' || code === 'ENOTDIR') return new UserError('FILE_NOT_FOUND', `no such file: ${filePath}`, { hint: 'Check the path.' });
  if (code === 'EACCES' || code === 'EPERM') {
    return new UserError('FILE_UNREADABLE', `permission denied reading ${filePath}`, { hint: 'Check the file and folder permissions (ls -l), or copy the photo somewhere you can read it.' });
  }
  if (code === 'ELOOP') return new UserError('FILE_UNREADABLE', `${filePath} is a link that loops`, { hint: 'Point at the photo itself.' });
  return new UserError('FILE_UNREADABLE', `cannot read ${filePath}: ${(error as Error).message}`, { hint: 'Check that the file is on a readable disk.' });
};

/**
 * What is wrong with a symbolic link that leads nowhere, in one wording for every command:
 * its target does not exist (FILE_NOT_FOUND, naming the target) or it loops
 * (FILE_UNREADABLE). Undefined when `filePath` is not a link, or its target is there.
 */
export const danglingLinkError = async (filePath: string): Promise<UserError | undefined> => {
  let target: string;
  try {
    target = await fs.readlink(filePath);
  } catch {
    return undefined; // not a link (or not there at all)
  }
  try {
    await fs.stat(filePath);
    return undefined;
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ELOOP') {
      return new UserError('FILE_UNREADABLE', `${filePath} is a symbolic link that loops (it points to ${target}, which leads back to itself)`, {
        hint: 'Point the link at the photo itself, or remove it.',
      });
    }
    if (code === 'ENOENT' || code === 'ENOTDIR') {
      return new UserError('FILE_NOT_FOUND', `${filePath} is a symbolic link to ${target}, which does not exist`, { hint: 'Fix the link or remove it.' });
    }
    return undefined;
  }
};

const openError = async (filePath: string, error: unknown): Promise<UserError> => {
  const code = (error as NodeJS.ErrnoException).code;
  if (code === 'EISDIR') return folderError(filePath);
  const link = code === 'ENOENT' || code === 'ENOTDIR' || code === 'ELOOP' ? await danglingLinkError(filePath) : undefined;
  return link ?? fileSystemError(filePath, error);
};

/**
 * Reads an image file's bytes. Refuses, before reading, what is not a regular file
 * (a folder, a device such as /dev/zero, a pipe that would never end) and files over
 * `maxBytes`; file-system failures become user errors with what to do next.
 */
export const readImageFile = async (filePath: string, maxBytes = MAX_IMAGE_FILE_BYTES): Promise<Uint8Array> => {
  let handle: fs.FileHandle;
  try {
    // O_NONBLOCK: opening a FIFO with no writer must not hang; a regular file is unaffected.
    handle = await fs.open(filePath, fs.constants.O_RDONLY | fs.constants.O_NONBLOCK);
  } catch (error) {
    throw await openError(filePath, error);
  }
  try {
    const stat = await handle.stat();
    if (stat.isDirectory()) throw folderError(filePath);
    if (!stat.isFile()) {
      throw new UserError('NOT_AN_IMAGE', `${filePath} is not a regular file (a device, pipe or socket)`, { hint: 'Give the path of a photo file.' });
    }
    if (stat.size > maxBytes) {
      throw new UserError('IMAGE_TOO_LARGE', `${filePath} is ${formatSize(stat.size)}, over the ${formatSize(maxBytes)} an image file may be`, {
        hint: 'Use a smaller or compressed copy of the photo (JPEG or PNG).',
      });
    }
    const buffer = await handle.readFile();
    return new Uint8Array(buffer.buffer, buffer.byteOffset, buffer.byteLength);
  } catch (error) {
    if (error instanceof UserError) throw error;
    throw fileSystemError(filePath, error);
  } finally {
    await handle.close().catch(() => undefined);
  }
};

const folderError = (filePath: string): UserError =>
  new UserError('INVALID_ARGUMENT', `${filePath} is a folder, not an image file`, {
    hint: 'Give one image file. For every photo in a folder: the workbench\'s "Batch-embed a folder", or face-auth-tui embed folder/*.jpg (evaluate and register --from take a folder).',
  });
