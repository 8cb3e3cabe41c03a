/**
 * Runs the real command line in a child process, so a test sees exactly what a
 * user sees: stdout, stderr and the exit code. Two modes:
 * - `runCli`: from the TypeScript sources (tsx, through cli-entry.ts);
 * - `runBin`: the BUILT command line (`node bin/face-auth-tui.js`, i.e. dist/).
 *   `npm run check` builds before it tests; `requireBuild` fails a missing or
 *   stale dist/ with the command to run. `runBinOnTerminal` runs it on a real
 *   pseudo-terminal.
 */
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { repoRoot } from './faces.js';

export interface CliResult {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

export interface RunOptions {
  /** Variables merged over process.env (NO_COLOR=1 is set too). */
  readonly env?: NodeJS.ProcessEnv;
  /** Written to stdin, which is then closed. */
  readonly input?: string;
}

/** The CLI entry point that runs dist/. */
export const binPath = path.join(repoRoot, 'bin', 'face-auth-tui.js');

const sourceEntry = path.join(repoRoot, 'test', 'support', 'cli-entry.ts');

const runNode = (nodeArgs: readonly string[], options: RunOptions): Promise<CliResult> =>
  new Promise((resolve, reject) => {
    const child = spawn(process.execPath, nodeArgs, {
      cwd: repoRoot,
      env: { ...process.env, NO_COLOR: '1', ...options.env },
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
    child.stdin.end(options.input ?? '');
  });

/** The CLI from the TypeScript sources. */
export const runCli = (args: readonly string[], options: RunOptions = {}): Promise<CliResult> =>
  runNode(['--import', 'tsx', sourceEntry, ...args], options);

/** The built CLI (dist/); call `requireBuild` first. */
export const runBin = (args: readonly string[], options: RunOptions = {}): Promise<CliResult> => runNode([binPath, ...args], options);

/**
 * Throws unless dist/ holds a build of each source file (paths relative to
 * src/, e.g. 'cli/commands/register.ts') at least as new as the source.
 */
export const requireBuild = (sources: readonly string[]): void => {
  for (const source of sources) {
    const src = path.join(repoRoot, 'src', source);
    const built = path.join(repoRoot, 'dist', source.replace(/\.tsx?$/, '.js'));
    if (!fs.existsSync(built)) {
      throw new Error(`${path.relative(repoRoot, built)} is missing: these tests run the built CLI; run \`npm run build\` first (\`npm run check\` does).`);
    }
    if (fs.statSync(built).mtimeMs + 1 < fs.statSync(src).mtimeMs) {
      throw new Error(`${path.relative(repoRoot, built)} is older than src/${source}: run \`npm run build\` first (\`npm run check\` does).`);
    }
  }
};

/**
 * Whether util-linux `script` is there to give `runBinOnTerminal` a pseudo-terminal. In CI
 * (CI=true) its absence fails the run (.ci/run installs it); elsewhere the test is skipped
 * with a notice.
 */
export const canRunOnTerminal = (): boolean => {
  if (spawnSync('script', ['--version']).status === 0) return true;
  if (process.env['CI'] === 'true' || process.env['CI'] === '1') {
    throw new Error('CI: util-linux `script` is missing; the tests that answer prompts on a terminal need it (apt-get install bsdutils).');
  }
  console.warn('[notice] skipping: util-linux `script` not found; the prompt-on-a-terminal tests need it');
  return false;
};

/** Keys `runBinOnTerminal` can answer with instead of a line of text. */
export const terminalKeys = { ctrlC: '\u0003', ctrlD: '\u0004' } as const;

const isControlKey = (answer: string): boolean => answer.length === 1 && answer.charCodeAt(0) < 0x20;

/**
 * Runs the built CLI on a real pseudo-terminal (util-linux `script`), answering
 * `answer` to the first [y/N] prompt: a line of text is typed and Enter pressed; a
 * control key (`terminalKeys.ctrlC`, `terminalKeys.ctrlD`) is pressed alone (the
 * prompt's raw mode delivers it as a key, not as a signal). stdout and stderr both
 * arrive as stdout.
 */
export const runBinOnTerminal = (args: readonly string[], answer: string, options: Pick<RunOptions, 'env'> = {}): Promise<CliResult> =>
  new Promise((resolve, reject) => {
    const quote = (a: string): string => `'${a.replace(/'/g, `'\\''`)}'`;
    const command = [process.execPath, binPath, ...args].map(quote).join(' ');
    const child = spawn('script', ['-qec', command, '/dev/null'], { env: { ...process.env, ...options.env }, stdio: ['pipe', 'pipe', 'pipe'] });
    let stdout = '';
    let answered = false;
    child.stdout.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
      if (!answered && stdout.includes('[y/N]')) {
        answered = true;
        child.stdin.write(isControlKey(answer) ? answer : `${answer}\n`);
      }
    });
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr: '' }));
  });
