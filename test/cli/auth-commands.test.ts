/**
 * register / authenticate / search / list / delete / stats through the real,
 * built CLI process, on real photos, with temp SQLite stores and a temp
 * XDG_DATA_HOME: exit codes, JSON shapes, messages and the audit file.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { canRunOnTerminal, requireBuild, runBin, runBinOnTerminal, terminalKeys, type CliResult } from '../support/cli.js';
import { facePath, repoRoot, requireSharedFaces } from '../support/faces.js';
import { corruptDocument, syntheticRecord } from '../support/store-fixtures.js';
import { sqliteRaw, withSqlite } from '../support/store-raw.js';
import { openStore } from '../../src/core/store/face-store.js';
import { cast } from '../support/cast.js';

const { ada, adaProbe, bob, bobProbe, stranger } = cast;

const noFace = facePath('_no_face/python3-skimage__chelsea.png');
const multiFace = facePath('_multi_face/face_recognition__obama_and_biden.jpg');

const sources = ['cli/main.ts', 'cli/auth-service.ts', 'core/config/schema.ts']
  .concat(['register', 'authenticate', 'search', 'list', 'delete', 'stats', 'index'].map((c) => `cli/commands/${c}.ts`))
  .concat(fs.readdirSync(new URL('../../src/core/auth/', import.meta.url)).filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts')).map((f) => `core/auth/${f}`));

let tmp: string;
let env: NodeJS.ProcessEnv;

/** A CLI bound to one store file. */
const cliFor = (store: string, extra: string[] = []) => (...args: string[]): Promise<CliResult> => runBin(['--store', `sqlite:${store}`, ...extra, ...args], { env });

const json = <T = Record<string, unknown>>(result: CliResult): T => {
  try {
    return JSON.parse(result.stdout) as T;
  } catch {
    throw new Error(`stdout is not JSON (exit ${result.code}):\n${result.stdout}\nstderr:\n${result.stderr}`);
  }
};

const hasScript = canRunOnTerminal();

/** The built CLI on a pseudo-terminal, with the test's environment. */
const runOnTerminal = (args: readonly string[], answer: string): Promise<CliResult> => runBinOnTerminal(args, answer, { env });

beforeAll(() => {
  requireBuild(sources);
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'auth-cli-test-'));
  env = { XDG_DATA_HOME: path.join(tmp, 'xdg-data') };
});
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

describe.runIf(requireSharedFaces())('face-auth-tui register / authenticate (built CLI, real processes)', () => {
  it('register then authenticate: exit codes, JSON, unknown person denied, collisions, 1:1, audit log', async () => {
    const store = path.join(tmp, 'main', 's.db');
    const cli = cliFor(store);

    const empty = await cli('authenticate', adaProbe);
    expect(empty.code).toBe(1);
    expect(empty.stdout).toContain('no one is enrolled');
    expect(empty.stderr).toContain('face-auth-tui register');
    // Nothing was created for it: no database, no audit log (so the attempt is not in it).
    expect(empty.stderr).toContain(`note: there is no store at ${store} (nothing was created there)`);
    expect(fs.existsSync(path.dirname(store))).toBe(false);

    const reg = await cli('--json', 'register', 'Ada', ada);
    expect(reg.code, reg.stderr).toBe(0);
    expect(json(reg)).toMatchObject({ status: 'registered', name: 'Ada', mode: 'new', added: 1, templates: 1, collision: null });
    expect((await cli('register', 'Bob', bob)).code).toBe(0);
    expect(fs.statSync(store).mode & 0o777).toBe(0o600);

    const yes = await cli('--json', 'authenticate', adaProbe);
    expect(yes.code).toBe(0);
    const accepted = json(yes);
    expect(Object.keys(accepted).slice(0, 6)).toEqual(['authenticated', 'name', 'score', 'threshold', 'margin', 'faces']);
    expect(accepted).toMatchObject({ authenticated: true, name: 'Ada', threshold: 0.35, faces: 1 });
    expect(accepted['score']).toBeGreaterThan(0.5);
    expect(accepted['margin']).toBeGreaterThan(0.3);

    const no = await cli('--json', 'authenticate', stranger);
    expect(no.code).toBe(1);
    expect(json(no)).toMatchObject({ authenticated: false, name: null, reason: 'below-threshold' });
    const noText = await cli('authenticate', stranger);
    expect(noText.code).toBe(1);
    expect(noText.stdout).toMatch(/^DENIED: no enrolled person matches \(best score -?0\.\d+ < threshold 0\.35\)/);

    const collision = await cli('register', 'Alias', adaProbe);
    expect(collision.code).toBe(1);
    expect(collision.stderr).toMatch(/^error \[COLLISION\]: .*already matches the enrolled person "Ada".*; "Alias" was not registered\. If they really are different people, run again with --force/m);
    const forced = await cli('register', 'Alias', adaProbe, '--force');
    expect(forced.code, forced.stderr).toBe(0);
    expect(forced.stderr).toMatch(/registered despite matching "Ada"/);

    const claimed = await cli('--json', 'authenticate', '--user', 'Bob', bobProbe);
    expect(claimed.code).toBe(0);
    expect(json(claimed)).toMatchObject({ authenticated: true, name: 'Bob', mode: 'verify', claimed: 'Bob' });
    const wrongClaim = await cli('authenticate', '--user', 'Bob', adaProbe);
    expect(wrongClaim.code).toBe(1);
    expect(wrongClaim.stdout).toMatch(/DENIED: the face does not match "Bob"/);

    const bad = await cli('register', 'Carol', noFace, multiFace);
    expect(bad.code).toBe(2);
    expect(bad.stdout).toMatch(/rejected .*chelsea\.png: \[NO_FACE\] no face was found/);
    expect(bad.stdout).toMatch(/rejected .*obama_and_biden\.jpg: \[MULTIPLE_FACES\] 3 faces were found; exactly one is required/);
    // A refusal is one line, as every error: the message and what to do next.
    expect(bad.stderr).toMatch(
      /^error \[NO_FACE\]: 2 of 2 images rejected; nothing was registered for "Carol"\. Each photo must show exactly one usable face: replace or leave out the rejected ones\.$/m,
    );
    expect(bad.stderr).not.toMatch(/^ {2}\S/m);

    const again = await cli('register', 'ada', adaProbe);
    expect(again.code).toBe(2);
    expect(again.stderr).toMatch(/\[ALREADY_ENROLLED\].*--add/s);

    const noImage = await cli('authenticate', path.join(tmp, 'missing.jpg'));
    expect(noImage.code).toBe(2);
    expect(noImage.stderr).toMatch(/error \[FILE_NOT_FOUND\]/);

    const audit = fs.readFileSync(`${store}.audit.jsonl`, 'utf8').trim().split('\n');
    expect(fs.statSync(`${store}.audit.jsonl`).mode & 0o777).toBe(0o600);
    const entries = audit.map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(entries.map((e) => (e['event'] === 'authenticate' ? e['result'] : e['event']))).toEqual([
      'register', 'register', 'accepted', 'denied', 'denied', 'register', 'accepted', 'denied', 'error',
    ]);
    for (const e of entries) {
      expect(typeof e['time']).toBe('string');
      expect(e).not.toHaveProperty('embedding');
      expect(Object.values(e).some((v) => Array.isArray(v) || (typeof v === 'string' && v.length > 100))).toBe(false);
      if (e['event'] === 'authenticate') expect(Object.keys(e)).toEqual(expect.arrayContaining(['result', 'name', 'claimed', 'score', 'threshold']));
    }
    expect(entries[2]).toMatchObject({ name: 'Ada', claimed: null });
    expect(entries[7]).toMatchObject({ result: 'denied', claimed: 'Bob', name: null });

    const stats = await cli('--json', 'stats');
    expect(stats.code).toBe(0);
    expect(json(stats)).toMatchObject({
      people: 3,
      templates: 3,
      model: expect.any(String) as unknown,
      threshold: 0.35,
      auditLog: `${store}.audit.jsonl`,
      attempts: { total: 6, accepted: 2, denied: 3, locked: 0, errors: 1 },
    });
    expect(json<{ bytes: number }>(stats).bytes).toBeGreaterThan(3 * 512 * 4);

    const search = await cli('--json', 'search', adaProbe, '-k', '2');
    expect(search.code).toBe(0);
    const hits = json<{ hits: { name: string; match: boolean }[] }>(search).hits;
    expect(hits.map((h) => h.name).sort()).toEqual(['Ada', 'Alias']);
    expect(hits.every((h) => h.match)).toBe(true);
  }, 120_000);

  it('authenticate --threshold only raises the bar: a lower value is refused before any attempt (no acceptance, no lockout reset); search --threshold only marks scores', async () => {
    const file = path.join(tmp, 'threshold', 's.db');
    const cli = cliFor(file);
    expect((await cli('register', 'Ada', ada)).code).toBe(0);
    expect((await cli('register', 'Bob', bob)).code).toBe(0);
    const auditLines = (): string[] => fs.readFileSync(`${file}.audit.jsonl`, 'utf8').trim().split('\n');
    const before = auditLines();
    const lowered = await cli('authenticate', '--user', 'Ada', '--threshold', '-1', bobProbe);
    expect(lowered.code).toBe(2);
    expect(lowered.stdout).toBe('');
    expect(lowered.stderr).toMatch(
      /^error \[INVALID_ARGUMENT\]: --threshold -1 is below verification\.threshold \(0\.35\): authenticate --threshold can only raise the bar\. To accept lower scores, change verification\.threshold in the config \(.*config\.yaml\)/,
    );
    const loweredJson = await cli('--json', 'authenticate', '--threshold', '0.2', stranger);
    expect(loweredJson.code).toBe(2);
    expect(json(loweredJson)).toMatchObject({ error: { code: 'INVALID_ARGUMENT' } });
    expect((await cli('authenticate', '--batch', tmp, '--threshold', '0.3499')).code).toBe(2);
    // Nothing was attempted: no audit line, so no acceptance and no reset of a lockout count.
    expect(auditLines()).toEqual(before);

    const same = await cli('--json', 'authenticate', '--user', 'Ada', '--threshold', '0.35', adaProbe);
    expect(json(same)).toMatchObject({ authenticated: true, threshold: 0.35 });
    const raised = await cli('--json', 'authenticate', '--user', 'Ada', '--threshold', '0.99', adaProbe);
    expect(raised.code).toBe(1);
    expect(json(raised)).toMatchObject({ authenticated: false, reason: 'below-threshold', threshold: 0.99 });

    // search decides nothing: a low --threshold only marks more scores.
    const search = await cli('--json', 'search', stranger, '--threshold', '-1');
    expect(search.code).toBe(0);
    expect(json<{ threshold: number; hits: { match: boolean }[] }>(search)).toMatchObject({ threshold: -1, hits: [{ match: true }, { match: true }] });

    // Text output prints a threshold as the value it is (0.3185, not 0.32), as the config holds it.
    const config = path.join(tmp, 'threshold.yaml');
    fs.writeFileSync(config, 'verification:\n  threshold: 0.3185\n');
    const configured = cliFor(file, ['--config', config]);
    expect((await configured('authenticate', adaProbe)).stdout).toMatch(/^ACCEPTED: Ada \(score 0\.\d{3}, threshold 0\.3185, margin/);
    expect((await configured('authenticate', '--user', 'Ada', stranger)).stdout).toMatch(/< threshold 0\.3185\)/);
    expect((await configured('authenticate', '--threshold', '0.4', stranger)).stdout).toMatch(/< threshold 0\.40\)/);
    expect((await configured('search', adaProbe)).stdout).toMatch(/^1 face; threshold 0\.3185$/m);
    expect((await configured('stats')).stdout).toMatch(/threshold\s+0\.3185$/m);
  });

  it('locks a claimed user out after auth.maxFailures failures, until auth.cooldownSeconds have passed, with or without --user', async () => {
    const config = path.join(tmp, 'lockout.yaml');
    // A cool-down far longer than the test takes on the slowest machine; its end is then tried with a short one.
    fs.writeFileSync(config, 'auth:\n  maxFailures: 2\n  cooldownSeconds: 600\n');
    const store = path.join(tmp, 'lockout', 's.db');
    const cli = cliFor(store, ['--config', config]);
    expect((await cli('register', 'Ada', ada)).code).toBe(0);
    expect((await cli('register', 'Bob', bob)).code).toBe(0);
    // 1:N denials claim no one: they count towards no one's lockout.
    for (let i = 0; i < 2; i++) expect((await cli('authenticate', stranger)).code).toBe(1);
    expect((await cli('authenticate', '--user', 'Ada', adaProbe)).code).toBe(0);
    for (let i = 0; i < 2; i++) expect((await cli('authenticate', '--user', 'Ada', stranger)).code).toBe(1);
    const locked = await cli('authenticate', '--user', 'Ada', adaProbe);
    expect(locked.code, locked.stderr).toBe(1);
    expect(locked.stdout, locked.stderr).toMatch(/DENIED: locked out after too many failed attempts for "Ada"; try again in (59\d|600) s/);
    const lockedJson = await cli('--json', 'authenticate', '--user', 'ada', adaProbe);
    expect(json(lockedJson)).toMatchObject({ authenticated: false, name: null, score: null, reason: 'locked-out', lockedUser: 'ada' });
    // Leaving out --user does not get round the lockout: Ada's face is not accepted 1:N either.
    const identify = await cli('authenticate', adaProbe);
    expect(identify.code, identify.stderr).toBe(1);
    expect(identify.stdout, identify.stderr).toMatch(/^DENIED: the face matches "Ada", who is locked out after too many failed attempts \(no score shown\); try again in (59\d|600) s; 1 face/);
    const identifyJson = await cli('--json', 'authenticate', adaProbe);
    expect(identifyJson.code).toBe(1);
    expect(json(identifyJson)).toMatchObject({ authenticated: false, name: null, mode: 'identify', claimed: null, reason: 'locked-out', lockedUser: 'Ada', faces: 1 });
    expect((await cli('authenticate', bobProbe)).code).toBe(0); // others are not affected
    // The cool-down runs from the second failure, as the audit log recorded it.
    const failures = fs.readFileSync(`${store}.audit.jsonl`, 'utf8').trim().split('\n').map((l) => JSON.parse(l) as { result?: string; claimed?: string | null; time: string });
    const lastFailure = Date.parse(failures.filter((e) => e.result === 'denied' && e.claimed === 'Ada').at(-1)!.time);
    expect(failures.filter((e) => e.result === 'locked')).toHaveLength(4);
    expect(failures.filter((e) => e.result === 'locked' && e.claimed === null)).toEqual([
      expect.objectContaining({ mode: 'identify', name: null, lockedUser: 'Ada' }),
      expect.objectContaining({ mode: 'identify', name: null, lockedUser: 'Ada' }),
    ]);
    // With a 1 s cool-down, the same audit log no longer locks Ada out once 1 s has passed since that failure.
    const short = path.join(tmp, 'lockout-short.yaml');
    fs.writeFileSync(short, 'auth:\n  maxFailures: 2\n  cooldownSeconds: 1\n');
    const later = cliFor(store, ['--config', short]);
    await new Promise((resolve) => setTimeout(resolve, Math.max(0, lastFailure + 1_000 + 100 - Date.now())));
    expect(json(await later('--json', 'authenticate', adaProbe))).toMatchObject({ authenticated: true, name: 'Ada' });
    const after = await later('--json', 'authenticate', '--user', 'Ada', adaProbe);
    expect(after.code).toBe(0);
    expect(json(after)).toMatchObject({ authenticated: true, name: 'Ada' });
  }, 120_000);

  it('register --from and authenticate --batch go on past bad files and end with a summary', async () => {
    const people = path.join(tmp, 'people');
    const link = (dir: string, file: string, as = path.basename(file)): void => {
      fs.mkdirSync(dir, { recursive: true });
      fs.symlinkSync(file, path.join(dir, as));
    };
    link(path.join(people, 'Ada'), ada);
    link(path.join(people, 'Ada'), noFace);
    link(path.join(people, 'Bob'), bob);
    link(path.join(people, 'Crowd'), multiFace);
    link(path.join(people, '_group'), multiFace);
    const batch = path.join(tmp, 'batch');
    link(batch, adaProbe, '1-ada.jpg');
    fs.writeFileSync(path.join(batch, '2-broken.jpg'), fs.readFileSync(adaProbe).subarray(0, 1500));
    link(batch, stranger, '3-stranger.jpg');
    link(batch, bobProbe, '4-bob.jpg');
    const cli = cliFor(path.join(tmp, 'folders', 's.db'));

    const from = await cli('register', '--from', people);
    expect(from.code).toBe(1);
    expect(from.stdout).toMatch(/rejected .*chelsea\.png: \[NO_FACE\]/);
    expect(from.stdout).toContain('registered "Ada": 1 new template(s)');
    expect(from.stderr).toMatch(/\[MULTIPLE_FACES\]/);
    expect(from.stdout).toContain(
      'summary: 2 of 3 people registered, 1 refused; 2 of 4 images used, 2 skipped; folders skipped (names starting with "_" or "." are not people): _group',
    );
    expect(from.stdout).not.toContain('_group:');

    const table = await cli('authenticate', '--batch', batch);
    expect(table.code).toBe(2);
    const lines = table.stdout.trim().split('\n');
    expect(lines[0]).toMatch(/^FILE\s+RESULT\s+NAME\s+SCORE\s+MARGIN\s+FACES\s+REASON$/);
    expect(lines[1]).toMatch(/1-ada\.jpg\s+ACCEPTED\s+Ada\s+0\.\d{3}/);
    expect(lines[2]).toMatch(/2-broken\.jpg\s+ERROR .*\[CORRUPT_IMAGE\]/);
    expect(lines[3]).toMatch(/3-stranger\.jpg\s+DENIED\s+-/);
    expect(lines[4]).toMatch(/4-bob\.jpg\s+ACCEPTED\s+Bob/);
    expect(lines[5]).toBe('summary: 4 images: 2 accepted, 1 denied, 1 errors (threshold 0.35)');

    const asJson = await cli('--json', 'authenticate', '--batch', batch);
    expect(asJson.code).toBe(2);
    const out = json<{ results: Record<string, unknown>[]; summary: Record<string, unknown> }>(asJson);
    expect(out.summary).toEqual({ images: 4, accepted: 2, denied: 1, errors: 1, threshold: 0.35 });
    expect(out.results.map((r) => r['name'] ?? (r['error'] as { code: string } | undefined)?.code ?? null)).toEqual(['Ada', 'CORRUPT_IMAGE', null, 'Bob']);
  });

  it('list --json, delete (refuses without --yes when not interactive), and the default store in XDG_DATA_HOME', async () => {
    const cli = (...args: string[]): Promise<CliResult> => runBin(args, { env });
    expect((await cli('register', 'Ada Lovelace', ada)).code).toBe(0);
    expect(fs.existsSync(path.join(tmp, 'xdg-data', 'face-auth-tui', 'store.db'))).toBe(true);
    expect(fs.existsSync(path.join(tmp, 'xdg-data', 'face-auth-tui', 'store.db.audit.jsonl'))).toBe(true);
    const list = await cli('--json', 'list');
    expect(list.code).toBe(0);
    const people = json<Record<string, unknown>[]>(list);
    expect(people).toEqual([{ name: 'Ada Lovelace', templates: 1, created: expect.stringMatching(/^\d{4}-\d\d-\d\dT/) as unknown }]);
    const text = await cli('list');
    expect(text.stdout).toMatch(/^NAME\s+TEMPLATES\s+CREATED\s+STATUS\nAda Lovelace\s+1\s+\d{4}-/);

    const refused = await cli('delete', 'ada lovelace');
    expect(refused.code).toBe(2);
    expect(refused.stderr).toMatch(/without confirmation/);
    expect(refused.stderr).toContain('face-auth-tui delete "Ada Lovelace" --yes');
    const missing = await cli('delete', 'Nobody', '--yes');
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/\[NOT_ENROLLED\]/);
    const deleted = await cli('delete', 'ada lovelace', '--yes');
    expect(deleted.code).toBe(0);
    expect(deleted.stdout).toContain('deleted "Ada Lovelace"');
    expect(json<unknown[]>(await cli('--json', 'list'))).toEqual([]);
    const empty = await cli('--json', 'authenticate', adaProbe);
    expect(empty.code).toBe(1);
    expect(json(empty)).toMatchObject({ authenticated: false, name: null, reason: 'no-one-enrolled' });
  });

  it.runIf(hasScript)('delete asks first on a terminal: "n", Ctrl+C or Ctrl+D keeps the person (exit 1), "y" deletes (exit 0)', async () => {
    const store = path.join(tmp, 'tty', 's.db');
    expect((await cliFor(store)('register', 'Ada', ada)).code).toBe(0);
    const kept = await runOnTerminal(['--store', `sqlite:${store}`, 'delete', 'ada'], 'n');
    expect(kept.stdout).toMatch(/Delete "Ada" \(1 template\(s\), enrolled \d{4}-.*\? \[y\/N\]/);
    expect(kept.stdout).toContain('not deleted');
    expect(kept.code).toBe(1);
    expect(json<unknown[]>(await cliFor(store)('--json', 'list'))).toHaveLength(1);
    // Ctrl+C and Ctrl+D at the question mean "no" too: not a bug report.
    for (const key of [terminalKeys.ctrlC, terminalKeys.ctrlD]) {
      const interrupted = await runOnTerminal(['--store', `sqlite:${store}`, 'delete', 'ada'], key);
      expect(interrupted.stdout).toMatch(/\nnot deleted/);
      expect(interrupted.stdout).not.toMatch(/internal error|bug/i);
      expect(interrupted.code, interrupted.stdout).toBe(1);
    }
    expect(json<unknown[]>(await cliFor(store)('--json', 'list'))).toHaveLength(1);
    const gone = await runOnTerminal(['--store', `sqlite:${store}`, 'delete', 'ada'], 'y');
    expect(gone.stdout).toContain('deleted "Ada"');
    expect(gone.code).toBe(0);
    expect(json<unknown[]>(await cliFor(store)('--json', 'list'))).toEqual([]);
  });

  it('a damaged record ("bob" renamed "Zed" inside the database) is listed with its key and can be deleted by key or by name', async () => {
    const file = path.join(tmp, 'renamed', 's.db');
    const cli = cliFor(file);
    const rename = async (): Promise<void> => {
      expect((await cli('register', 'bob', bob)).code).toBe(0);
      const raw = sqliteRaw(file);
      await raw.write('bob', JSON.stringify({ ...(JSON.parse((await raw.read('bob'))!) as object), name: 'Zed' }));
    };
    await rename();
    const listed = await cli('list');
    expect(listed.code).toBe(0);
    expect(listed.stdout).toMatch(/\nZed\s+-\s+-\s+corrupt \(key "bob"\): stored under key "bob" but named "Zed"/);
    expect(listed.stderr).toContain('remove it with: face-auth-tui delete "bob", then register the person again');
    expect(json<unknown[]>(await cli('--json', 'list'))).toEqual([expect.objectContaining({ name: 'Zed', key: 'bob', status: 'corrupt' })]);
    const warned = await cli('authenticate', bobProbe);
    expect(warned.stderr).toContain('damaged record(s) skipped (left untouched for inspection): "Zed" (key "bob")');
    const refused = await cli('delete', 'Zed');
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain('face-auth-tui delete "bob" --yes');

    const byName = await cli('delete', '--yes', 'Zed');
    expect(byName.code, byName.stderr).toBe(0);
    expect(byName.stdout).toContain('deleted "Zed" (key "bob")');
    expect(json<unknown[]>(await cli('--json', 'list'))).toEqual([]);

    await rename();
    const byKey = await cli('--json', 'delete', '--yes', 'bob');
    expect(byKey.code, byKey.stderr).toBe(0);
    expect(json(byKey)).toEqual({ deleted: true, name: 'Zed', key: 'bob' });
    expect(json<unknown[]>(await cli('--json', 'list'))).toEqual([]);
    const deletes = fs.readFileSync(`${file}.audit.jsonl`, 'utf8').trim().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>).filter((e) => e['event'] === 'delete');
    expect(deletes).toEqual([expect.objectContaining({ name: 'bob', key: 'bob' }), expect.objectContaining({ name: 'bob', key: 'bob' })]);
  });

  it('another model\'s records: refused with STORE_MISMATCH only while no one else is usable; then skipped with a warning', async () => {
    const file = path.join(tmp, 'legacy', 's.db');
    const legacy = { modelId: 'old-model@1', preprocessing: 'old-prep@1', dim: 512 };
    const store = await openStore(`sqlite:${file}`, legacy);
    await store.put(syntheticRecord('Grace', 7, { profile: legacy }));
    await store.close();
    const cli = cliFor(file);
    const result = await cli('authenticate', adaProbe);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/error \[STORE_MISMATCH\]: .*Grace: enrolled with model old-model@1/);
    expect(result.stderr).toMatch(/The preprocessing fingerprint covers the face models \(their files, input and alignment settings\), the pipeline version and the image\.background setting/);
    expect(result.stderr).toContain('face-auth-tui delete "Grace" then face-auth-tui register "Grace"');
    const list = await cli('--json', 'list');
    expect(json<unknown[]>(list)).toEqual([expect.objectContaining({ name: 'Grace', status: 'mismatch' })]);
    // One record of another model no longer disables the store: register, 1:N, 1:1 and search work, with a warning.
    const reg = await cli('register', 'Ada', ada);
    expect(reg.code, reg.stderr).toBe(0);
    expect(reg.stderr).toMatch(/1 record\(s\) of another model or preprocessing skipped \(left untouched\): Grace: enrolled with model old-model@1/);
    const oneToN = await cli('--json', 'authenticate', adaProbe);
    expect(oneToN.code, oneToN.stderr).toBe(0);
    expect(json(oneToN)).toMatchObject({ authenticated: true, name: 'Ada' });
    expect(oneToN.stderr).toContain('face-auth-tui delete "Grace" then face-auth-tui register "Grace" <photo...>');
    expect((await cli('authenticate', '--user', 'Ada', adaProbe)).code).toBe(0);
    const search = await cli('--json', 'search', adaProbe);
    expect(json<{ hits: { name: string }[] }>(search).hits.map((h) => h.name)).toEqual(['Ada']);
    const claimed = await cli('authenticate', '--user', 'Grace', adaProbe);
    expect(claimed.code).toBe(2);
    expect(claimed.stderr).toMatch(/error \[STORE_MISMATCH\]: A person was enrolled with a different model or preprocessing: Grace/);
  });

  it('a NULL or BLOB value in a SQLite row is a damaged record: list, stats and authenticate go on, delete <key> removes it', async () => {
    const file = path.join(tmp, 'null-row', 's.db');
    const cli = cliFor(file);
    expect((await cli('register', 'Ada', ada)).code).toBe(0);
    expect((await cli('register', 'Bob', bob)).code).toBe(0);
    expect((await cli('register', 'Carol', stranger)).code).toBe(0);
    await withSqlite(file, async (db) => {
      await db.query(`UPDATE faces SET value = NULL WHERE key = 'person:bob'`);
      await db.query(`UPDATE faces SET value = zeroblob(8) WHERE key = 'person:carol'`);
    });
    const list = await cli('list');
    expect(list.code, list.stderr).toBe(0);
    expect(list.stdout).toMatch(/\nbob\s+-\s+-\s+corrupt \(key "bob"\): the stored value is NULL, not a record document \(JSON text\)/);
    expect(list.stdout).toMatch(/\ncarol\s+-\s+-\s+corrupt \(key "carol"\): the stored value is a BLOB of 8 bytes/);
    expect(json(await cli('--json', 'stats'))).toMatchObject({ people: 1, corrupt: 2 });
    const auth = await cli('authenticate', adaProbe);
    expect(auth.code, auth.stderr).toBe(0);
    expect(auth.stderr).toContain('2 damaged record(s) skipped (left untouched for inspection): "bob", "carol"');
    const claimed = await cli('authenticate', '--user', 'Bob', bobProbe);
    expect(claimed.code).toBe(2);
    expect(claimed.stderr).toContain('error [STORE_ERROR]: The stored record for "bob" is damaged: the stored value is NULL');
    const deleted = await cli('delete', '--yes', 'bob');
    expect(deleted.code, deleted.stderr).toBe(0);
    expect((await cli('delete', '--yes', 'carol')).code).toBe(0);
    expect(json<unknown[]>(await cli('--json', 'list'))).toEqual([expect.objectContaining({ name: 'Ada' })]);
  });

  it('authenticate --user of a damaged record says so (exit 2), never "not enrolled", and it does not count towards the lockout', async () => {
    const config = path.join(tmp, 'damaged-lockout.yaml');
    fs.writeFileSync(config, 'auth:\n  maxFailures: 1\n  cooldownSeconds: 600\n');
    const file = path.join(tmp, 'damaged-user', 's.db');
    const cli = cliFor(file, ['--config', config]);
    expect((await cli('register', 'P06', ada)).code).toBe(0);
    const raw = sqliteRaw(file);
    await raw.write('p06', corruptDocument((await raw.read('p06'))!, 'checksum'));
    for (let i = 0; i < 2; i++) {
      const result = await cli('authenticate', '--user', 'P06', adaProbe);
      expect(result.code).toBe(2);
      expect(result.stdout).toBe('');
      expect(result.stderr).toContain('error [STORE_ERROR]: The stored record for "P06" is damaged: template 0: embedding checksum mismatch');
      expect(result.stderr).toContain('face-auth-tui delete "P06", then register the person again');
    }
    const entries = fs.readFileSync(`${file}.audit.jsonl`, 'utf8').trim().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(entries.filter((e) => e['event'] === 'authenticate').map((e) => [e['result'], e['code']])).toEqual([
      ['error', 'STORE_ERROR'],
      ['error', 'STORE_ERROR'],
    ]);
  });

  it('search is audited, and leaves a locked-out person out', async () => {
    const config = path.join(tmp, 'search-lockout.yaml');
    fs.writeFileSync(config, 'auth:\n  maxFailures: 1\n  cooldownSeconds: 600\n');
    const file = path.join(tmp, 'search-lockout', 's.db');
    const cli = cliFor(file, ['--config', config]);
    expect((await cli('register', 'Ada', ada)).code).toBe(0);
    expect((await cli('register', 'Bob', bob)).code).toBe(0);
    expect((await cli('authenticate', '--user', 'Bob', stranger)).code).toBe(1);
    const text = await cli('search', bobProbe, '-k', '2');
    expect(text.code, text.stderr).toBe(0);
    // Bob, the nearest, is locked out: Ada is the only one shown.
    expect(text.stdout).toMatch(/^1 face; threshold 0\.35\n {2}1\. Ada {2}-?0\.\d{3}\n$/);
    const asJson = json<{ hits: Record<string, unknown>[] }>(await cli('--json', 'search', bobProbe, '-k', '1'));
    expect(asJson.hits).toEqual([{ name: 'Ada', score: expect.any(Number) as unknown, match: false }]);
    const searches = fs.readFileSync(`${file}.audit.jsonl`, 'utf8').trim().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>).filter((e) => e['event'] === 'search');
    expect(searches).toEqual([
      expect.objectContaining({ result: 'ok', k: 2, hits: [{ name: 'Ada', score: expect.any(Number) as unknown }] }),
      expect.objectContaining({ result: 'ok', k: 1, hits: [{ name: 'Ada', score: expect.any(Number) as unknown }] }),
    ]);
    expect(JSON.stringify(searches)).not.toContain(bobProbe);
  });

  it('commands that only read create nothing at a missing store path, and say which path has no store', async () => {
    const missing = path.join(tmp, 'nothing-here');
    for (const uri of [`sqlite:${path.join(missing, 'a', 's.db')}`, `file:${path.join(missing, 'b', 's.json')}`]) {
      const cli = (...args: string[]): Promise<CliResult> => runBin(['--store', uri, ...args], { env });
      const where = uri.slice(uri.indexOf(':') + 1);
      const list = await cli('list');
      expect(list.code).toBe(0);
      expect(list.stderr).toContain(`note: there is no store at ${where} (nothing was created there)`);
      expect(json(await cli('--json', 'stats'))).toMatchObject({ people: 0, bytes: null });
      const auth = await cli('--json', 'authenticate', adaProbe);
      expect(auth.code).toBe(1);
      expect(json(auth)).toMatchObject({ reason: 'no-one-enrolled' });
      expect((await cli('authenticate', '--user', 'Ada', adaProbe)).code).toBe(1);
      expect((await cli('search', adaProbe)).code).toBe(0);
      const deleted = await cli('delete', '--yes', 'Ada');
      expect(deleted.code).toBe(2);
      expect(deleted.stderr).toContain('[NOT_ENROLLED]');
      expect(fs.existsSync(missing)).toBe(false);
    }
  });

  it('register --store memory: says the registration is gone when the process exits; --add keeps the enrolled spelling', async () => {
    const memory = await runBin(['--store', 'memory:', 'register', 'Ada', ada], { env });
    expect(memory.code).toBe(0);
    expect(memory.stdout).toContain('registered "Ada"');
    expect(memory.stderr).toContain('note: the store is memory: — the registration lasts only as long as this process and is gone when it exits');
    const memoryJson = json<{ status: string; notes: string[] }>(await runBin(['--json', '--store', 'memory:', 'register', 'Ada', ada], { env }));
    expect(memoryJson.status).toBe('registered');
    expect(memoryJson.notes).toEqual([expect.stringMatching(/^the store is memory: — the registration lasts only as long as this process/)]);
    const cli = cliFor(path.join(tmp, 'spelling', 's.db'));
    expect((await cli('register', 'Alice', ada)).code).toBe(0);
    const added = await cli('register', 'alice', '--add', adaProbe);
    expect(added.code, added.stderr).toBe(0);
    expect(added.stdout).toContain('added to "Alice": 1 new template(s), 2 in all');
    expect(added.stderr).toContain('note: kept the enrolled spelling "Alice" (given: "alice"); --force would rename the person');
    expect(added.stderr).not.toContain('the store is memory:');
    expect(json<{ name: string }[]>(await cli('--json', 'list')).map((p) => p.name)).toEqual(['Alice']);
  });

  it('relative paths in a config file (store.uri, auth.auditLog) are relative to that file, not to the current folder; --store stays relative to the current folder', async () => {
    const folder = path.join(tmp, 'relative-config');
    fs.mkdirSync(folder);
    const config = path.join(folder, 'settings.yaml');
    fs.writeFileSync(config, 'store:\n  uri: sqlite:./people.db\nauth:\n  auditLog: logs/audit.jsonl\n');
    // The command runs in the repository (runBin's working folder), not beside the config.
    const reg = await runBin(['--config', config, 'register', 'Ada', ada], { env });
    expect(reg.code, reg.stderr).toBe(0);
    expect(fs.existsSync(path.join(folder, 'people.db'))).toBe(true);
    expect(fs.existsSync(path.join(folder, 'logs', 'audit.jsonl'))).toBe(true);
    expect(fs.existsSync(path.join(repoRoot, 'people.db'))).toBe(false);
    expect(json(await runBin(['--json', '--config', config, 'stats'], { env }))).toMatchObject({ people: 1, auditLog: path.join(folder, 'logs', 'audit.jsonl') });
    // On the command line a relative --store is relative to the current folder (nothing is created by list).
    const list = await runBin(['--store', 'sqlite:relative-store.db', 'list'], { env });
    expect(list.stderr).toContain(`note: there is no store at ${path.join(repoRoot, 'relative-store.db')}`);
  });

  it('authenticate --batch reports a broken symbolic link as a FILE_NOT_FOUND row; a custom auth.auditLog folder is created 0700', async () => {
    const logDir = path.join(tmp, 'custom-audit', 'logs');
    const config = path.join(tmp, 'custom-audit.yaml');
    fs.writeFileSync(config, `auth:\n  auditLog: ${JSON.stringify(path.join(logDir, 'audit.jsonl'))}\n`);
    const cli = cliFor(path.join(tmp, 'dangling', 's.db'), ['--config', config]);
    expect((await cli('register', 'Ada', ada)).code).toBe(0);
    expect(fs.statSync(path.join(tmp, 'custom-audit')).mode & 0o777).toBe(0o700);
    expect(fs.statSync(logDir).mode & 0o777).toBe(0o700);
    const batch = path.join(tmp, 'dangling-batch');
    fs.mkdirSync(batch);
    fs.symlinkSync(adaProbe, path.join(batch, '1-ada.jpg'));
    fs.symlinkSync(path.join(tmp, 'no-such-photo.jpg'), path.join(batch, '2-dangling.jpg'));
    const table = await cli('authenticate', '--batch', batch);
    expect(table.code).toBe(2);
    expect(table.stdout).toMatch(/2-dangling\.jpg\s+ERROR .*\[FILE_NOT_FOUND\] .*2-dangling\.jpg is a symbolic link to .*no-such-photo\.jpg, which does not exist/);
    expect(table.stdout).toContain('summary: 2 images: 1 accepted, 0 denied, 1 errors (threshold 0.35)');
    // register --from says the same of a dangling link in a person's folder.
    const people = path.join(tmp, 'dangling-people');
    fs.mkdirSync(path.join(people, 'Bob'), { recursive: true });
    fs.symlinkSync(bob, path.join(people, 'Bob', '1-bob.jpg'));
    fs.symlinkSync(path.join(tmp, 'no-such-photo.jpg'), path.join(people, 'Bob', '2-dangling.jpg'));
    const from = await cli('register', '--from', people);
    expect(from.code).toBe(1);
    expect(from.stdout).toMatch(/rejected {2}.*2-dangling\.jpg: \[FILE_NOT_FOUND\] .*2-dangling\.jpg is a symbolic link to .*no-such-photo\.jpg, which does not exist/);
  });
});
