/**
 * The exclusive lock of a store, for check-then-write sequences (registration:
 * is the name free, does the face match someone else, then write): one holder
 * at a time within this process (a queue) and across processes (a lock folder
 * `<store file>.register.lock`, proper-lockfile: created atomically with mkdir,
 * its mtime refreshed while held, taken over once stale when its holder died).
 *
 * It is a separate lock from the file backend's per-write lock (`<file>.lock`),
 * which every write still takes inside it: the order is always this one first.
 */
import fs from 'node:fs/promises';
import path from 'node:path';
import lockfile from 'proper-lockfile';
import { getErrorMessage, UserError } from '../errors.js';
import { createSerialQueue } from './backend.js';

export interface StoreLockOptions {
  /** A lock older than this (ms) is considered abandoned by a dead process. Minimum 2000. */
  readonly staleMs?: number;
  /** How long to wait for another holder (ms, about). */
  readonly waitMs?: number;
}

export type Exclusive = <T>(critical: () => Promise<T>) => Promise<T>;

/**
 * What is locked for the store file `file`: a name of its own, since
 * proper-lockfile keeps one lock per locked path in a process, and the file
 * backend locks `file` itself for each write inside this lock.
 */
const lockTarget = (file: string): string => `${file}.register`;

/** The lock folder for the store file `file`. */
export const exclusiveLockPath = (file: string): string => `${lockTarget(file)}.lock`;

/** Within this process only (memory: stores). */
export const processLock = (): Exclusive => createSerialQueue();

/** Within this process and across processes, for the store file `file`. */
export const fileLock = (file: string, options: StoreLockOptions = {}): Exclusive => {
  const queue = createSerialQueue();
  const stale = Math.max(2000, options.staleMs ?? 10_000);
  const wait = options.waitMs ?? 60_000;
  const maxTimeout = 100;
  const target = lockTarget(file);
  const lockfilePath = exclusiveLockPath(file);
  const held = async <T>(critical: () => Promise<T>): Promise<T> => {
    await fs.mkdir(path.dirname(file), { recursive: true, mode: 0o700 });
    let compromised: Error | undefined;
    let release: () => Promise<void>;
    try {
      release = await lockfile.lock(target, {
        realpath: false,
        stale,
        retries: { retries: Math.ceil(wait / maxTimeout) + 10, factor: 1.3, minTimeout: 5, maxTimeout, randomize: true },
        // The default throws from a timer (crashing the process); report it instead.
        onCompromised: (error: Error) => {
          compromised = error;
        },
      });
    } catch (error) {
      throw new UserError('STORE_ERROR', `The store ${file} stayed locked by another process: ${getErrorMessage(error)}`, {
        hint: `Try again when the other face-auth-tui process has finished. A lock left by a crashed process (${lockfilePath}) expires by itself.`,
        cause: error,
      });
    }
    try {
      const result = await critical();
      if (compromised !== undefined) {
        throw new UserError('STORE_ERROR', `Lost the lock on ${file} while changing it: ${compromised.message}`, {
          hint: 'Another process may have changed the store at the same time: check it with face-auth-tui list.',
          cause: compromised,
        });
      }
      return result;
    } finally {
      await release().catch(() => undefined);
    }
  };
  return (critical) => queue(() => held(critical));
};
