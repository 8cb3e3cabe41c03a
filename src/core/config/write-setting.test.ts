import fs from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadConfig } from './load-config.js';
import { setYamlValue, writeVerificationThreshold } from './write-setting.js';
import { withTempDir } from '../../../test/support/temp-dir.js';

/** Lines of `after` that differ from `before` (both must have the same number of lines). */
const changedLines = (before: string, after: string): Array<[string, string]> => {
  const a = before.split('\n');
  const b = after.split('\n');
  expect(b).toHaveLength(a.length);
  return a.flatMap((line, k) => (line === b[k] ? [] : [[line, b[k]!] as [string, string]]));
};

const commented = [
  '# face-auth-tui settings',
  '',
  'detection:',
  '  scoreThreshold: 0.9   # spaced comment',
  '  nmsIou:   0.4',
  '',
  'verification:',
  '  # Cosine similarity at or above which two faces are the same person.',
  '  threshold: 0.35 # inline comment',
  '',
  'image:',
  '  background: [255, 255, 255]',
  '',
].join('\n');

let dir: string;
withTempDir('write-setting-test-', (made) => (dir = made));

describe('writeVerificationThreshold', () => {
  it('changes only the value: comments, spacing and order stay byte for byte', async () => {
    const file = path.join(dir, 'config.yaml');
    await fs.writeFile(file, commented, { mode: 0o640 });
    const result = await writeVerificationThreshold(file, 0.3202);
    const after = await fs.readFile(file, 'utf8');
    expect(changedLines(commented, after)).toEqual([['  threshold: 0.35 # inline comment', '  threshold: 0.3202 # inline comment']]);
    expect(result).toMatchObject({ previous: 0.35, value: 0.3202, created: false });
    expect((await loadConfig(file)).config.verification.threshold).toBe(0.3202);
    expect((await fs.stat(file)).mode & 0o777).toBe(0o640);
    expect(await fs.readdir(dir)).toEqual(['config.yaml']);
  });

  it('writes through a symbolic link to its target; the link stays a link', async () => {
    const real = path.join(dir, 'dotfiles', 'face-auth.yaml');
    await fs.mkdir(path.dirname(real));
    await fs.writeFile(real, commented);
    const link = path.join(dir, 'config.yaml');
    await fs.symlink(real, link);
    await writeVerificationThreshold(link, 0.3202);
    expect((await fs.lstat(link)).isSymbolicLink()).toBe(true);
    expect(await fs.readlink(link)).toBe(real);
    expect((await loadConfig(real)).config.verification.threshold).toBe(0.3202);
  });

  it("keeps the repository's config.yaml intact except the threshold line", async () => {
    const original = await fs.readFile(path.resolve(import.meta.dirname, '..', '..', '..', 'config.yaml'), 'utf8');
    const file = path.join(dir, 'config.yaml');
    await fs.writeFile(file, original);
    await writeVerificationThreshold(file, -0.125);
    const changed = changedLines(original, await fs.readFile(file, 'utf8'));
    expect(changed).toHaveLength(1);
    expect(changed[0]![1]).toMatch(/^ {2}threshold: -0\.125$/);
  });

  it('adds a missing section and keeps the comments', async () => {
    const file = path.join(dir, 'config.yaml');
    const text = '# my settings\nworkers:\n  # two threads\n  count: 2\n';
    await fs.writeFile(file, text);
    const result = await writeVerificationThreshold(file, 0.4);
    const after = await fs.readFile(file, 'utf8');
    expect(after.startsWith(text)).toBe(true);
    expect(after.slice(text.length)).toBe('verification:\n  threshold: 0.4\n');
    expect(result.previous).toBeUndefined();
  });

  it('creates a missing file', async () => {
    const file = path.join(dir, 'new', 'config.yaml');
    const result = await writeVerificationThreshold(file, 0.3);
    expect(result.created).toBe(true);
    expect((await loadConfig(file)).config.verification.threshold).toBe(0.3);
  });

  it('writes nothing when the result would be invalid or the file is not YAML', async () => {
    const file = path.join(dir, 'config.yaml');
    await fs.writeFile(file, commented);
    await expect(writeVerificationThreshold(file, 1.5)).rejects.toMatchObject({ code: 'CONFIG_INVALID' });
    expect(await fs.readFile(file, 'utf8')).toBe(commented);

    const broken = 'verification:\n  threshold: [0.3\n';
    await fs.writeFile(file, broken);
    await expect(writeVerificationThreshold(file, 0.3)).rejects.toMatchObject({ code: 'CONFIG_INVALID' });
    expect(await fs.readFile(file, 'utf8')).toBe(broken);
  });
});

describe('setYamlValue', () => {
  it('uses setIn + toString when the key holds no plain value yet', () => {
    expect(setYamlValue('verification:\n  threshold: null # unset\n', ['verification', 'threshold'], 0.5).text).toBe(
      'verification:\n  threshold: 0.5 # unset\n',
    );
    expect(setYamlValue('', ['verification', 'threshold'], 0.5).text).toBe('verification:\n  threshold: 0.5\n');
  });
});
