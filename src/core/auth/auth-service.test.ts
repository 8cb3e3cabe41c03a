/**
 * The auth service on real photos with the real engine (two workers), a real
 * memory store and a memory audit log. Photos made at test time (blurred,
 * shrunk, composites of two faces) go to a temp folder, never into the repo.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cachedEngine, type CachedEngine } from '../../../test/support/cached-engine.js';
import { facePath, requireSharedFaces } from '../../../test/support/faces.js';
import { sharp } from '../../../test/support/sharp.js';
import { sqliteRaw } from '../../../test/support/store-raw.js';
import { parseConfig } from '../config/load-config.js';
import { startEngine } from '../face-engine.js';
import type { Box } from '../face/types.js';
import { openStore } from '../store/face-store.js';
import { createAuthService, type AuthService, type AuthServiceOptions } from './auth-service.js';
import { openMemoryAuditLog } from './audit-log.js';
import { isErrorRow } from './authenticate-batch.js';
import { storeProfileOf } from './profile.js';
import type { RegisterOutcome } from './register.js';
import { authSettingsFrom } from './settings.js';
import { cast } from '../../../test/support/cast.js';

const { ada, adaProbe, adaOther, bob, bobProbe, stranger } = cast;

const noFace = facePath('_no_face/python3-skimage__chelsea.png');
const multiFace = facePath('_multi_face/face_recognition__obama_and_biden.jpg');

const config = parseConfig({});
let engine: CachedEngine;
let close: () => Promise<void>;
let tmp: string;

const service = async (extra: Partial<AuthServiceOptions> = {}): Promise<AuthService> => {
  const store = await openStore('memory:', storeProfileOf(engine));
  return createAuthService({ engine, store, audit: openMemoryAuditLog(), settings: authSettingsFrom(config), ...extra });
};

const registered = (o: RegisterOutcome): Extract<RegisterOutcome, { status: 'registered' }> => {
  if (o.status !== 'registered') throw new Error(`expected registered, got ${o.code}: ${o.message}`);
  return o;
};

/** The photo's face box, enlarged and squared, as a crop of `size` pixels. */
const faceCrop = async (file: string, size: number): Promise<Buffer> => {
  const { box } = (await engine.embed(file)).chosen;
  const meta = await sharp(file).metadata();
  const side = Math.round(Math.max(box.x2 - box.x1, box.y2 - box.y1) * 1.5);
  const cx = (box.x1 + box.x2) / 2;
  const cy = (box.y1 + box.y2) / 2;
  const left = Math.max(0, Math.round(cx - side / 2));
  const top = Math.max(0, Math.round(cy - side / 2));
  const region = { left, top, width: Math.min(side, meta.width - left), height: Math.min(side, meta.height - top) };
  return sharp(file).extract(region).resize(size, size, { fit: 'fill' }).toBuffer();
};

/** A 900x600 grey canvas with a small face on the left and a large one on the right. */
const composite = async (name: string, small: string, large: string): Promise<string> => {
  const out = path.join(tmp, name);
  await sharp({ create: { width: 900, height: 600, channels: 3, background: { r: 128, g: 128, b: 128 } } })
    .composite([
      { input: await faceCrop(small, 200), left: 40, top: 200 },
      { input: await faceCrop(large, 520), left: 340, top: 40 },
    ])
    .jpeg({ quality: 92 })
    .toFile(out);
  return out;
};

const width = (box: Box): number => box.x2 - box.x1;

beforeAll(async () => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'auth-service-test-'));
  const real = await startEngine({ config, workers: 2 });
  close = () => real.close();
  engine = cachedEngine(real);
});
afterAll(async () => {
  await close();
  if (process.env['KEEP_AUTH_TMP'] === undefined) fs.rmSync(tmp, { recursive: true, force: true });
  else console.log(tmp);
});

describe.runIf(requireSharedFaces())('auth service on real photos', () => {
  it('registers, then accepts the person from another photo (1:N) and denies a stranger', async () => {
    const auth = await service();
    expect(await auth.authenticate(adaProbe)).toMatchObject({ authenticated: false, name: null, reason: 'no-one-enrolled', faces: null });
    const added = registered(await auth.register('Ada', [ada, adaOther]));
    expect(added).toMatchObject({ name: 'Ada', mode: 'new', added: 2, templates: 2, collision: null, warnings: [] });
    registered(await auth.register('Bob', [bob]));
    const yes = await auth.authenticate(adaProbe);
    expect(yes).toMatchObject({ authenticated: true, name: 'Ada', reason: 'match', mode: 'identify', faces: 1 });
    expect(yes.score).toBeGreaterThan(0.6);
    expect(yes.margin).toBeGreaterThan(0.4);
    const no = await auth.authenticate(stranger);
    expect(no).toMatchObject({ authenticated: false, name: null, reason: 'below-threshold' });
    expect(no.score).toBeLessThan(config.verification.threshold);
    const { entries } = await auth.audit.read();
    expect(entries.map((e) => (e.event === 'authenticate' ? e.result : e.event))).toEqual(['denied', 'register', 'register', 'accepted', 'denied']);
  });

  it('rejects photos with no face or several faces, says why, and registers nothing', async () => {
    const auth = await service();
    const outcome = await auth.register('Ada', [ada, noFace, multiFace]);
    expect(outcome).toMatchObject({ status: 'refused', code: 'NO_FACE' });
    expect(outcome.images.map((i) => [i.status, i.status === 'rejected' ? i.code : ''])).toEqual([
      ['accepted', ''],
      ['rejected', 'NO_FACE'],
      ['rejected', 'MULTIPLE_FACES'],
    ]);
    const multi = outcome.images[2];
    expect(multi?.status === 'rejected' && multi.reason).toMatch(/3 faces were found; exactly one is required/);
    expect(await auth.list()).toEqual([]);
  });

  it('quality gate: a blurred photo and a small face are rejected with the reason', async () => {
    const blurred = path.join(tmp, 'blurred.jpg');
    const face = width((await engine.embed(ada)).chosen.box);
    await sharp(ada).blur(face / 40).jpeg().toFile(blurred);
    const small = path.join(tmp, 'small.jpg');
    const meta = await sharp(ada).metadata();
    await sharp(ada).resize(Math.round((meta.width * 60) / face)).jpeg().toFile(small); // face about 60 px wide
    const auth = await service();
    const outcome = await auth.register('Ada', [blurred, small]);
    expect(outcome.status).toBe('refused');
    const [b, s] = outcome.images;
    expect(b).toMatchObject({ status: 'rejected', code: 'LOW_QUALITY' });
    expect(b?.status === 'rejected' && b.reason).toMatch(/the face is blurred \(sharpness \d+\.\d, minimum 40\)/);
    expect(s).toMatchObject({ status: 'rejected', code: 'LOW_QUALITY' });
    expect(s?.status === 'rejected' && s.reason).toMatch(/the face is \d+ px wide, below the 80 px minimum/);
    expect(outcome.status === 'refused' && outcome.hint).toMatch(/sharp, well-lit/);
  });

  it('a large photo with a second face small enough to miss at first sight is MULTIPLE_FACES', async () => {
    // 6000x4000: Ada large, and a stranger's face about 125 px wide (more than the 80 px gate) far away.
    const big = await sharp(ada).resize(1600).toBuffer();
    const other = (size: number) => sharp(stranger).resize(size).toBuffer();
    const make = async (name: string, otherSize: number): Promise<string> => {
      const file = path.join(tmp, name);
      await sharp({ create: { width: 6000, height: 4000, channels: 3, background: '#888' } })
        .composite([
          { input: big, left: 200, top: 200 },
          { input: await other(otherSize), left: 4500, top: 2500 },
        ])
        .jpeg()
        .toFile(file);
      return file;
    };
    const auth = await service();
    const two = await auth.register('Ada', [await make('ada-and-stranger.jpg', 250)]);
    expect(two).toMatchObject({ status: 'refused', images: [{ status: 'rejected', code: 'MULTIPLE_FACES' }] });
    // Two people side by side whose second face (about 77 px) is below the 80 px gate still count as two.
    const pair = await auth.register('Kit', [facePath('_multi_face/face_recognition__kit_with_rose.jpg')]);
    expect(pair).toMatchObject({ status: 'refused', images: [{ status: 'rejected', code: 'MULTIPLE_FACES' }] });
  });

  it('a photo whose face is on its side or upside down (orientation lost) is refused, saying which way is up', async () => {
    const auth = await service();
    for (const [turn, upright] of [
      [90, 270],
      [180, 180],
      [270, 90],
    ] as const) {
      const file = path.join(tmp, `ada-turned-${turn}.png`);
      await sharp(ada).rotate(turn).png().toFile(file); // pixels turned, no EXIF to undo it
      const outcome = await auth.register('Ada', [file]);
      expect(outcome.status, `turned ${turn}°`).toBe('refused');
      expect(outcome.images[0]).toMatchObject({ status: 'rejected' });
      const verdict = outcome.images[0]!;
      if (verdict.status === 'rejected' && verdict.code === 'LOW_QUALITY') expect(verdict.reason).toContain(`turned ${upright}° clockwise`);
      else expect(verdict).toMatchObject({ code: 'NO_FACE' }); // some turns leave no face the detector finds
    }
    expect((await auth.list()).length).toBe(0);
    registered(await auth.register('Ada', [ada]));
  });

  it('refuses a face that matches a different enrolled person unless forced, naming them', async () => {
    const auth = await service();
    registered(await auth.register('Ada', [ada]));
    const refused = await auth.register('Alias', [adaProbe]);
    expect(refused).toMatchObject({ status: 'refused', code: 'COLLISION', collision: { name: 'Ada', file: adaProbe } });
    expect(refused.status === 'refused' && refused.message).toMatch(/already matches the enrolled person "Ada" \(similarity 0\.\d+, threshold 0\.35\)/);
    expect(refused.status === 'refused' && refused.hint).toMatch(/--force/);
    expect((await auth.list()).map((p) => p.name)).toEqual(['Ada']);
    const forced = registered(await auth.register('Alias', [adaProbe], { force: true }));
    expect(forced.collision?.name).toBe('Ada');
    expect((await auth.audit.read()).entries.at(-1)).toMatchObject({ event: 'register', name: 'Alias', collidedWith: 'Ada' });
    expect((await auth.list()).map((p) => p.name)).toEqual(['Ada', 'Alias']);
  });

  it('an existing name needs --add (append) or --force (replace); the same photo is never added twice', async () => {
    const auth = await service();
    registered(await auth.register('Ada', [ada]));
    expect(await auth.register('ADA', [adaOther])).toMatchObject({ status: 'refused', code: 'ALREADY_ENROLLED' });
    const dup = await auth.register('ada', [ada], { add: true });
    expect(dup).toMatchObject({
      status: 'refused',
      code: 'INVALID_ARGUMENT',
      message: '1 of 1 image rejected; nothing was added to "Ada".',
      hint: '1 photo is already among the templates or given twice (each photo is stored once): leave them out, or add other photos of the person.',
      images: [{ status: 'rejected', code: 'DUPLICATE_IMAGE', reason: 'this photo is already among the templates of "Ada"' }],
    });
    // The same photo twice in one registration: the second is the duplicate, and says of which.
    const twice = await auth.register('Cy', [stranger, stranger]);
    expect(twice).toMatchObject({ status: 'refused', message: '1 of 2 images rejected; nothing was registered for "Cy".' });
    expect(twice.images[1]).toMatchObject({ code: 'DUPLICATE_IMAGE', reason: `the same photo as ${stranger}, given before it` });
    // A collision while adding photos to an enrolled person says the photos were not added, not that the person was not registered.
    registered(await auth.register('Bob', [bob]));
    const collides = await auth.register('Bob', [adaProbe], { add: true });
    expect(collides).toMatchObject({ status: 'refused', code: 'COLLISION' });
    expect(collides.status === 'refused' && collides.message).toMatch(/already matches the enrolled person "Ada" .*; the photos were not added to "Bob"\.$/);
    expect(registered(await auth.register('ada', [adaOther], { add: true }))).toMatchObject({ mode: 'add', added: 1, templates: 2 });
    expect(registered(await auth.register('Ada', [adaProbe], { force: true }))).toMatchObject({ mode: 'replace', added: 1, templates: 1 });
    const [person] = await auth.list();
    expect(person).toMatchObject({ name: 'Ada', templates: 1 });
    expect((await auth.list()).map((p) => p.name)).toEqual(['Ada', 'Bob']);
  });

  it('--user verifies a claimed identity 1:1', async () => {
    const auth = await service();
    registered(await auth.register('Ada', [ada]));
    registered(await auth.register('Bob', [bob]));
    const yes = await auth.authenticate(adaProbe, { user: 'ada' });
    expect(yes).toMatchObject({ authenticated: true, name: 'Ada', mode: 'verify', claimed: 'ada', reason: 'match' });
    expect(yes.margin).toBeGreaterThan(0.4);
    const no = await auth.authenticate(adaProbe, { user: 'Bob' });
    expect(no).toMatchObject({ authenticated: false, name: null, claimed: 'Bob', reason: 'below-threshold' });
    // A denied claim says nothing of the others: no margin (it would give Ada's score away).
    expect(no.margin).toBeNull();
    expect(await auth.authenticate(bobProbe, { user: 'Bob' })).toMatchObject({ authenticated: true, name: 'Bob' });
    expect(await auth.authenticate(adaProbe, { user: 'Carol' })).toMatchObject({ authenticated: false, reason: 'not-enrolled', score: null });
  });

  it('judges the largest face only: the claimed user cannot get in through a second, smaller face', async () => {
    const auth = await service();
    registered(await auth.register('Ada', [ada]));
    registered(await auth.register('Bob', [bob]));
    // Ada's face small, a stranger's face large: Ada is denied.
    const adaSmall = await composite('ada-small.jpg', adaProbe, stranger);
    const denied = await auth.authenticate(adaSmall, { user: 'Ada' });
    expect(denied).toMatchObject({ authenticated: false, name: null, faces: 2, reason: 'below-threshold' });
    expect(await auth.authenticate(adaSmall)).toMatchObject({ authenticated: false, name: null, faces: 2 });
    // Both faces were found, and the small one alone is Ada: the largest-face rule is what denies.
    const found = await engine.embed(adaSmall);
    expect(found.faces).toHaveLength(2);
    expect(width(found.chosen.box)).toBeGreaterThan(2 * width(found.faces[1]!.box));
    const smallAlone = path.join(tmp, 'ada-small-alone.jpg');
    await sharp(adaSmall).extract({ left: 0, top: 160, width: 300, height: 280 }).toFile(smallAlone);
    expect(await auth.authenticate(smallAlone, { user: 'Ada' })).toMatchObject({ authenticated: true, faces: 1 });
    // Ada's face large, the stranger small: accepted.
    const adaLarge = await composite('ada-large.jpg', stranger, adaProbe);
    expect(await auth.authenticate(adaLarge, { user: 'Ada' })).toMatchObject({ authenticated: true, name: 'Ada', faces: 2 });
    expect(await auth.authenticate(adaLarge)).toMatchObject({ authenticated: true, name: 'Ada', faces: 2 });
    // Two enrolled faces: the larger one is the answer, whoever is claimed.
    const both = await composite('bob-small-ada-large.jpg', bobProbe, adaProbe);
    expect(await auth.authenticate(both, { user: 'Bob' })).toMatchObject({ authenticated: false, claimed: 'Bob' });
    expect(await auth.authenticate(both)).toMatchObject({ authenticated: true, name: 'Ada' });
  });

  it('locks a claimed user out after maxFailures consecutive failures, for the cool-down, with or without --user', async () => {
    let now = Date.UTC(2025, 0, 1, 9, 0, 0);
    const settings = authSettingsFrom(parseConfig({ auth: { maxFailures: 2, cooldownSeconds: 60 } }));
    const auth = await service({ settings, now: () => new Date(now) });
    registered(await auth.register('Ada', [ada]));
    registered(await auth.register('Bob', [bob]));
    expect(await auth.authenticate(stranger, { user: 'Ada' })).toMatchObject({ reason: 'below-threshold' });
    now += 1000;
    expect(await auth.authenticate(stranger, { user: 'Ada' })).toMatchObject({ reason: 'below-threshold' });
    now += 1000;
    // Refused without looking at the photo: this one does not even exist.
    const misses = engine.misses();
    const locked = await auth.authenticate(path.join(tmp, 'never-read.jpg'), { user: 'Ada' });
    expect(locked).toMatchObject({ authenticated: false, reason: 'locked-out', retryAfterSeconds: 59, score: null, faces: null, lockedUser: 'Ada' });
    expect(engine.misses()).toBe(misses);
    // Leaving out --user does not get round it: Ada's face is not accepted 1:N either.
    const identified = await auth.authenticate(adaProbe);
    expect(identified).toMatchObject({
      authenticated: false,
      name: null,
      mode: 'identify',
      claimed: null,
      reason: 'locked-out',
      lockedUser: 'Ada',
      retryAfterSeconds: 59,
      faces: 1,
      // The person is named (they need to know why); their score is not shown.
      score: null,
      margin: null,
    });
    // Below the threshold too, Ada is left out of the ranking: a stranger's best score is never hers.
    const ranked = await auth.authenticate(stranger);
    expect(ranked).toMatchObject({ authenticated: false, reason: 'below-threshold' });
    const bobOnly = await auth.search(stranger, 5);
    expect(bobOnly.hits.map((h) => h.name)).toEqual(['Bob']);
    expect(ranked.score).toBe(bobOnly.hits[0]!.score);
    // Other people are not affected, and 1:N denials count towards no one's lockout.
    expect(await auth.authenticate(bobProbe)).toMatchObject({ authenticated: true, name: 'Bob' });
    for (let i = 0; i < 3; i++) expect(await auth.authenticate(stranger)).toMatchObject({ reason: 'below-threshold' });
    expect(await auth.authenticate(bobProbe, { user: 'Bob' })).toMatchObject({ authenticated: true, name: 'Bob' });
    now += 60_000;
    expect(await auth.authenticate(adaProbe)).toMatchObject({ authenticated: true, name: 'Ada', reason: 'match' });
    expect(await auth.authenticate(adaProbe, { user: 'Ada' })).toMatchObject({ authenticated: true, reason: 'match' });
    const attempts = (await auth.audit.read()).entries.flatMap((e) => (e.event === 'authenticate' ? [e] : []));
    expect(attempts.map((e) => e.result)).toEqual(['denied', 'denied', 'locked', 'locked', 'denied', 'accepted', 'denied', 'denied', 'denied', 'accepted', 'accepted', 'accepted']);
    expect(attempts[3]).toMatchObject({ mode: 'identify', claimed: null, name: null, lockedUser: 'Ada', score: null });
    expect(attempts[3]!.imageSha256).toMatch(/^[0-9a-f]{64}$/);
    expect((await auth.stats()).attempts).toEqual({ total: 12, accepted: 4, denied: 6, locked: 2, errors: 0 });
  });

  it('1:N --batch: rows of a locked-out person are LOCKED, others go on', async () => {
    const now = Date.UTC(2025, 0, 1, 9, 0, 0);
    const settings = authSettingsFrom(parseConfig({ auth: { maxFailures: 1, cooldownSeconds: 60 } }));
    const auth = await service({ settings, now: () => new Date(now) });
    registered(await auth.register('Ada', [ada]));
    registered(await auth.register('Bob', [bob]));
    expect(await auth.authenticate(stranger, { user: 'Ada' })).toMatchObject({ reason: 'below-threshold' });
    const dir = path.join(tmp, 'locked-batch');
    fs.mkdirSync(dir);
    fs.symlinkSync(adaProbe, path.join(dir, 'a-ada.jpg'));
    fs.symlinkSync(bobProbe, path.join(dir, 'b-bob.jpg'));
    const { rows, summary } = await auth.authenticateBatch(dir);
    expect(rows.map((r) => (isErrorRow(r) ? r.error.code : [r.reason, r.name, r.lockedUser ?? null]))).toEqual([
      ['locked-out', null, 'Ada'],
      ['match', 'Bob', null],
    ]);
    expect(summary).toEqual({ images: 2, accepted: 1, denied: 1, errors: 0 });
  });

  it('register --from: bad images are skipped, people who cannot be registered are reported, the rest continue; _ and . folders are not people', async () => {
    const root = path.join(tmp, 'people');
    const link = (person: string, file: string): void => {
      fs.mkdirSync(path.join(root, person), { recursive: true });
      fs.symlinkSync(file, path.join(root, person, path.basename(file)));
    };
    link('Ada', ada);
    link('Ada', noFace);
    link('Ada', adaOther);
    link('Bob', bob);
    link('Crowd', multiFace);
    link('Alias', adaProbe); // Ada again under another name
    fs.mkdirSync(path.join(root, '.hidden'));
    link('_group', multiFace); // not a person, as evaluate reads a labelled folder
    link('_others', stranger);
    fs.writeFileSync(path.join(root, 'notes.txt'), 'not a person');
    const auth = await service();
    const seen: string[] = [];
    const { people, summary, skippedFolders } = await auth.registerFolder(root, { onPerson: (o) => seen.push(o.name) });
    expect(seen).toEqual(['Ada', 'Alias', 'Bob', 'Crowd']);
    expect(skippedFolders).toEqual(['_group', '_others']);
    expect(people.map((p) => [p.name, p.status === 'registered' ? p.added : p.code])).toEqual([
      ['Ada', 2],
      ['Alias', 'COLLISION'],
      ['Bob', 1],
      ['Crowd', 'MULTIPLE_FACES'],
    ]);
    expect(summary).toEqual({ people: 4, registered: 2, refused: 2, images: 6, imagesUsed: 3, imagesRejected: 3 });
  });

  it('authenticate --batch: one row per file; broken files become error rows and the batch goes on', async () => {
    const dir = path.join(tmp, 'batch');
    fs.mkdirSync(dir);
    fs.symlinkSync(adaProbe, path.join(dir, 'a-ada.jpg'));
    fs.writeFileSync(path.join(dir, 'b-broken.jpg'), fs.readFileSync(adaProbe).subarray(0, 2000));
    fs.symlinkSync(stranger, path.join(dir, 'c-stranger.jpg'));
    fs.writeFileSync(path.join(dir, 'd-notes.txt'), 'hello');
    fs.symlinkSync(noFace, path.join(dir, 'e-cat.png'));
    // A link to a device and a pipe are rows too (refused unread), never dropped; a folder is not a file.
    fs.symlinkSync('/dev/zero', path.join(dir, 'f-zero.jpg'));
    execFileSync('mkfifo', [path.join(dir, 'g-pipe.jpg')]);
    fs.mkdirSync(path.join(dir, 'h-folder'));
    const auth = await service();
    registered(await auth.register('Ada', [ada]));
    const { rows, summary } = await auth.authenticateBatch(dir);
    expect(rows.map((r) => [path.basename(r.file), isErrorRow(r) ? r.error.code : r.authenticated])).toEqual([
      ['a-ada.jpg', true],
      ['b-broken.jpg', 'CORRUPT_IMAGE'],
      ['c-stranger.jpg', false],
      ['d-notes.txt', 'NOT_AN_IMAGE'],
      ['e-cat.png', 'NO_FACE'],
      ['f-zero.jpg', 'NOT_AN_IMAGE'],
      ['g-pipe.jpg', 'NOT_AN_IMAGE'],
    ]);
    expect(rows.slice(5).map((r) => (isErrorRow(r) ? r.error.message : ''))).toEqual([
      expect.stringContaining('is not a regular file'),
      expect.stringContaining('is not a regular file'),
    ]);
    expect(summary).toEqual({ images: 7, accepted: 1, denied: 1, errors: 5 });
    expect((await auth.stats()).attempts).toMatchObject({ accepted: 1, denied: 1, errors: 5 });
  });

  it('deleteKey removes a damaged record by its storage key (sqlite store in a temp folder), logged with the key', async () => {
    const file = path.join(tmp, 'damaged', 's.db');
    const profile = storeProfileOf(engine);
    const first = await openStore(`sqlite:${file}`, profile);
    const auth = createAuthService({ engine, store: first, audit: openMemoryAuditLog(), settings: authSettingsFrom(config) });
    registered(await auth.register('Bob', [bob]));
    registered(await auth.register('Ada', [ada]));
    expect(await auth.authenticate(bobProbe)).toMatchObject({ authenticated: true, name: 'Bob' }); // the gallery is loaded
    const raw = sqliteRaw(file);
    const doc = JSON.parse((await raw.read('bob'))!) as Record<string, unknown>;
    await raw.write('bob', JSON.stringify({ ...doc, name: 'Zed' }));
    expect((await auth.list()).find((s) => s.key === 'bob')).toMatchObject({ status: 'corrupt', name: 'Zed' });
    expect(await auth.delete('Zed')).toBe(false);
    expect(await auth.deleteKey('bob')).toBe(true);
    expect(await auth.deleteKey('bob')).toBe(false);
    // Gone from the store and from the loaded gallery.
    expect((await auth.list()).map((s) => s.key)).toEqual(['ada']);
    expect(await auth.authenticate(bobProbe)).toMatchObject({ authenticated: false, reason: 'below-threshold' });
    expect((await auth.audit.read()).entries.filter((e) => e.event === 'delete')).toEqual([expect.objectContaining({ name: 'bob', key: 'bob' })]);
    await first.close();
  });

  it('search lists the nearest people with scores; delete removes a person from later searches', async () => {
    const auth = await service();
    registered(await auth.register('Ada', [ada]));
    registered(await auth.register('Bob', [bob]));
    const found = await auth.search(adaProbe, 5);
    expect(found.hits.map((h) => [h.name, h.match])).toEqual([
      ['Ada', true],
      ['Bob', false],
    ]);
    expect(await auth.delete('ADA')).toBe(true);
    expect(await auth.delete('Ada')).toBe(false);
    expect((await auth.search(adaProbe, 5)).hits.map((h) => h.name)).toEqual(['Bob']);
    expect(await auth.authenticate(adaProbe)).toMatchObject({ authenticated: false, name: null });
    expect((await auth.audit.read()).entries.filter((e) => e.event === 'delete')).toHaveLength(1);
  });
});
