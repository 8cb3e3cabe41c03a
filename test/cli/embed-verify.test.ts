import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../support/cli.js';
import { facePath, otherPersonFace, referenceFace, requireSharedFaces } from '../support/faces.js';

const available = requireSharedFaces();

describe.runIf(available)('embed and verify through the real CLI process', () => {
  let dir: string;
  const samePerson = 'person_01/deepface__img10.jpg';

  beforeAll(async () => {
    dir = await fs.mkdtemp(path.join(os.tmpdir(), 'face-cli-'));
  });

  afterAll(async () => {
    await fs.rm(dir, { recursive: true, force: true });
  });

  it('embed --json prints one object per image, errors included, and exits 2 when one failed', async () => {
    const broken = path.join(dir, 'broken.jpg');
    await fs.writeFile(broken, 'not an image at all');
    const result = await runCli(['embed', '--json', facePath(referenceFace), broken, facePath('_no_face/face-api.js__white.png')]);
    expect(result.code).toBe(2);
    const parsed = JSON.parse(result.stdout) as Array<Record<string, unknown>>;
    expect(parsed).toHaveLength(3);
    const [ok, bad, noFace] = parsed;
    expect(ok).toMatchObject({ file: facePath(referenceFace), faces: 1 });
    expect(ok?.['embedding']).toHaveLength(512);
    expect(Object.keys(ok?.['box'] as object).sort()).toEqual(['x1', 'x2', 'y1', 'y2']);
    expect(typeof ok?.['score']).toBe('number');
    expect(bad).toEqual({ file: broken, error: { code: 'NOT_AN_IMAGE', message: expect.any(String) as string, hint: expect.any(String) as string } });
    expect((noFace?.['error'] as { code: string }).code).toBe('NO_FACE');
  });

  it('embed prints a readable line per image and exits 0', async () => {
    const result = await runCli(['embed', facePath(referenceFace)]);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/1 face, box \d+,\d+ \d+x\d+, score 1\.000, liveness [\d.]+ \(experimental\), dim 512, norm 1\.0000/);
  });

  it('embed names the file in each error, and the other images still print', async () => {
    const broken = path.join(dir, 'notes.jpg');
    await fs.writeFile(broken, 'plain text');
    const result = await runCli(['embed', broken, facePath(referenceFace), facePath('_no_face/face-api.js__white.png')]);
    expect(result.code).toBe(2);
    expect(result.stdout).toContain(`${facePath(referenceFace)}: 1 face`);
    expect(result.stderr).toContain(`${broken}: error [NOT_AN_IMAGE]`);
    expect(result.stderr).toContain(`${facePath('_no_face/face-api.js__white.png')}: error [NO_FACE]`);
  });

  it('verify: exit 0 on a match, 1 on no match, with the JSON the scripts read', async () => {
    const match = await runCli(['verify', '--json', facePath(referenceFace), facePath(samePerson)]);
    expect(match.code).toBe(0);
    const m = JSON.parse(match.stdout) as { similarity: number; threshold: number; match: boolean };
    expect(m.match).toBe(true);
    expect(m.similarity).toBeGreaterThan(m.threshold);
    expect(m.threshold).toBe(0.35);

    const noMatch = await runCli(['verify', '--json', facePath(referenceFace), facePath(otherPersonFace)]);
    expect(noMatch.code).toBe(1);
    const n = JSON.parse(noMatch.stdout) as { similarity: number; match: boolean };
    expect(n.match).toBe(false);
    expect(n.similarity).toBeLessThan(0.35);

    const text = await runCli(['verify', facePath(referenceFace), facePath(samePerson)]);
    expect(text.stdout).toMatch(/similarity 0\.\d{4} \(cosine\), threshold 0\.35: MATCH/);
    // The threshold is printed as the value it is: 0.9986, not "1.00" beside a similarity of 1.0000.
    const strict = await runCli(['verify', '--threshold', '0.9986', facePath(referenceFace), facePath(referenceFace)]);
    expect(strict.stdout).toMatch(/similarity 1\.0000 \(cosine\), threshold 0\.9986: MATCH/);
  });

  it('verify: exit 2 with one line and no stack trace on bad input; --verbose shows the stack', async () => {
    const result = await runCli(['verify', facePath(referenceFace), facePath('_no_face/python3-skimage__chelsea.png')]);
    expect(result.code).toBe(2);
    expect(result.stdout).toBe('');
    // One line: the code, the image it is about, what happened and what to do next.
    const chelsea = facePath('_no_face/python3-skimage__chelsea.png');
    expect(result.stderr).toBe(`error [NO_FACE]: ${chelsea}: no face was found in the image. Use a photo with a clearly visible, roughly frontal face at least 24 px wide.\n`);
    const json = await runCli(['--json', 'verify', facePath(referenceFace), chelsea]);
    expect(json.code).toBe(2);
    expect(JSON.parse(json.stdout)).toEqual({ error: { code: 'NO_FACE', message: `${chelsea}: no face was found in the image`, hint: expect.stringMatching(/^Use a photo/) as string } });
    const empty = await runCli(['verify', '--threshold', '', facePath(referenceFace), chelsea]);
    expect(empty.stderr).toMatch(/^error \[INVALID_ARGUMENT\]: --threshold must be a number between -1 and 1, got ''/);
    const verbose = await runCli(['verify', '--verbose', facePath(referenceFace), path.join(dir, 'missing.jpg')]);
    expect(verbose.code).toBe(2);
    expect(verbose.stderr).toMatch(/error \[FILE_NOT_FOUND\]/);
    expect(verbose.stderr).toMatch(/\n\s+at /);
  });

  it('verify puts the file in front only of errors about that image, and only when the message does not name it', async () => {
    const missing = path.join(dir, 'missing.jpg');
    const notFound = await runCli(['verify', facePath(referenceFace), missing]);
    expect(notFound.code).toBe(2);
    expect(notFound.stderr).toBe(`error [FILE_NOT_FOUND]: no such file: ${missing}. Check the path.\n`);
    // No models and no fetching: the error is about the models, not about either photo.
    const config = path.join(dir, 'no-fetch.yaml');
    await fs.writeFile(config, 'models:\n  autoFetch: false\n');
    const models = path.join(dir, 'no-models');
    await fs.mkdir(models);
    const noModels = await runCli(['verify', '--config', config, facePath(referenceFace), facePath(samePerson)], { env: { FACE_AUTH_MODELS_DIR: models } });
    expect(noModels.code).toBe(2);
    expect(noModels.stderr).toMatch(/^error \[MODEL_MISSING\]: /);
    expect(noModels.stderr).not.toContain(facePath(referenceFace));
    expect(noModels.stderr).not.toContain(facePath(samePerson));

    // embed: once for the command (with its hint), not once per image; --json gets the error object.
    const env = { FACE_AUTH_MODELS_DIR: models };
    const embed = await runCli(['embed', '--config', config, facePath(referenceFace), facePath(samePerson)], { env });
    expect(embed.code).toBe(2);
    expect(embed.stderr.trim().split('\n')).toEqual([expect.stringMatching(/^error \[MODEL_MISSING\]: .*face-auth-tui models fetch/)]);
    const embedJson = await runCli(['--json', 'embed', '--config', config, facePath(referenceFace), facePath(samePerson)], { env });
    expect(embedJson.code).toBe(2);
    const parsed = JSON.parse(embedJson.stdout) as { error: { code: string; hint: string } };
    expect(parsed.error.code).toBe('MODEL_MISSING');
    expect(parsed.error.hint).toContain('models fetch');
  });

  it('file names cannot drive the terminal or fake lines: escapes and newlines are shown escaped', async () => {
    const sneaky = path.join(dir, 'a\u001b[31mred\nboss.jpg  ACCEPTED.jpg');
    await fs.copyFile(facePath(referenceFace), sneaky);
    const missing = path.join(dir, 'gone\u001b[2K\nfake.jpg');
    const result = await runCli(['embed', sneaky, missing]);
    expect(result.code).toBe(2);
    expect(result.stdout + result.stderr).not.toContain('\u001b');
    const out = result.stdout.trim().split('\n');
    expect(out).toHaveLength(1);
    expect(out[0]).toContain('a\\u001b[31mred\\nboss.jpg  ACCEPTED.jpg: 1 face');
    const err = result.stderr.trim().split('\n');
    expect(err).toHaveLength(1);
    expect(err[0]).toMatch(/^.*gone\\u001b\[2K\\nfake\.jpg: error \[FILE_NOT_FOUND\]/);
  });

  it('a bad config gives a one-line error naming the key', async () => {
    const config = path.join(dir, 'bad.yaml');
    await fs.writeFile(config, 'verification:\n  threshold: 7\n');
    const result = await runCli(['verify', '--config', config, facePath(referenceFace), facePath(samePerson)]);
    expect(result.code).toBe(2);
    expect(result.stderr.split('\n')[0]).toMatch(/^error \[CONFIG_INVALID\]: .*bad\.yaml: 'verification\.threshold': /);
    const unknown = path.join(dir, 'unknown.yaml');
    await fs.writeFile(unknown, 'detection:\n  treshold: 0.5\n');
    const second = await runCli(['verify', '--config', unknown, facePath(referenceFace), facePath(samePerson)]);
    expect(second.stderr).toMatch(/unknown key 'detection\.treshold'/);
  });

  it('--help works and a bare call without a terminal prints help and exits 0', async () => {
    const help = await runCli(['--help']);
    expect(help.code).toBe(0);
    expect(help.stdout).toMatch(/Usage: face-auth-tui/);
    expect(help.stdout).toMatch(/verify/);
    const bare = await runCli([]);
    expect(bare.code).toBe(0);
    expect(bare.stdout).toMatch(/Usage: face-auth-tui/);
    // Global options alone are still "no subcommand".
    const withOptions = await runCli(['--config', 'config.yaml', '--store', 'memory:']);
    expect(withOptions.code).toBe(0);
    expect(withOptions.stdout).toMatch(/Usage: face-auth-tui/);
  });
});
