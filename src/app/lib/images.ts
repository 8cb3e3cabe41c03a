/** Finding image files in folders (by extension; decoding decides what they really are). */
import fs from 'node:fs/promises';
import path from 'node:path';
import { UserError } from '../../core/errors.js';
import { oneLine } from '../../core/text/safe-text.js';

export const imageExtensionPattern = /\.(jpe?g|jpe|png|webp|gif|tiff?|avif|bmp|heic|heif)$/i;

/** Every image under `dir` (recursively, hidden entries skipped), sorted. */
export const listImages = async (dir: string): Promise<string[]> => {
  let entries;
  try {
    entries = await fs.readdir(dir, { withFileTypes: true });
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOTDIR') throw new UserError('INVALID_ARGUMENT', `${dir} is a file, not a folder`, { hint: 'Give a folder of images.' });
    throw new UserError('FILE_NOT_FOUND', `cannot read the folder ${dir}`, { hint: 'Check the path (Tab completes it).' });
  }
  const out: string[] = [];
  for (const entry of entries) {
    if (entry.name.startsWith('.')) continue;
    const full = path.join(dir, entry.name);
    const isDir = entry.isDirectory() || (entry.isSymbolicLink() && (await fs.stat(full).then((s) => s.isDirectory(), () => false)));
    if (isDir) out.push(...(await listImages(full)));
    else if (imageExtensionPattern.test(entry.name)) out.push(full);
  }
  return out.sort();
};

/** Runs `task` over `items` with at most `limit` in flight; stops starting new ones when `signal` aborts. */
export const forEachLimited = async <T>(
  items: readonly T[],
  limit: number,
  task: (item: T, index: number) => Promise<void>,
  signal?: AbortSignal,
): Promise<void> => {
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < items.length && signal?.aborted !== true) {
      const index = next++;
      await task(items[index]!, index);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(limit, items.length)) }, worker));
};

/** A path shown relative to `base` when inside it. */
export const displayPath = (file: string, base: string | null): string => {
  // A file name is text from outside: on one line, no control character reaching the terminal.
  if (base === null) return oneLine(file);
  const relative = path.relative(base, file);
  return oneLine(relative.startsWith('..') || path.isAbsolute(relative) ? file : relative);
};

export const median = (values: readonly number[]): number => {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
};
