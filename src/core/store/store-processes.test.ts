/**
 * Real processes against real stores: atomic writes under SIGKILL, and
 * concurrent registration from several processes.
 */
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { setTimeout as sleep } from 'node:timers/promises';
import { KeyvSqlite } from '@keyv/sqlite';
import lockfile from 'proper-lockfile';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  churnRecord,
  makeTempDir,
  registerSeed,
  sameRecord,
  syntheticRecord,
  TEST_PROFILE,
} from '../../../test/support/store-fixtures.js';
import { sqliteInsertMany } from '../../../test/support/store-raw.js';
import { openStore } from './face-store.js';
import { encodeRecord } from './record-codec.js';
import { KeyvFaceStore } from './keyv-face-store.js';
import { openFileBackend } from './file-backend.js';
import { SQLITE_TABLE } from './sqlite-backend.js';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
const childScript = path.join(repoRoot, 'test', 'support', 'store-child.ts');

interface Child {
  readonly process: ChildProcessWithoutNullStreams;
  readonly lines: string[];
  readonly stderr: () => string;
  /** Resolves with the exit code (or signal) once the process is gone and its output drained. */
  readonly closed: Promise<number | NodeJS.Signals | null>;
}

const startChild = (args: string[]): Child => {
  const child = spawn(process.execPath, ['--import', 'tsx', childScript, ...args], { cwd: repoRoot, stdio: 'pipe' });
  const lines: string[] = [];
  let pending = '';
  let errors = '';
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
    pending += chunk;
    const parts = pending.split('\n');
    pending = parts.pop() ?? '';
    lines.push(...parts);
  });
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
    errors += chunk;
  });
  const closed = new Promise<number | NodeJS.Signals | null>((resolve) => {
    child.on('close', (code, signal) => resolve(code ?? signal));
  });
  return { process: child, lines, stderr: () => errors, closed };
};

/** Polls until `condition` holds; false on timeout. */
const pollFor = async (condition: () => boolean, timeoutMs: number): Promise<boolean> => {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) return false;
    await sleep(1);
  }
  return true;
};

const waitUntil = async (condition: () => boolean, timeoutMs: number, what: string): Promise<void> => {
  if (!(await pollFor(condition, timeoutMs))) throw new Error(`timed out waiting for ${what}`);
};

describe('store under real processes', () => {
  let temp: ReturnType<typeof makeTempDir>;
  const children: Child[] = [];

  beforeEach(() => {
    temp = makeTempDir('fat-procs-');
  });

  afterEach(async () => {
    for (const child of children.splice(0)) {
      if (child.process.exitCode === null && child.process.signalCode === null) child.process.kill('SIGKILL');
      await child.closed;
    }
    temp.remove();
  });

  it('a writer SIGKILLed mid-write leaves the old or the new file, never a broken one', async () => {
    const file = path.join(temp.dir, 'faces.json');
    const uri = `file:${file}`;
    // Enough people that each rewrite takes a moment (about 0.3 MB).
    const others = Array.from({ length: 30 }, (_, i) => syntheticRecord(`Person ${i}`, 500 + i));
    const seed = await openStore(uri, TEST_PROFILE);
    for (const r of others) await seed.put(r);
    await seed.close();

    const tempFiles = (): string[] => fs.readdirSync(temp.dir).filter((n) => n.endsWith('.tmp'));
    let killedMidWrite = 0;
    const rounds = 5;
    for (let round = 0; round < rounds; round++) {
      const child = startChild(['churn', uri]);
      children.push(child);
      await waitUntil(() => child.lines.some((l) => l.startsWith('ok ')) || child.process.exitCode !== null, 15_000, 'the first write');
      expect(child.stderr()).toBe('');
      if (round % 2 === 0) {
        // Strike while a temporary file exists: between its creation and the rename.
        await pollFor(() => tempFiles().length > 0, 3000);
      } else {
        await sleep(Math.floor(Math.random() * 60));
      }
      child.process.kill('SIGKILL');
      expect(await child.closed).toBe('SIGKILL');
      if (tempFiles().length > 0) killedMidWrite++;

      const acked = child.lines.filter((l) => l.startsWith('ok ')).map((l) => Number(l.slice(3)));
      const last = acked.at(-1)!;
      // The file is whole JSON...
      expect(() => JSON.parse(fs.readFileSync(file, 'utf8')) as unknown).not.toThrow();
      // ...and a consistent state: everyone intact, the counter at the last acknowledged step or the next.
      const store = await openStore(uri, TEST_PROFILE);
      const { records, corrupt } = await store.load();
      expect(corrupt).toEqual([]);
      for (const r of others) expect(sameRecord(records.find((x) => x.name === r.name)!, r)).toBe(true);
      const counter = records.find((r) => r.name === 'Counter')!;
      expect(sameRecord(counter, churnRecord(last)) || sameRecord(counter, churnRecord(last + 1))).toBe(true);
      // Opening the store cleared the dead writer's temporary file.
      expect(tempFiles()).toEqual([]);
      await store.close();
      // The killed writer still holds its lock; the last round checks that it expires by itself.
      if (round < rounds - 1) fs.rmSync(`${file}.lock`, { recursive: true, force: true });
    }
    expect(killedMidWrite).toBeGreaterThan(0);

    // A lock abandoned by a killed process goes stale and the next writer proceeds.
    const backend = await openFileBackend(file, { lockStaleMs: 2000 });
    const store = new KeyvFaceStore(backend, TEST_PROFILE);
    await store.put(syntheticRecord('After The Crash', 999));
    expect((await store.stats()).people).toBe(others.length + 2);
    expect(fs.existsSync(`${file}.lock`)).toBe(false);
    await store.close();
  });

  it.each(['file', 'sqlite'] as const)('%s: processes registering different people at once all end up stored', async (kind) => {
    const file = path.join(temp.dir, kind === 'file' ? 'faces.json' : 'faces.db');
    const uri = `${kind}:${file}`;
    const prefixes = ['alpha', 'bravo', 'charlie'];
    const count = 8;
    const started = prefixes.map((prefix) => startChild(['register', uri, prefix, String(count)]));
    children.push(...started);
    await waitUntil(() => started.every((c) => c.lines.includes('ready') || c.process.exitCode !== null), 15_000, 'the children to open the store');

    // Another writer holds the store for 1.5 s while they start: they must wait for it, not fail.
    // (node-sqlite3's own default busy timeout is 1 s; proper-lockfile fails at once without retries.)
    let unlock: () => Promise<void>;
    if (kind === 'file') {
      unlock = await lockfile.lock(file, { realpath: false });
    } else {
      const db = new KeyvSqlite({ uri: `sqlite://${file}`, table: SQLITE_TABLE });
      await db.query('BEGIN IMMEDIATE');
      unlock = async () => {
        await db.query('COMMIT');
        await db.disconnect();
      };
    }
    for (const c of started) c.process.stdin.write('go\n');
    await sleep(1500);
    expect(started.some((c) => c.lines.includes('done'))).toBe(false);
    await unlock();

    const codes = await Promise.all(started.map((c) => c.closed));
    expect(started.map((c) => c.stderr())).toEqual(prefixes.map(() => ''));
    expect(codes).toEqual([0, 0, 0]);

    const store = await openStore(uri, TEST_PROFILE);
    const { records, corrupt } = await store.load();
    expect(corrupt).toEqual([]);
    const expected = prefixes.flatMap((prefix) =>
      Array.from({ length: count }, (_, i) => syntheticRecord(`${prefix}-${i}`, registerSeed(prefix, i))),
    );
    expect(records.map((r) => r.name).sort()).toEqual(expected.map((r) => r.name).sort());
    for (const r of expected) expect(sameRecord(records.find((x) => x.name === r.name)!, r)).toBe(true);
    await store.close();
  });

  it('sqlite: every full read while another process deletes rows is one snapshot (nothing still there is skipped)', async () => {
    const file = path.join(temp.dir, 'faces.db');
    const uri = `sqlite:${file}`;
    const seed = await openStore(uri, TEST_PROFILE);
    await seed.close();
    // 10,000 people; the other process deletes the first 200 in key order (from the first pages of a read).
    const names = Array.from({ length: 10_000 }, (_, i) => `p${String(i).padStart(5, '0')}`);
    await sqliteInsertMany(file, names.map((name, i) => [name, encodeRecord(syntheticRecord(name, 10_000 + i, { templates: 1 }))] as const));
    const deleter = startChild(['delete', uri, ...names.slice(0, 200)]);
    children.push(deleter);
    await waitUntil(() => deleter.lines.includes('ready') || deleter.process.exitCode !== null, 15_000, 'the deleting process');
    const store = await openStore(uri, TEST_PROFILE);
    deleter.process.stdin.write('go\n');
    let exited: number | NodeJS.Signals | null | undefined;
    void deleter.closed.then((code) => (exited = code));
    /** A snapshot: the first `deleted` names are gone, and every other one is there, once. */
    const readSnapshot = async (): Promise<number> => {
      const { records, corrupt } = await store.load();
      expect(corrupt).toEqual([]);
      const got = records.map((r) => r.name);
      const deleted = names.length - got.length;
      expect(deleted).toBeGreaterThanOrEqual(0);
      expect(got).toEqual(names.slice(deleted));
      return deleted;
    };
    const reads: number[] = [];
    while (exited === undefined && reads.length < 200) reads.push(await readSnapshot());
    await deleter.closed;
    expect(exited).toBe(0);
    expect(deleter.stderr()).toBe('');
    expect(await readSnapshot()).toBe(200);
    console.log(`snapshot reads while deleting (rows gone at each): ${reads.join(' ')}`);
    await store.close();
  }, 120_000);
});
