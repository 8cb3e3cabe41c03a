/** What the workbench prints when it crashes: one line, the stack trace only with --verbose. */
import { describe, expect, it } from 'vitest';
import { crashReport } from '../../src/app/run-app.js';

describe('crashReport', () => {
  const error = new TypeError('cannot read properties of undefined\n(reading "x")');

  it('is one line without --verbose: the message, no stack trace', () => {
    const text = crashReport(error, false);
    expect(text).toBe('face-auth-tui: the workbench crashed (a bug): cannot read properties of undefined (reading "x"); run again with --verbose for the stack trace\n');
    expect(text.trimEnd().split('\n')).toHaveLength(1);
    expect(text).not.toContain(' at ');
  });

  it('adds the stack trace with --verbose', () => {
    const text = crashReport(error, true);
    expect(text.startsWith('face-auth-tui: the workbench crashed (a bug): cannot read properties of undefined (reading "x")\n')).toBe(true);
    expect(text).toContain(error.stack!);
  });

  it('takes anything thrown', () => {
    expect(crashReport('boom', false)).toBe('face-auth-tui: the workbench crashed (a bug): boom; run again with --verbose for the stack trace\n');
    expect(crashReport('boom', true)).toBe('face-auth-tui: the workbench crashed (a bug): boom\n');
  });
});
