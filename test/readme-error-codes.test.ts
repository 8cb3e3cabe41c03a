/** The README's list of error codes names every code the CLI can print. */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { errorCodes } from '../src/core/errors.js';
import { repoRoot } from './support/faces.js';

/** In errorCodes but never thrown: a lockout is a decision (reason "locked-out", exit 1), not an error. */
const neverPrinted = new Set(['LOCKED_OUT']);

describe('README error codes', () => {
  it('lists every error code the CLI can print, with register\'s per-photo DUPLICATE_IMAGE and --json\'s BUG', () => {
    const readme = fs.readFileSync(path.join(repoRoot, 'README.md'), 'utf8');
    const commands = readme.slice(readme.indexOf('## Commands'), readme.indexOf('## Configuration'));
    const printed = [...errorCodes.filter((code) => !neverPrinted.has(code)), 'DUPLICATE_IMAGE', 'BUG'];
    expect(printed.filter((code) => !commands.includes(`\`${code}\``) && !commands.includes(`"code": "${code}"`))).toEqual([]);
  });
});
