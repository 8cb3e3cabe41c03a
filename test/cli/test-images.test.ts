/**
 * test_images/ through the real CLI: every file the project makes there
 * (scripts/make-test-images.ts) gets the answer test_images/expected.json
 * documents: the valid pictures decode all the way to the detector (NO_FACE:
 * they hold no face), the damaged ones get their specific error code.
 */
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeTestImages, type ExpectedImage } from '../../scripts/make-test-images.js';
import { runCli } from '../support/cli.js';
import { repoRoot } from '../support/faces.js';

const folder = path.join(repoRoot, 'test_images');

describe('test_images/', () => {
  let expected: ExpectedImage[];
  let tmp: string;

  beforeAll(async () => {
    expected = JSON.parse(await fs.readFile(path.join(folder, 'expected.json'), 'utf8')) as ExpectedImage[];
    tmp = await fs.mkdtemp(path.join(os.tmpdir(), 'test-images-'));
  });
  afterAll(async () => {
    await fs.rm(tmp, { recursive: true, force: true });
  });

  it('holds exactly the files expected.json lists, the same list the generator makes', async () => {
    const present = (await fs.readdir(folder)).filter((f) => f !== 'expected.json' && f !== 'README.md').sort();
    expect(present).toEqual(expected.map((e) => e.file).sort());
    const regenerated = await makeTestImages(tmp);
    expect(regenerated.map(({ file, code }) => ({ file, code }))).toEqual(expected.map(({ file, code }) => ({ file, code })));
  });

  it('embed --json gives each file its documented code, one line of message each, and exits 2', async () => {
    const files = expected.map((e) => path.join('test_images', e.file));
    const result = await runCli(['--json', 'embed', ...files]);
    expect(result.code, result.stderr).toBe(2);
    const rows = JSON.parse(result.stdout) as { file: string; error?: { code: string; message: string } }[];
    expect(rows.map((r) => [r.file, r.error?.code])).toEqual(expected.map((e) => [path.join('test_images', e.file), e.code]));
    for (const r of rows) expect(r.error?.message).toMatch(/^[^\n]+$/);
    expect(result.stderr).not.toMatch(/\n\s+at\s/); // no stack trace
  }, 120_000);
});
