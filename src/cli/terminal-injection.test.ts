/**
 * File names and damaged records' names with newlines and escape sequences, made in a temp
 * folder at test time, through the BUILT CLI (`npm run build` first): each is shown escaped on
 * its own line, so it can neither fake a row ("...ACCEPTED...") nor drive the terminal.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { requireBuild, runBin, type CliResult } from '../../test/support/cli.js';
import { cast } from '../../test/support/cast.js';
import { facePath, requireSharedFaces } from '../../test/support/faces.js';
import { sqliteRaw } from '../../test/support/store-raw.js';

const { ada, adaProbe, bob } = cast;
const noFace = facePath('_no_face/python3-skimage__chelsea.png');

/** Anything that would drive a terminal: C0 controls (newline aside), DEL, C1, bidi controls. */
// eslint-disable-next-line no-control-regex
const unsafe = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/;
/** A name that would fake a row of the table and recolour the terminal. */
const sneaky = (stem: string): string => `${stem}\u001b[31m\nboss.jpg  ACCEPTED  Ada`;
const shown = (stem: string): string => `${stem}\\u001b[31m\\nboss.jpg  ACCEPTED  Ada`;

let tmp: string;
let env: NodeJS.ProcessEnv;

const cliFor = (store: string) => (...args: string[]): Promise<CliResult> => runBin(['--store', `sqlite:${store}`, ...args], { env });

/** Nothing unsafe anywhere in the output, and no line starting with the faked row. */
const expectSafe = (result: CliResult): void => {
  expect(result.stdout + result.stderr).not.toMatch(unsafe);
  expect((result.stdout + result.stderr).split('\n').some((l) => l.startsWith('boss.jpg'))).toBe(false);
};

beforeAll(() => {
  requireBuild(['cli/commands/authenticate.ts', 'cli/commands/register.ts', 'cli/commands/verify.ts', 'cli/commands/list.ts', 'core/text/safe-text.ts']);
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'cli-injection-test-'));
  env = { XDG_DATA_HOME: path.join(tmp, 'xdg-data') };
});
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

describe.runIf(requireSharedFaces())('file and record names cannot fake lines or drive the terminal (built CLI)', () => {
  it('verify shows both file names escaped', async () => {
    const a = path.join(tmp, sneaky('a'));
    const b = path.join(tmp, sneaky('b'));
    fs.copyFileSync(ada, a);
    fs.copyFileSync(adaProbe, b);
    const result = await runBin(['verify', a, b], { env });
    expect(result.code, result.stderr).toBe(0);
    expectSafe(result);
    const lines = result.stdout.trim().split('\n');
    expect(lines).toHaveLength(3);
    expect(lines[0]).toContain(`${path.join(tmp, shown('a'))}: 1 face`);
    expect(lines[1]).toContain(`${path.join(tmp, shown('b'))}: 1 face`);
    expect(lines[2]).toMatch(/: MATCH$/);
  });

  it('authenticate --batch: the error column quotes a link and its target escaped, one row each', async () => {
    const cli = cliFor(path.join(tmp, 'batch', 's.db'));
    expect((await cli('register', 'Ada', ada)).code).toBe(0);
    const batch = path.join(tmp, 'batch-photos');
    fs.mkdirSync(batch);
    fs.symlinkSync(adaProbe, path.join(batch, '1-ada.jpg'));
    fs.symlinkSync(path.join(tmp, sneaky('gone')), path.join(batch, sneaky('2-link')));
    const table = await cli('authenticate', '--batch', batch);
    expect(table.code).toBe(2);
    expectSafe(table);
    const lines = table.stdout.trim().split('\n');
    expect(lines).toHaveLength(4);
    expect(lines[1]).toMatch(/^\S*\/1-ada\.jpg\s+ACCEPTED\s+Ada/);
    expect(lines[2]).toMatch(/^\S*\/2-link\\u001b\[31m\\nboss\.jpg {2}ACCEPTED {2}Ada\s+ERROR .*\[FILE_NOT_FOUND\] /);
    expect(lines[2]).toContain(`is a symbolic link to ${path.join(tmp, shown('gone'))}, which does not exist`);
    expect(lines[3]).toBe('summary: 2 images: 1 accepted, 0 denied, 1 errors (threshold 0.35)');
  });

  it('register --from shows photo and folder names escaped', async () => {
    const people = path.join(tmp, 'people');
    fs.mkdirSync(path.join(people, 'Ada'), { recursive: true });
    fs.mkdirSync(path.join(people, sneaky('_skipped')));
    fs.copyFileSync(ada, path.join(people, 'Ada', sneaky('1-ok')));
    fs.copyFileSync(noFace, path.join(people, 'Ada', sneaky('2-cat')));
    const from = await cliFor(path.join(tmp, 'from', 's.db'))('register', '--from', people);
    expect(from.code).toBe(1);
    expectSafe(from);
    const lines = from.stdout.trim().split('\n');
    expect(lines[0]).toBe('Ada:');
    expect(lines).toContainEqual(expect.stringMatching(new RegExp(`^ {2}ok {8}.*1-ok\\\\u001b\\[31m\\\\nboss\\.jpg {2}ACCEPTED {2}Ada: face `)));
    expect(lines).toContainEqual(expect.stringMatching(/^ {2}rejected {2}.*2-cat\\u001b\[31m\\nboss\.jpg {2}ACCEPTED {2}Ada: \[NO_FACE\]/));
    expect(lines.at(-1)).toContain(`folders skipped (names starting with "_" or "." are not people): ${shown('_skipped')}`);
  });

  it('list shows a damaged record\'s raw name escaped in the NAME column', async () => {
    const file = path.join(tmp, 'damaged', 's.db');
    const cli = cliFor(file);
    expect((await cli('register', 'bob', bob)).code).toBe(0);
    const raw = sqliteRaw(file);
    await raw.write('bob', JSON.stringify({ ...(JSON.parse((await raw.read('bob'))!) as object), name: 'Zed\u001b[2K\nAda  1  2025' }));
    const listed = await cli('list');
    expect(listed.code).toBe(0);
    expect(listed.stdout + listed.stderr).not.toMatch(unsafe);
    const lines = listed.stdout.trim().split('\n');
    expect(lines).toHaveLength(2);
    expect(lines[1]).toMatch(/^Zed\\u001b\[2K\\nAda {2}1 {2}2025\s+-\s+-\s+corrupt \(key "bob"\)/);
  });
});
