import { existsSync } from 'node:fs';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { UserError } from '../errors.js';
import { withFetchLock } from './fetch-lock.js';

const hasProc = existsSync('/proc/self');
if (!hasProc) console.warn('[fetch-lock.test] /proc is absent here: the /proc case is skipped');

let root: string;
beforeEach(async () => {
  root = await fs.mkdtemp(path.join(os.tmpdir(), 'fetch-lock-test-'));
});
afterEach(async () => {
  await fs.rm(root, { recursive: true, force: true });
});

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

describe('withFetchLock', () => {
  it('makes the folder, runs the body under the lock and releases it', { timeout: 10_000 }, async () => {
    const dir = path.join(root, 'a', 'models');
    expect(await withFetchLock(dir, () => Promise.resolve(42))).toBe(42);
    expect(await fs.readdir(dir)).toEqual([]);
  });

  it('waits only while another holder has the lock, and for at most waitMs', { timeout: 10_000 }, async () => {
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
    });
    await inside;
    const started = Date.now();
    const error = await rejection(withFetchLock(root, () => Promise.resolve(), { waitMs: 1_000 }));
    expect(error.message).toMatch(/another process has held it/);
    expect(Date.now() - started).toBeGreaterThanOrEqual(900);
    expect(Date.now() - started).toBeLessThan(4_000);
    const waiter = withFetchLock(root, () => Promise.resolve('second'), { waitMs: 5_000 });
    release();
    await holder;
    expect(await waiter).toBe('second');
  });

  it('a dangling symbolic link as the folder is MODEL_FETCH_FAILED naming it, not a BUG', { timeout: 10_000 }, async () => {
    const link = path.join(root, 'dl');
    await fs.symlink('/nonexistent/zz', link);
    const error = await rejection(withFetchLock(link, () => Promise.resolve(), { waitMs: 60_000 }));
    expect(error.message).toBe(`cannot store the models in ${link}: ${link} is a symbolic link to /nonexistent/zz, which does not exist`);
    expect(error.hint).toMatch(/models\.dir/);
  });

  it.skipIf(!hasProc)('a folder that refuses the lock file (/proc: ENOENT) fails at once, without waiting for the lock', { timeout: 5_000 }, async () => {
    const started = Date.now();
    const error = await rejection(withFetchLock('/proc', () => Promise.resolve(), { waitMs: 60_000 }));
    expect(error.message).toBe('cannot store the models in /proc: /proc does not accept new folders (ENOENT)');
    expect(error.hint).toMatch(/FACE_AUTH_MODELS_DIR/);
    const nested = await rejection(withFetchLock('/proc/x', () => Promise.resolve(), { waitMs: 60_000 }));
    expect(nested.message).toBe('cannot store the models in /proc/x: /proc does not accept new folders (ENOENT)');
    expect(Date.now() - started).toBeLessThan(2_000);
  });
});
