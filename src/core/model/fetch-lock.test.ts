import { existsSync } from 'node:fs';
import fs from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { UserError } from '../errors.js';
import { createLogger, type Logger } from '../logger.js';
import { withFetchLock } from './fetch-lock.js';
import { withTempDir } from '../../../test/support/temp-dir.js';

const hasProc = existsSync('/proc/self');
if (!hasProc) console.warn('[fetch-lock.test] /proc is absent here: the /proc case is skipped');

let root: string;
withTempDir('fetch-lock-test-', (made) => (root = made));

const rejection = (promise: Promise<unknown>): Promise<UserError> =>
  promise.then(
    () => {
      throw new Error('expected a rejection');
    },
    (e: unknown) => {
      expect(e).toBeInstanceOf(UserError);
      expect((e as UserError).code).toBe('MODEL_FETCH_FAILED');
      return e as UserError;
    },
  );

/** A logger that notes in `events` when `who` starts waiting for the lock (and calls `onWait`). */
const recorder = (events: string[], who: string, onWait: () => void = () => undefined): Logger =>
  createLogger((entry) => {
    if (!entry.message.startsWith('waiting for another process')) return;
    events.push(`${who} waits`);
    onWait();
  });

describe('withFetchLock', () => {
  it('makes the folder, runs the body under the lock and releases it', { timeout: 10_000 }, async () => {
    const dir = path.join(root, 'a', 'models');
    expect(await withFetchLock(dir, () => Promise.resolve(42))).toBe(42);
    expect(await fs.readdir(dir)).toEqual([]);
  });

  it('waits while another holder has the lock, and gives up after waitMs saying so', { timeout: 10_000 }, async () => {
    const events: string[] = [];
    let release = (): void => undefined;
    const held = new Promise<void>((resolve) => {
      release = resolve;
    });
    let entered = (): void => undefined;
    const inside = new Promise<void>((resolve) => {
      entered = resolve;
    });
    const holder = withFetchLock(root, async () => {
      entered();
      await held;
      events.push('first releases');
    });
    await inside;
    // Gives up (the test's timeout guards that it is not the default ten minutes), after having waited.
    const error = await rejection(withFetchLock(root, () => Promise.resolve(), { waitMs: 600, logger: recorder(events, 'impatient') }));
    expect(error.message).toMatch(/another process has held it/);
    expect(events).toEqual(['impatient waits']);
    // Gets the lock only once the first holder has released it.
    let waiting = (): void => undefined;
    const waits = new Promise<void>((resolve) => {
      waiting = resolve;
    });
    const waiter = withFetchLock(
      root,
      () => {
        events.push('second enters');
        return Promise.resolve('second');
      },
      { waitMs: 5_000, logger: recorder(events, 'second', waiting) },
    );
    await waits;
    release();
    await holder;
    expect(await waiter).toBe('second');
    expect(events).toEqual(['impatient waits', 'second waits', 'first releases', 'second enters']);
  });

  it('a dangling symbolic link as the folder is MODEL_FETCH_FAILED naming it, not a BUG', { timeout: 10_000 }, async () => {
    const link = path.join(root, 'dl');
    await fs.symlink('/nonexistent/zz', link);
    const error = await rejection(withFetchLock(link, () => Promise.resolve(), { waitMs: 60_000 }));
    expect(error.message).toBe(`cannot store the models in ${link}: ${link} is a symbolic link to /nonexistent/zz, which does not exist`);
    expect(error.hint).toMatch(/models\.dir/);
  });

  // Waiting would take the 60 s asked for: the test's timeout fails it first.
  it.skipIf(!hasProc)('a folder that refuses the lock file (/proc: ENOENT) fails at once, without waiting for the lock', { timeout: 10_000 }, async () => {
    const events: string[] = [];
    const error = await rejection(withFetchLock('/proc', () => Promise.resolve(), { waitMs: 60_000, logger: recorder(events, 'proc') }));
    expect(error.message).toBe('cannot store the models in /proc: /proc does not accept new folders (ENOENT)');
    expect(error.hint).toMatch(/FACE_AUTH_MODELS_DIR/);
    const nested = await rejection(withFetchLock('/proc/x', () => Promise.resolve(), { waitMs: 60_000 }));
    expect(nested.message).toBe('cannot store the models in /proc/x: /proc does not accept new folders (ENOENT)');
    expect(events).toEqual([]);
  });
});
