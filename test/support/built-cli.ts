/**
 * Runs the BUILT command line (`node bin/face-auth-tui.js`, i.e. dist/) in a
 * child process, exactly as a user would. `npm run check` builds before it
 * tests; a missing or stale dist/ fails with the command to run.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { repoRoot } from './faces.js';

export interface BinResult {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/** The CLI entry point that runs dist/. */
export const binPath = path.join(repoRoot, 'bin', 'face-auth-tui.js');

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

export const runBin = (args: readonly string[], options: { env?: NodeJS.ProcessEnv; input?: string } = {}): Promise<BinResult> =>
  new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [binPath, ...args], {
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
