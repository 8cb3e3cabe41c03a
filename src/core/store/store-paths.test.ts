/**
 * Stores at paths that cannot serve as one: a folder that cannot be written
 * (which must fail at once, not wait as for another process's lock), and a
 * folder, device or FIFO where the store file should be (never to be moved
 * aside). The tests run as root too, where chmod restricts nothing: the
 * folders are made unusable with a regular file in the way (ENOTDIR), /sys and
 * /proc, and `chattr +i` where it works.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import lockfile from 'proper-lockfile';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { makeTempDir, syntheticRecord, TEST_PROFILE } from '../../../test/support/store-fixtures.js';
import { catchUserError } from '../../../test/support/user-errors.js';
import { openStore } from './face-store.js';
import { acquireLock, exclusiveLockPath, fileLock } from './store-lock.js';

/** Well below the 60 s a lock is waited for: a test that waited would time out. */
const FAST = 10_000;
const KINDS = ['file', 'sqlite'] as const;
const ext = (kind: (typeof KINDS)[number]): string => (kind === 'file' ? 'json' : 'db');

const isMount = (dir: string, type: string): boolean => {
  try {
    return fs.readFileSync('/proc/mounts', 'utf8').split('\n').some((line) => line.split(' ')[1] === dir && line.split(' ')[2] === type);
  } catch {
    return false;
  }
};

const hasSysfs = isMount('/sys', 'sysfs');
const hasProc = isMount('/proc', 'proc');

const expectUnwritable = (error: { code: string; message: string; hint: string | undefined }, folder: string, errno: RegExp): void => {
  expect(error.code).toBe('STORE_ERROR');
  expect(error.message).toContain(`folder ${folder} cannot be written`);
  expect(error.message).toMatch(errno);
  expect(error.message).not.toMatch(/locked by another process/);
  expect(error.hint).toMatch(/writable folder with --store or store\.uri/);
};

describe('a store folder that cannot be written fails at once', () => {
  let temp: ReturnType<typeof makeTempDir>;
  beforeEach(() => {
    temp = makeTempDir();
  });
  afterEach(() => temp.remove());

  it('does not wait on a lock folder that cannot be created (ENOTDIR: a file in the way)', { timeout: FAST }, async () => {
    const blocker = path.join(temp.dir, 'blocker');
    fs.writeFileSync(blocker, 'not a folder');
    const error = await catchUserError(() => acquireLock(path.join(blocker, 'faces.db'), { stale: 10_000, waitMs: 60_000, file: 'faces.db', onCompromised: () => undefined }));
    expectUnwritable(error, blocker, /ENOTDIR/);
  });

  it.each(KINDS)('refuses to open a %s: store whose folder is under a regular file (ENOTDIR/EEXIST)', { timeout: FAST }, async (kind) => {
    const blocker = path.join(temp.dir, 'blocker');
    fs.writeFileSync(blocker, 'not a folder');
    const error = await catchUserError(() => openStore(`${kind}:${path.join(blocker, 'sub', `faces.${ext(kind)}`)}`, TEST_PROFILE));
    expectUnwritable(error, path.join(blocker, 'sub'), /ENOTDIR|EEXIST/);
  });

  it.for(KINDS)('fails at once to register into a %s: store under /sys (EPERM, EROFS)', { timeout: FAST }, async (kind, ctx) => {
    ctx.skip(!hasSysfs, '/sys is not a sysfs mount here');
    const file = `/sys/face-auth-tui-test-${process.pid}.${ext(kind)}`;
    const error = await catchUserError(async () => {
      const store = await openStore(`${kind}:${file}`, TEST_PROFILE);
      try {
        await store.exclusive(() => store.put(syntheticRecord('Ada', 1)));
      } finally {
        await store.close();
      }
    });
    expectUnwritable(error, '/sys', /EPERM|EACCES|ENOENT|EROFS/);
  });

  it('fails at once to lock a file: store under /proc (ENOENT)', { timeout: FAST }, async (ctx) => {
    ctx.skip(!hasProc, '/proc is not a proc mount here');
    const store = await openStore(`file:/proc/face-auth-tui-test-${process.pid}.json`, TEST_PROFILE);
    const error = await catchUserError(() => store.exclusive(() => store.put(syntheticRecord('Ada', 1))));
    await store.close();
    expectUnwritable(error, '/proc', /ENOENT|EPERM|EACCES/);
  });

  // Node's own recursive mkdir never settles there (mkdir = ENOENT, its parent's = EEXIST, again and again).
  it.for(KINDS)('fails at once to open a %s: store in a missing folder under /proc (ENOENT), instead of looping', { timeout: FAST }, async (kind, ctx) => {
    ctx.skip(!hasProc, '/proc is not a proc mount here');
    const folder = `/proc/face-auth-tui-test-${process.pid}`;
    for (const sub of ['', '/deeper']) {
      const error = await catchUserError(() => openStore(`${kind}:${folder}${sub}/x.${ext(kind)}`, TEST_PROFILE));
      expectUnwritable(error, `${folder}${sub}`, /ENOENT/);
    }
  });

  it.for(KINDS)('fails at once to delete from a %s: store whose folder is immutable (chattr +i)', { timeout: FAST }, async (kind, ctx) => {
    const dir = path.join(temp.dir, 'imm');
    fs.mkdirSync(dir);
    const uri = `${kind}:${path.join(dir, `faces.${ext(kind)}`)}`;
    const seeded = await openStore(uri, TEST_PROFILE);
    await seeded.put(syntheticRecord('Ada', 2));
    await seeded.close();
    try {
      execFileSync('chattr', ['+i', dir], { stdio: 'ignore' });
    } catch {
      ctx.skip('chattr +i is not available here');
    }
    try {
      const store = await openStore(uri, TEST_PROFILE);
      const error = await catchUserError(() => store.exclusive(() => store.delete('Ada')));
      await store.close();
      expectUnwritable(error, dir, /EPERM|EACCES/);
    } finally {
      execFileSync('chattr', ['-i', dir], { stdio: 'ignore' });
    }
  });

  it('still waits for a lock another holder has, and says so when it stays held', { timeout: FAST }, async () => {
    const file = path.join(temp.dir, 'faces.db');
    const release = await lockfile.lock(`${file}.register`, { realpath: false, stale: 10_000, onCompromised: () => undefined });
    try {
      const error = await catchUserError(() => fileLock(file, { waitMs: 300 })(() => Promise.resolve()));
      expect(error.code).toBe('STORE_ERROR');
      expect(error.message).toMatch(/stayed locked by another process/);
      expect(error.hint).toContain(exclusiveLockPath(file));
    } finally {
      await release();
    }
    await expect(fileLock(file, { waitMs: 300 })(() => Promise.resolve(7))).resolves.toBe(7);
  });
});

describe('something at the store path that is not a store file', () => {
  let temp: ReturnType<typeof makeTempDir>;
  beforeEach(() => {
    temp = makeTempDir();
  });
  afterEach(() => temp.remove());

  const expectNotAStoreFile = (error: { code: string; message: string; hint: string | undefined }, file: string, what: RegExp, kind: string): void => {
    expect(error.code).toBe('STORE_ERROR');
    expect(error.message).toMatch(what);
    expect(error.message).toContain(`${file} is `);
    expect(error.message).toMatch(/not a store file/);
    expect(error.hint).toMatch(new RegExp(`path of a \\.${ext(kind as 'file')} file`));
    expect(error.hint).not.toMatch(/\bmv\b|damaged|move it aside/);
  };

  it.each(KINDS)('names a folder at a %s: store path and suggests a file inside it', { timeout: FAST }, async (kind) => {
    const dir = path.join(temp.dir, 'somefolder');
    fs.mkdirSync(dir);
    for (const create of [true, false]) {
      const error = await catchUserError(() => openStore(`${kind}:${dir}`, TEST_PROFILE, { create }));
      expectNotAStoreFile(error, dir, /a folder/, kind);
      expect(error.hint).toContain(`${kind}:${path.join(dir, `faces.${ext(kind)}`)}`);
    }
    expect(fs.readdirSync(temp.dir)).toEqual(['somefolder']);
  });

  it.for(KINDS)('names a character device at a %s: store path', { timeout: FAST }, async (kind, ctx) => {
    const device = '/dev/zero';
    ctx.skip(fs.statSync(device, { throwIfNoEntry: false })?.isCharacterDevice() !== true, `${device} is not a character device here`);
    for (const create of [true, false]) {
      expectNotAStoreFile(await catchUserError(() => openStore(`${kind}:${device}`, TEST_PROFILE, { create })), device, /a character device/, kind);
    }
  });

  it.for(KINDS)('names a FIFO at a %s: store path without blocking on it', { timeout: FAST }, async (kind, ctx) => {
    const fifo = path.join(temp.dir, 'pipe');
    try {
      execFileSync('mkfifo', [fifo], { stdio: 'ignore' });
    } catch {
      ctx.skip('mkfifo is not available here');
    }
    for (const create of [true, false]) {
      expectNotAStoreFile(await catchUserError(() => openStore(`${kind}:${fifo}`, TEST_PROFILE, { create })), fifo, /a FIFO/, kind);
    }
  });

  it('refuses a folder put at a file: store path after the store was opened', { timeout: FAST }, async () => {
    const file = path.join(temp.dir, 'faces.json');
    const store = await openStore(`file:${file}`, TEST_PROFILE);
    fs.mkdirSync(file);
    expectNotAStoreFile(await catchUserError(() => store.load()), file, /a folder/, 'file');
    await store.close();
  });

  it('a file: store path that is a symbolic link to nothing is not a store file (no permissions hint) when written', { timeout: FAST }, async () => {
    const file = path.join(temp.dir, 'faces.json');
    fs.symlinkSync(path.join(temp.dir, 'nowhere', 'faces.json'), file);
    const store = await openStore(`file:${file}`, TEST_PROFILE);
    const error = await catchUserError(() => store.put(syntheticRecord('Ada', 1)));
    await store.close();
    expectNotAStoreFile(error, file, /a symbolic link to nothing/, 'file');
    expect(error.message).not.toMatch(/cannot be written/);
    expect(error.hint).not.toMatch(/permissions/);
  });

  it('still suggests moving a damaged SQLite file aside', { timeout: FAST }, async () => {
    const file = path.join(temp.dir, 'faces.db');
    fs.writeFileSync(file, 'this is not an SQLite database, just some text that is long enough'.repeat(20));
    const error = await catchUserError(() => openStore(`sqlite:${file}`, TEST_PROFILE));
    expect(error.code).toBe('STORE_ERROR');
    expect(error.hint).toContain(`mv '${file}' '${file}.damaged'`);
  });
});
