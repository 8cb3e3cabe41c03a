import { describe, expect, it } from 'vitest';
import { main, scanArgv } from './main.js';
import type { Output } from './output.js';

const capture = (): Output & { stdout: string[]; stderr: string[] } => {
  const stdout: string[] = [];
  const stderr: string[] = [];
  return { stdout, stderr, out: (text) => void stdout.push(text), err: (text) => void stderr.push(text) };
};

const run = async (...argv: string[]): Promise<{ code: number; stdout: string[]; stderr: string[] }> => {
  const output = capture();
  const code = await main(argv, output);
  process.exitCode = 0;
  return { code, stdout: output.stdout, stderr: output.stderr };
};

describe('scanArgv', () => {
  it('does not take the value of --config or --store for a subcommand', () => {
    expect(scanArgv(['--config', 'my.yaml'])).toMatchObject({ subcommand: undefined, config: 'my.yaml' });
    expect(scanArgv(['--store', 'memory:', '--verbose'])).toMatchObject({ subcommand: undefined, store: 'memory:', verbose: true });
    expect(scanArgv(['--config=my.yaml', 'verify', 'a.jpg'])).toMatchObject({ subcommand: 'verify', config: 'my.yaml' });
    expect(scanArgv(['--json', 'embed', '--config', 'x'])).toMatchObject({ subcommand: 'embed' });
    expect(scanArgv(['-h'])).toMatchObject({ subcommand: undefined, help: true });
  });

  it('notes unknown options and global options without their value, before any subcommand', () => {
    expect(scanArgv(['--verbos'])).toMatchObject({ subcommand: undefined, invalid: ['--verbos'] });
    expect(scanArgv(['-x', '--json', '--config'])).toMatchObject({ subcommand: undefined, invalid: ['-x', '--config'] });
    expect(scanArgv(['--json', '--verbose', '--store=memory:'])).toMatchObject({ invalid: [] });
    expect(scanArgv(['embed', '--bogus'])).toMatchObject({ subcommand: 'embed', invalid: [] }); // the subcommand's parser reports it
  });
});

describe('usage errors follow the error contract', () => {
  it('one line with [INVALID_ARGUMENT] and the --help pointer, exit 2; nothing on stdout without --json', async () => {
    for (const [argv, message] of [
      [['embed'], "missing required argument 'image'"],
      [['embed', '--bogus', 'x'], "unknown option '--bogus'"],
      [['embed', '--jsn', 'x'], "unknown option '--jsn' (Did you mean --json?)"],
      [['no-such-command'], "unknown command 'no-such-command'"],
      [['register', '--from'], "option '--from <dir>' argument missing"],
      // Without a subcommand too: a typo never opens the workbench or prints help as a success.
      [['--bogus'], "unknown option '--bogus'"],
      [['--verbos'], "unknown option '--verbos' (Did you mean --verbose?)"],
      [['--config'], "option '--config <path>' argument missing"],
    ] as const) {
      const result = await run(...argv);
      expect(result.code, argv.join(' ')).toBe(2);
      expect(result.stderr).toEqual([`error [INVALID_ARGUMENT]: ${message} (run with --help for usage)`]);
      expect(result.stdout).toEqual([]);
    }
  });

  it('search -k takes 1 to 10,000 only (a huge k would go into the audit log), with a hint', async () => {
    for (const k of ['0', '1.5', '', '10001', '99999999999999999999']) {
      const result = await run('search', 'photo.jpg', '-k', k);
      expect(result.code, k).toBe(2);
      expect(result.stderr).toEqual([`error [INVALID_ARGUMENT]: -k must be a whole number from 1 to 10,000, got '${k}'. For example -k 5 for the five nearest people.`]);
    }
  });

  it('with --json (before or after the subcommand) the JSON error object is on stdout too', async () => {
    for (const argv of [['--json', 'embed'], ['embed', '--json']]) {
      const result = await run(...argv);
      expect(result.code).toBe(2);
      expect(result.stderr).toEqual(["error [INVALID_ARGUMENT]: missing required argument 'image' (run with --help for usage)"]);
      expect(JSON.parse(result.stdout.join('\n'))).toEqual({
        error: { code: 'INVALID_ARGUMENT', message: "missing required argument 'image'", hint: 'Run with --help for usage.' },
      });
    }
  });

  it('help and the version are not errors', async () => {
    const help = await run('embed', '--help');
    expect(help.code).toBe(0);
    expect(help.stdout.join('\n')).toContain('Usage: face-auth-tui embed');
    expect(help.stderr).toEqual([]);
    const version = await run('--version');
    expect(version.code).toBe(0);
    expect(version.stdout).toEqual([expect.stringMatching(/^\d+\.\d+\.\d+$/)]);
  });
});
