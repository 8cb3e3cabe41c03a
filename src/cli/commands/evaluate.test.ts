import { spawnSync } from 'node:child_process';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeSmallDataset } from '../../../test/support/eval-dataset.js';
import { binPath, canRunOnTerminal, requireBuild, runBinOnTerminal, terminalKeys } from '../../../test/support/cli.js';
import { requireSharedFaces } from '../../../test/support/faces.js';
import { main } from '../main.js';
import type { Output } from '../output.js';

const capture = (): Output & { stdout: string[]; stderr: string[] } => {
  const stdout: string[] = [];
  const stderr: string[] = [];
  return { stdout, stderr, out: (text) => void stdout.push(text), err: (text) => void stderr.push(text) };
};

const configText = [
  '# test settings: keep this comment',
  'verification:',
  '  # the operating threshold',
  '  threshold: 0.35 # inline',
  '',
  'workers:',
  '  count: 2',
  '',
].join('\n');

let work: string;
let dataset: string;
let configFile: string;
let cacheDir: string;

beforeAll(async () => {
  work = await fs.mkdtemp(path.join(os.tmpdir(), 'evaluate-cli-test-'));
  dataset = path.join(work, 'faces');
  configFile = path.join(work, 'config.yaml');
  cacheDir = path.join(work, 'cache');
  await fs.writeFile(configFile, configText);
  if (requireSharedFaces()) await makeSmallDataset(dataset);
});
afterAll(async () => {
  process.exitCode = 0;
  await fs.rm(work, { recursive: true, force: true });
});

const run = async (...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> => {
  const output = capture();
  const code = await main(['--config', configFile, ...args], output);
  return { code, stdout: output.stdout.join('\n'), stderr: output.stderr.join('\n') };
};

describe('face-auth-tui evaluate', () => {
  it('--json prints the report with the documented keys on stdout only', async () => {
    if (!requireSharedFaces()) return;
    const { code, stdout, stderr } = await run('--json', 'evaluate', dataset, '--cache', cacheDir, '--no-ablations');
    expect(stderr).not.toMatch(/error/);
    expect(code).toBe(0);
    const report = JSON.parse(stdout) as Record<string, unknown>;
    expect(report).toMatchObject({
      pairs: { genuine: 9, impostor: 27 },
      eer: expect.any(Number) as number,
      eerThreshold: expect.any(Number) as number,
      auc: expect.any(Number) as number,
      far: expect.any(Number) as number,
      frr: expect.any(Number) as number,
      threshold: 0.35,
      thresholdSource: 'config',
      embedded: 10,
      cached: 0,
      images: { found: 10, usable: 9, failed: [{ file: 'person_14/no-face-white.png', code: 'NO_FACE' }], multipleFaces: [] },
      identification: { available: true },
      comparison: { ablations: null },
      recommended: { basis: 'eer' },
      written: null,
    });
    expect(Object.keys(report)).toEqual(
      expect.arrayContaining(['stats', 'histogram', 'histogramText', 'roc', 'det', 'tarAtFar', 'dPrime', 'targetFar']),
    );
    expect((report['comparison'] as { metrics: unknown[] }).metrics).toHaveLength(4);
    // Progress went to stderr.
    expect(stderr).toMatch(/embedding \[1\/1 standard\] 10\/10/);
  });

  it('prints tables, writes a Markdown report, and uses the cache on a second run', async () => {
    if (!requireSharedFaces()) return;
    const reportFile = path.join(work, 'report.md');
    const { code, stdout } = await run('evaluate', dataset, '--cache', cacheDir, '--no-ablations', '--threshold', '0.3', '--target-far', '0.05', '--report', reportFile);
    expect(code).toBe(0);
    expect(stdout).toContain('embeddings: 0 computed, 10 from the cache');
    expect(stdout).toMatch(/at threshold 0\.30 \(--threshold\): FAR/);
    expect(stdout).toMatch(/Images without a usable face \(1, left out\)[\s\S]*person_14\/no-face-white\.png\s+NO_FACE/);
    expect(stdout).toContain('rank-1 100%, rank-5 100%');
    expect(stdout).toContain('5e-2 (target)');
    expect(stdout).toContain('ablations skipped');
    const markdown = await fs.readFile(reportFile, 'utf8');
    expect(markdown).toMatch(/^# Face verification evaluation\n/);
    expect(markdown).toContain('| metric | EER | AUC | EER threshold | pairs (gen/imp) | what |');
    expect(markdown).toMatch(/```text\n\s*score\s+impostor/);
  });

  it('--write-threshold refuses without --yes when stdin is not a terminal, and writes nothing', async () => {
    if (!requireSharedFaces()) return;
    const { code, stderr } = await run('evaluate', dataset, '--cache', cacheDir, '--write-threshold');
    expect(code).toBe(2);
    expect(stderr).toMatch(/error \[INVALID_ARGUMENT\]: --write-threshold asks before changing the config[\s\S]*--yes/);
    expect(await fs.readFile(configFile, 'utf8')).toBe(configText);
  });

  it('--write-threshold --yes stores the recommended threshold and keeps comments and formatting', async () => {
    if (!requireSharedFaces()) return;
    const { code, stdout } = await run('--json', 'evaluate', dataset, '--cache', cacheDir, '--no-ablations', '--write-threshold', '--yes');
    expect(code).toBe(0);
    const report = JSON.parse(stdout) as { recommended: { threshold: number }; written: { file: string; previous: number; value: number } };
    expect(report.written).toEqual({ file: configFile, key: 'verification.threshold', previous: 0.35, value: report.recommended.threshold });
    const after = await fs.readFile(configFile, 'utf8');
    expect(after).toBe(configText.replace('threshold: 0.35 # inline', `threshold: ${report.recommended.threshold} # inline`));
  });

  it.runIf(canRunOnTerminal())('--write-threshold on a terminal asks after the report, with the rates at both values; n or Ctrl+C writes nothing, y writes', async () => {
    if (!requireSharedFaces()) return;
    requireBuild(['cli/commands/evaluate.ts', 'core/config/load-config.ts']);
    const copy = path.join(work, 'terminal.yaml');
    await fs.writeFile(copy, configText);
    const args = ['--config', copy, 'evaluate', dataset, '--cache', cacheDir, '--no-ablations', '--write-threshold'];
    const no = await runBinOnTerminal(args, 'n', { env: { NO_COLOR: '1' } });
    expect(no.code, no.stdout).toBe(0);
    const asked = no.stdout.indexOf('[y/N]');
    expect(asked).toBeGreaterThan(no.stdout.indexOf('Verification'));
    expect(no.stdout.indexOf('Verification')).toBeGreaterThan(0);
    expect(no.stdout).toMatch(/Set verification\.threshold to 0\.\d+ \(the EER threshold: FAR [\d.]+%, FRR [\d.]+% on these photos; now 0\.35: FAR [\d.]+%, FRR [\d.]+%\) in .*terminal\.yaml\?/);
    expect(no.stdout).toContain('threshold not written');
    expect(await fs.readFile(copy, 'utf8')).toBe(configText);
    const interrupted = await runBinOnTerminal(args, terminalKeys.ctrlC, { env: { NO_COLOR: '1' } });
    expect(interrupted.code, interrupted.stdout).toBe(0);
    expect(interrupted.stdout).toMatch(/\nthreshold not written/); // on a line of its own, not after the question
    expect(interrupted.stdout).not.toMatch(/internal error|bug/i);
    expect(await fs.readFile(copy, 'utf8')).toBe(configText);
    const yes = await runBinOnTerminal(args, 'y', { env: { NO_COLOR: '1' } });
    expect(yes.code, yes.stdout).toBe(0);
    expect(yes.stdout).toMatch(/verification\.threshold set to 0\.\d+ in .*terminal\.yaml \(was 0\.35\)/);
    expect(await fs.readFile(copy, 'utf8')).not.toBe(configText);
  }, 120_000);

  it('--report is checked before any work: a folder, a missing folder or one that cannot be written is a one-line error naming it; no folder is made', async () => {
    const folder = await run('evaluate', dataset, '--no-cache', '--report', work);
    expect(folder.code).toBe(2);
    expect(folder.stderr).toBe(`error [INVALID_ARGUMENT]: --report ${work} is a folder, not a file. Give the path of the file to write, e.g. --report ${path.join(work, 'evaluation.md')}`);
    expect(folder.stdout).toBe('');
    const missingDir = path.join(work, 'no-such', 'deeper');
    const missing = await run('evaluate', dataset, '--no-cache', '--report', path.join(missingDir, 'r.md'));
    expect(missing.code).toBe(2);
    expect(missing.stderr).toBe(
      `error [INVALID_ARGUMENT]: --report ${path.join(missingDir, 'r.md')}: the folder ${missingDir} does not exist (it is not created). Create the folder first, or give a path in an existing one.`,
    );
    await expect(fs.stat(path.join(work, 'no-such'))).rejects.toMatchObject({ code: 'ENOENT' });
    // No embedding was done for either: the check comes first.
    expect(`${folder.stderr}${missing.stderr}`).not.toMatch(/embedding/);
    // --cache names a folder: a file there is refused up front too, and left as it is.
    const notAFolder = path.join(work, 'cache-file.txt');
    await fs.writeFile(notAFolder, 'keep me');
    const cache = await run('evaluate', dataset, '--cache', notAFolder);
    expect(cache.code).toBe(2);
    expect(cache.stderr).toBe(`error [INVALID_ARGUMENT]: --cache ${notAFolder} is not a folder. Give the folder to keep cached embeddings in (it is created if missing), or --no-cache.`);
    expect(await fs.readFile(notAFolder, 'utf8')).toBe('keep me');

    // A folder that cannot be written (EACCES): root writes anywhere, so as root the built CLI runs as nobody.
    const locked = await fs.mkdtemp(path.join(os.tmpdir(), 'evaluate-locked-'));
    try {
      await fs.chmod(locked, 0o555);
      const target = path.join(locked, 'r.md');
      let stderr: string;
      if (process.getuid?.() !== 0) {
        const result = await run('evaluate', dataset, '--no-cache', '--report', target);
        expect(result.code).toBe(2);
        stderr = result.stderr;
      } else {
        await fs.chmod(locked, 0o755);
        requireBuild(['cli/commands/evaluate.ts']);
        const env = { PATH: process.env['PATH'] ?? '', HOME: '/nonexistent', XDG_CONFIG_HOME: '/nonexistent', XDG_CACHE_HOME: '/nonexistent' };
        const child = spawnSync('setpriv', ['--reuid=65534', '--regid=65534', '--clear-groups', process.execPath, binPath, 'evaluate', dataset, '--report', target], { encoding: 'utf8', env });
        expect(child.status, child.stderr).toBe(2);
        stderr = child.stderr.trim();
      }
      expect(stderr).toBe(`error [INVALID_ARGUMENT]: --report ${target}: cannot write in the folder ${locked} (EACCES). Give a path in a folder you can write, or change its permissions.`);
    } finally {
      await fs.chmod(locked, 0o755);
      await fs.rm(locked, { recursive: true, force: true });
    }
  });

  it('rejects bad options with a usage error', async () => {
    const { code, stderr } = await run('evaluate', dataset, '--target-far', '2');
    expect(code).toBe(2);
    expect(stderr).toMatch(/--target-far must be a rate above 0 and at most 1/);
  });
});
