/**
 * The exclusive lock of a store, for check-then-write sequences (registration:
 * is the name free, does the face match someone else, then write): one holder
 * at a time within this process (a queue) and across processes (a lock folder
 * `<store file>.register.lock`, proper-lockfile: created atomically with mkdir,
 * its mtime refreshed while held, taken over once stale when its holder died).
 *
 * It is a separate lock from the file backend's per-write lock (`<file>.lock`),
 * which every write still takes inside it: the order is always this one first.
 * Both are taken with acquireLock, which waits only while another holder has
 * the lock: a lock folder that cannot be created (EPERM, EACCES, EROFS,
 * ENOENT, ENOTDIR, ENOSPC...) is a STORE_ERROR at once.
 */
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import lockfile from 'proper-lockfile';
import { getErrorMessage, UserError } from '../errors.js';
import { createSerialQueue } from './backend.js';
import { ensureStoreFolder, folderUnwritableError, isLockContention } from './store-path.js';

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

/** How to take one cross-process lock (see acquireLock). */
export interface AcquireLockOptions {
  /** A lock older than this (ms) is taken over. */
  readonly stale: number;
  /** How long to wait for another holder (ms, about). */
  readonly waitMs: number;
  /** The lock folder (default: `<target>.lock`). */
  readonly lockfilePath?: string;
  /** The store file, as named in the messages. */
  readonly file: string;
  /** Called if the lock is lost while held (see proper-lockfile). */
  readonly onCompromised: (error: Error) => void;
}

/** Backoff between attempts: from 5 ms up to 100 ms, randomised. */
const backoff = (attempt: number): number => Math.min(100, 5 * 1.3 ** attempt) * (1 + Math.random());

/**
 * Takes the lock folder for `target` (proper-lockfile), waiting while another
 * holder has it. Only contention is waited for (see isLockContention): a folder
 * that cannot be written fails at once with a STORE_ERROR naming it.
 */
export const acquireLock = async (target: string, options: AcquireLockOptions): Promise<() => Promise<void>> => {
  const lockfilePath = options.lockfilePath ?? `${target}.lock`;
  const deadline = Date.now() + options.waitMs;
  for (let attempt = 0; ; attempt++) {
    try {
      return await lockfile.lock(target, {
        realpath: false,
        stale: options.stale,
        retries: 0,
        ...(options.lockfilePath === undefined ? {} : { lockfilePath: options.lockfilePath }),
        // The default throws from a timer (crashing the process); report it instead.
        onCompromised: options.onCompromised,
      });
    } catch (error) {
      if (!isLockContention(error)) throw folderUnwritableError(path.dirname(lockfilePath), error);
      if (Date.now() >= deadline) {
        throw new UserError('STORE_ERROR', `The store ${options.file} stayed locked by another process: ${getErrorMessage(error)}`, {
          hint: `Try again when the other face-auth-tui process has finished. A lock left by a crashed process (${lockfilePath}) expires by itself.`,
          cause: error,
        });
      }
    }
    await sleep(backoff(attempt));
  }
};

/** Within this process and across processes, for the store file `file`. */
export const fileLock = (file: string, options: StoreLockOptions = {}): Exclusive => {
  const queue = createSerialQueue();
  const stale = Math.max(2000, options.staleMs ?? 10_000);
  const waitMs = options.waitMs ?? 60_000;
  const target = lockTarget(file);
  const held = async <T>(critical: () => Promise<T>): Promise<T> => {
    await ensureStoreFolder(file);
    let compromised: Error | undefined;
    const release = await acquireLock(target, {
      stale,
      waitMs,
      file,
      onCompromised: (error: Error) => {
        compromised = error;
      },
    });
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
