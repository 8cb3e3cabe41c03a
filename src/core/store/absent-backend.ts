/**
 * A store that does not exist yet, opened by a command that only reads
 * (authenticate, search, list, stats, delete): it is empty and nothing is
 * created on disk — no database, no JSON file, no folder. Writing to it is a bug
 * (commands that write open the store with `create: true`).
 */
import { BugError } from '../errors.js';
import type { BackendKind, StoreBackend } from './backend.js';

export const openAbsentBackend = (kind: Exclude<BackendKind, 'memory'>, file: string): StoreBackend => ({
  kind,
  uri: `${kind}:${file}`,
  path: file,
  absent: true,
  read: () => Promise.resolve(undefined),
  write: () => Promise.reject(new BugError(`the store ${file} was opened without creating it, and cannot be written`)),
  remove: () => Promise.resolve(false),
  scan: () => Promise.resolve(),
  exclusive: (critical) => critical(),
  bytesOnDisk: () => Promise.resolve(null),
  close: () => Promise.resolve(),
});
