import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { confirm } from './confirm.js';

/** Asks `question` on in-memory streams, answers `answer`, and returns what was shown and the verdict. */
const ask = async (question: string, answer: string): Promise<{ shown: string; yes: boolean }> => {
  const input = new PassThrough();
  const output = new PassThrough();
  let shown = '';
  output.on('data', (chunk: Buffer) => {
    shown += chunk.toString();
    if (shown.includes('[y/N]')) input.write(`${answer}\n`);
  });
  const yes = await confirm(question, { input, output });
  return { shown, yes };
};

describe('confirm', () => {
  it('shows the question on one line with control characters escaped: a damaged record\'s name cannot drive the terminal', async () => {
    const { shown, yes } = await ask('Delete "evil\u001b[2J\nfake\u202e\u007f\u009b" (its damaged record)? [y/N] ', 'n');
    expect(yes).toBe(false);
    // eslint-disable-next-line no-control-regex
    expect(shown).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/);
    expect(shown).not.toContain('\n');
    expect(shown).toContain('Delete "evil\\u001b[2J\\nfake\\u202e\\u007f\\u009b" (its damaged record)? [y/N] ');
  });

  it('keeps the blank line a question starts with (evaluate sets its question apart from the report)', async () => {
    const { shown } = await ask('\nSet verification.threshold to 0.32 in config.yaml? [y/N] ', 'n');
    expect(shown.startsWith('\nSet verification.threshold to 0.32')).toBe(true);
    expect(shown).not.toContain('\\n');
  });

  it('"y" or "yes" is yes, anything else no', async () => {
    expect((await ask('Delete "Ada"? [y/N] ', 'yes')).yes).toBe(true);
    expect((await ask('Delete "Ada"? [y/N] ', 'Y')).yes).toBe(true);
    expect((await ask('Delete "Ada"? [y/N] ', 'sure')).yes).toBe(false);
  });
});
