/**
 * How the auth service treats what it finds in a real store (SQLite in a temp
 * folder) on real photos with the real engine: records of another model,
 * damaged records of a claimed user, templates that are not unit length, the
 * spelling of names, the search audit trail and lockout, broken links in a batch.
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cachedEngine, type CachedEngine } from '../../../test/support/cached-engine.js';
import { facePath, requireSharedFaces } from '../../../test/support/faces.js';
import { corruptDocument, syntheticRecord } from '../../../test/support/store-fixtures.js';
import { sqliteRaw } from '../../../test/support/store-raw.js';
import { catchUserError } from '../../../test/support/user-errors.js';
import { parseConfig } from '../config/load-config.js';
import { startEngine } from '../face-engine.js';
import { openStore, type FaceStore } from '../store/face-store.js';
import { createAuthService, type AuthService } from './auth-service.js';
import { openFileAuditLog } from './audit-log.js';
import { isErrorRow } from './authenticate-batch.js';
import { lockoutState } from './lockout.js';
import { storeProfileOf } from './profile.js';
import type { RegisterOutcome } from './register.js';
import { authSettingsFrom, type AuthSettings } from './settings.js';
import { cast } from '../../../test/support/cast.js';

const { ada, adaProbe, adaOther, bob, bobProbe, stranger } = cast;
const noFace = facePath('_no_face/python3-skimage__chelsea.png');


const config = parseConfig({});
let engine: CachedEngine;
let close: () => Promise<void>;
let tmp: string;
let count = 0;

/** A service over a new SQLite store (and audit file) in the temp folder, or over `file` if given. */
const service = async (options: { file?: string; settings?: AuthSettings } = {}): Promise<AuthService & { file: string; close: () => Promise<void> }> => {
  const file = options.file ?? path.join(tmp, `store-${++count}`, 's.db');
  const store: FaceStore = await openStore(`sqlite:${file}`, storeProfileOf(engine));
  const auth = createAuthService({ engine, store, audit: openFileAuditLog(`${file}.audit.jsonl`), settings: options.settings ?? authSettingsFrom(config) });
  return Object.assign(auth, { file, close: () => store.close() });
};

const registered = (o: RegisterOutcome): Extract<RegisterOutcome, { status: 'registered' }> => {
  if (o.status !== 'registered') throw new Error(`expected registered, got ${o.code}: ${o.message}`);
  return o;
};

beforeAll(async () => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'auth-store-rules-'));
  const real = await startEngine({ config, workers: 2 });
  close = () => real.close();
  engine = cachedEngine(real);
});
afterAll(async () => {
  await close();
  fs.rmSync(tmp, { recursive: true, force: true });
});

describe.runIf(requireSharedFaces())('the auth service and what the store holds', () => {
  it('--add keeps the enrolled spelling of a name (and says so); --force takes the one given', async () => {
    const auth = await service();
    registered(await auth.register('Alice', [ada]));
    const added = registered(await auth.register('alice', [adaOther], { add: true }));
    expect(added).toMatchObject({ name: 'Alice', mode: 'add', templates: 2, renamedFrom: null });
    expect(added.notes).toEqual(['kept the enrolled spelling "Alice" (given: "alice"); --force would rename the person']);
    expect((await auth.list()).map((s) => s.name)).toEqual(['Alice']);
    expect((await auth.audit.read()).entries.at(-1)).toMatchObject({ event: 'register', name: 'Alice', mode: 'add' });
    const same = registered(await auth.register('Alice', [adaProbe], { add: true }));
    expect(same.notes).toEqual([]);
    const renamed = registered(await auth.register('ALICE', [adaProbe], { force: true }));
    expect(renamed).toMatchObject({ name: 'ALICE', mode: 'replace', templates: 1, renamedFrom: 'Alice' });
    expect(renamed.notes).toEqual(['renamed "Alice" to "ALICE" (--force takes the spelling given)']);
    expect((await auth.list()).map((s) => s.name)).toEqual(['ALICE']);
    expect(await auth.authenticate(adaOther)).toMatchObject({ authenticated: true, name: 'ALICE' });
    await auth.close();
  });

  it('records of another model are left out, not the store: register, 1:1, 1:N and search go on; only a store with no one else refuses', async () => {
    const file = path.join(tmp, 'upgraded', 's.db');
    const legacy = { ...storeProfileOf(engine), preprocessing: 'p1-0123456789abcdef' };
    const old = await openStore(`sqlite:${file}`, legacy);
    await old.put(syntheticRecord('Grace', 7, { profile: legacy }));
    await old.close();

    const auth = await service({ file });
    // Every record is of another model: identifying would only ever say "no one is enrolled".
    const refused = await catchUserError(() => auth.authenticate(adaProbe));
    expect(refused.code).toBe('STORE_MISMATCH');
    expect(refused.message).toMatch(/Grace: enrolled with preprocessing p1-0123456789abcdef \(current: p\d-[0-9a-f]{16}\)/);
    expect(refused.message).toMatch(/The preprocessing fingerprint covers the face models .*, the pipeline version and the image\.background setting/);
    expect(refused.hint).toContain('face-auth-tui delete "Grace" then face-auth-tui register "Grace" <photo...>');
    expect((await catchUserError(() => auth.search(adaProbe, 3))).code).toBe('STORE_MISMATCH');

    // Registering is how the store gets going again.
    registered(await auth.register('Ada', [ada]));
    registered(await auth.register('Bob', [bob]));
    const gallery = await auth.gallery();
    expect(gallery.mismatched).toEqual([expect.objectContaining({ key: 'grace', name: 'Grace' })]);
    expect(await auth.authenticate(adaProbe)).toMatchObject({ authenticated: true, name: 'Ada' });
    expect(await auth.authenticate(bobProbe, { user: 'Bob' })).toMatchObject({ authenticated: true, name: 'Bob' });
    expect((await auth.search(adaProbe, 5)).hits.map((h) => h.name)).toEqual(['Ada', 'Bob']);
    // Claiming the other model's person is an error that says how to re-enrol, not "not enrolled".
    const claimed = await catchUserError(() => auth.authenticate(adaProbe, { user: 'grace' }));
    expect(claimed.code).toBe('STORE_MISMATCH');
    expect(claimed.hint).toContain('face-auth-tui delete "Grace"');
    expect((await auth.audit.read()).entries.at(-1)).toMatchObject({ event: 'authenticate', result: 'error', claimed: 'grace', code: 'STORE_MISMATCH' });
    await auth.close();
  });

  it('a damaged record of the claimed user is an error naming it and the fix, and never counts towards the lockout', async () => {
    const settings = authSettingsFrom(parseConfig({ auth: { maxFailures: 2, cooldownSeconds: 600 } }));
    const first = await service({ settings });
    registered(await first.register('P06', [ada]));
    registered(await first.register('Bob', [bob]));
    await first.close();
    const raw = sqliteRaw(first.file);
    await raw.write('p06', corruptDocument((await raw.read('p06'))!, 'checksum'));

    const auth = await service({ file: first.file, settings });
    for (let i = 0; i < 3; i++) {
      const error = await catchUserError(() => auth.authenticate(adaProbe, { user: 'P06' }));
      expect(error.code).toBe('STORE_ERROR');
      expect(error.message).toBe('The stored record for "P06" is damaged: template 0: embedding checksum mismatch (the embedding bytes were altered).');
      expect(error.hint).toContain('face-auth-tui delete "P06", then register the person again');
    }
    const entries = (await auth.audit.read()).entries;
    expect(entries.slice(-3)).toEqual(Array.from({ length: 3 }, (): unknown => expect.objectContaining({ result: 'error', claimed: 'P06', code: 'STORE_ERROR' })));
    expect(lockoutState(entries, 'P06', new Date(), settings.lockout)).toMatchObject({ locked: false, failures: 0 });
    // Someone not enrolled at all is still "not enrolled".
    expect(await auth.authenticate(adaProbe, { user: 'Nobody' })).toMatchObject({ authenticated: false, reason: 'not-enrolled' });
    await auth.close();
  });

  it('a template scaled x6 (checksum recomputed) is a damaged record, so a stranger is not accepted 1:N above 1', async () => {
    const first = await service();
    registered(await first.register('Ada', [ada]));
    registered(await first.register('Bob', [bob]));
    await first.close();
    const raw = sqliteRaw(first.file);
    const doc = JSON.parse((await raw.read('ada'))!) as { templates: { embedding: { data: string; sha256: string } }[] };
    const bytes = Buffer.from(doc.templates[0]!.embedding.data, 'base64');
    const scaled = new Float32Array(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.length)).map((x) => x * 6);
    const scaledBytes = Buffer.from(scaled.buffer);
    doc.templates[0]!.embedding = { ...doc.templates[0]!.embedding, data: scaledBytes.toString('base64'), sha256: createHash('sha256').update(scaledBytes).digest('hex') };
    await raw.write('ada', JSON.stringify(doc));

    const auth = await service({ file: first.file });
    const gallery = await auth.gallery();
    expect(gallery.corrupt).toEqual([{ key: 'ada', name: 'Ada', reason: 'template 0: embedding is not unit length (L2 norm 6.000, expected 1 within 0.001)' }]);
    expect(gallery.size).toBe(1);
    const decision = await auth.authenticate(stranger);
    expect(decision).toMatchObject({ authenticated: false, reason: 'below-threshold' });
    expect(decision.score).toBeLessThan(1);
    expect(await auth.authenticate(bobProbe)).toMatchObject({ authenticated: true, name: 'Bob' });
    await auth.close();
  });

  it('search is recorded in the audit log, and a locked-out person is left out of it (the k shown are the nearest of the others)', async () => {
    const settings = authSettingsFrom(parseConfig({ auth: { maxFailures: 1, cooldownSeconds: 600 } }));
    const auth = await service({ settings });
    registered(await auth.register('Ada', [ada]));
    registered(await auth.register('Bob', [bob]));
    expect((await auth.search(bobProbe, 2)).hits).toEqual([
      { name: 'Bob', score: expect.any(Number) as unknown, match: true },
      { name: 'Ada', score: expect.any(Number) as unknown, match: false },
    ]);
    expect(await auth.authenticate(stranger, { user: 'Bob' })).toMatchObject({ reason: 'below-threshold' });
    // Bob is locked out: he is in no search, whatever the photo and k (his score, place, or being
    // in the top k at all would tell whether the face is his); Ada takes the first place.
    const found = await auth.search(bobProbe, 2);
    expect(found.hits).toEqual([{ name: 'Ada', score: expect.any(Number) as unknown, match: false }]);
    expect((await auth.search(bobProbe, 1)).hits.map((h) => h.name)).toEqual(['Ada']);
    expect((await auth.search(adaProbe, 2)).hits.map((h) => h.name)).toEqual(['Ada']);
    await expect(auth.search(path.join(tmp, 'missing.jpg'), 2)).rejects.toMatchObject({ code: 'FILE_NOT_FOUND' });
    // A photo that was read but holds no face is recorded with its SHA-256 (by search and by authenticate).
    await expect(auth.search(noFace, 2)).rejects.toMatchObject({ code: 'NO_FACE' });
    await expect(auth.authenticate(noFace)).rejects.toMatchObject({ code: 'NO_FACE' });
    const noFaceSha = createHash('sha256').update(fs.readFileSync(noFace)).digest('hex');

    const lines = fs.readFileSync(`${auth.file}.audit.jsonl`, 'utf8').trim().split('\n');
    const searches = lines.map((l) => JSON.parse(l) as Record<string, unknown>).filter((e) => e['event'] === 'search');
    expect(searches).toHaveLength(6);
    expect(searches[5]).toMatchObject({ result: 'error', code: 'NO_FACE', hits: [], imageSha256: noFaceSha });
    expect(lines.map((l) => JSON.parse(l) as Record<string, unknown>).at(-1)).toMatchObject({ event: 'authenticate', result: 'error', code: 'NO_FACE', imageSha256: noFaceSha });
    expect(searches[0]).toMatchObject({ result: 'ok', k: 2, faces: 1, threshold: 0.35, hits: [{ name: 'Bob' }, { name: 'Ada' }] });
    expect(searches[0]!['imageSha256']).toMatch(/^[0-9a-f]{64}$/);
    expect(searches[1]).toMatchObject({ result: 'ok', hits: [{ name: 'Ada' }] });
    expect(JSON.stringify(searches.slice(1))).not.toContain('Bob');
    expect(searches[4]).toMatchObject({ result: 'error', code: 'FILE_NOT_FOUND', hits: [], imageSha256: null });
    // Never a path, an image or an embedding.
    for (const line of lines) {
      expect(line).not.toContain(tmp);
      expect(line).not.toContain('/shared/faces');
      expect(line.length).toBeLessThan(600);
    }
    expect((await auth.stats()).searches).toBe(6);
    await auth.close();
  });

  it('authenticate --batch reports a broken symbolic link as a FILE_NOT_FOUND row, a looping one as FILE_UNREADABLE, and goes on', async () => {
    const dir = path.join(tmp, 'batch-links');
    fs.mkdirSync(dir);
    fs.symlinkSync(adaProbe, path.join(dir, 'a-ada.jpg'));
    fs.symlinkSync(path.join(tmp, 'gone.jpg'), path.join(dir, 'b-dangling.jpg'));
    fs.mkdirSync(path.join(tmp, 'a-folder'));
    fs.symlinkSync(path.join(tmp, 'a-folder'), path.join(dir, 'c-folder-link'));
    fs.symlinkSync('d-loop.jpg', path.join(dir, 'd-loop.jpg')); // a link to itself: a loop, not a missing file
    const auth = await service();
    registered(await auth.register('Ada', [ada]));
    const { rows, summary } = await auth.authenticateBatch(dir);
    expect(rows.map((r) => [path.basename(r.file), isErrorRow(r) ? r.error.code : r.authenticated])).toEqual([
      ['a-ada.jpg', true],
      ['b-dangling.jpg', 'FILE_NOT_FOUND'],
      ['d-loop.jpg', 'FILE_UNREADABLE'],
    ]);
    const broken = rows[1]!;
    expect(isErrorRow(broken) && broken.error.message).toBe(`${path.join(dir, 'b-dangling.jpg')} is a symbolic link to ${path.join(tmp, 'gone.jpg')}, which does not exist`);
    const loop = rows[2]!;
    expect(isErrorRow(loop) && loop.error.message).toBe(`${path.join(dir, 'd-loop.jpg')} is a symbolic link that loops (it points to d-loop.jpg, which leads back to itself)`);
    expect(summary).toEqual({ images: 3, accepted: 1, denied: 0, errors: 2 });
    await auth.close();
  });
});
