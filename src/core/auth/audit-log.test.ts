import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { AuditEntry } from './audit-entry.js';
import { auditPathForStore, openAuditLog, openFileAuditLog, openMemoryAuditLog } from './audit-log.js';

const collect = async <T>(items: AsyncIterable<T>): Promise<T[]> => {
  const out: T[] = [];
  for await (const item of items) out.push(item);
  return out;
};

const entry = (name: string): AuditEntry => ({ time: new Date(Date.UTC(2025, 0, 1)).toISOString(), event: 'delete', name });

describe('audit log', () => {
  let dir: string;
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'audit-log-test-'));
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('lives beside the store file, or in memory for memory:', () => {
    expect(auditPathForStore(`sqlite:${dir}/faces.db`)).toBe(path.join(dir, 'faces.db.audit.jsonl'));
    expect(auditPathForStore(`file:${dir}/faces.json`)).toBe(path.join(dir, 'faces.json.audit.jsonl'));
    expect(auditPathForStore('memory:')).toBeNull();
    expect(auditPathForStore(null, { XDG_DATA_HOME: dir })).toBe(path.join(dir, 'face-auth-tui', 'store.db.audit.jsonl'));
    expect(openAuditLog({ file: null, storeUri: 'memory:' }).path).toBeNull();
    expect(openAuditLog({ file: path.join(dir, 'x.jsonl'), storeUri: 'memory:' }).path).toBe(path.join(dir, 'x.jsonl'));
  });

  it('appends JSON lines to a 0600 file (parents created) and reads them back in order', async () => {
    const file = path.join(dir, 'deep', 'audit.jsonl');
    const log = openFileAuditLog(file);
    expect(await log.read()).toEqual({ entries: [], damaged: 0 });
    await log.append(entry('Ada'));
    await log.append(entry('Bob'));
    expect(fs.statSync(file).mode & 0o777).toBe(0o600);
    const lines = fs.readFileSync(file, 'utf8').split('\n');
    expect(lines).toHaveLength(3);
    expect(JSON.parse(lines[0]!)).toEqual(entry('Ada'));
    expect((await openFileAuditLog(file).read()).entries.map((e) => (e.event === 'delete' ? e.name : ''))).toEqual(['Ada', 'Bob']);
  });

  it('skips and counts damaged lines (a torn write, a foreign line) instead of failing', async () => {
    const file = path.join(dir, 'audit.jsonl');
    fs.writeFileSync(file, `${JSON.stringify(entry('Ada'))}\n{"time":"2025-01-01T00:00:00.000Z","event":"del\nnot json\n{"event":"unknown"}\n\n`);
    const log = openFileAuditLog(file);
    await log.append(entry('Bob'));
    const read = await log.read();
    expect(read.damaged).toBe(3);
    expect(read.entries).toEqual([entry('Ada'), entry('Bob')]);
  });

  it('a partial last line (a crash mid-write) stays one damaged line: the next entry starts on a line of its own', async () => {
    const file = path.join(dir, 'audit.jsonl');
    fs.writeFileSync(file, `${JSON.stringify(entry('Ada'))}\n{"time":"2025-01-01T00:00:00.000Z","ev`);
    await openFileAuditLog(file).append(entry('Bob'));
    // Appending only to an existing file (a command reading a store) does the same.
    fs.appendFileSync(file, '{"time":"2025');
    await openFileAuditLog(file, { create: false }).append(entry('Cy'));
    const log = openFileAuditLog(file);
    const read = await log.read();
    expect(read.entries).toEqual([entry('Ada'), entry('Bob'), entry('Cy')]);
    expect(read.damaged).toBe(2);
    expect(await collect(log.readNewestFirst())).toEqual([entry('Cy'), entry('Bob'), entry('Ada')]);
    // A file that ends with its newline gets no empty line.
    await log.append(entry('Di'));
    expect(fs.readFileSync(file, 'utf8').endsWith(`\n${JSON.stringify(entry('Cy'))}\n${JSON.stringify(entry('Di'))}\n`)).toBe(true);
  });

  it('keeps a memory log for memory: stores', async () => {
    const log = openMemoryAuditLog();
    await log.append(entry('Ada'));
    await log.append(entry('Bob'));
    expect((await log.read()).entries).toEqual([entry('Ada'), entry('Bob')]);
    expect(await collect(log.readNewestFirst())).toEqual([entry('Bob'), entry('Ada')]);
  });

  it('reads newest first from the end of the file, in chunks, lines split anywhere (multi-byte names too), damaged ones skipped', async () => {
    const file = path.join(dir, 'audit.jsonl');
    const names = Array.from({ length: 40 }, (_, i) => `${i % 3 === 0 ? 'Zoë 李小龍' : 'Ada'} ${i}`);
    const log = openFileAuditLog(file);
    for (const [i, name] of names.entries()) {
      await log.append(entry(name));
      if (i % 7 === 3) fs.appendFileSync(file, 'a torn line without an end\n');
    }
    fs.appendFileSync(file, '{"time":"2025-01-01T00:00:00.000Z","event":"del'); // a last line still being written
    const expected = (await log.read()).entries.reverse();
    expect(expected).toHaveLength(40);
    for (const chunkBytes of [1, 7, 64, 100_000]) {
      expect(await collect(openFileAuditLog(file, { chunkBytes }).readNewestFirst())).toEqual(expected);
    }
    // Stopping early reads no further (and closes the file).
    const newest = openFileAuditLog(file, { chunkBytes: 64 }).readNewestFirst();
    for await (const e of newest) {
      expect(e).toEqual(entry(names.at(-1)!));
      break;
    }
    expect(await collect(openFileAuditLog(path.join(dir, 'none.jsonl')).readNewestFirst())).toEqual([]);
  });

  it('creates the folder 0700 and the file 0600; with create: false it writes only to a file that exists', async () => {
    const file = path.join(dir, 'custom', 'logs', 'audit.jsonl');
    await openFileAuditLog(file).append(entry('Ada'));
    expect(fs.statSync(path.join(dir, 'custom')).mode & 0o777).toBe(0o700);
    expect(fs.statSync(path.dirname(file)).mode & 0o777).toBe(0o700);
    expect(fs.statSync(file).mode & 0o777).toBe(0o600);
    const missing = path.join(dir, 'elsewhere', 'audit.jsonl');
    await openFileAuditLog(missing, { create: false }).append(entry('Bob'));
    expect(fs.existsSync(path.dirname(missing))).toBe(false);
    await openFileAuditLog(file, { create: false }).append(entry('Bob'));
    expect((await openFileAuditLog(file).read()).entries).toEqual([entry('Ada'), entry('Bob')]);
  });

  it('says which file it cannot write', async () => {
    const blocker = path.join(dir, 'file');
    fs.writeFileSync(blocker, '');
    const log = openFileAuditLog(path.join(blocker, 'audit.jsonl'));
    await expect(log.append(entry('Ada'))).rejects.toMatchObject({ code: 'STORE_ERROR', message: expect.stringContaining(path.join(blocker, 'audit.jsonl')) as unknown });
  });
});
