import type { Command } from 'commander';
import { UserError } from '../../core/errors.js';
import { formatThreshold } from '../../core/format-threshold.js';
import { facesNote, getAuthService, loadGallery } from '../auth-service.js';
import { action, type CommandContextFactory } from '../command.js';
import { ExitCode, printJson } from '../output.js';
import { parseThreshold } from './verify.js';

/** More than anyone reads; larger values only bloat the audit line. */
export const MAX_K = 10_000;

const parseK = (value: string): number => {
  const k = value.trim() === '' ? Number.NaN : Number(value);
  if (!Number.isInteger(k) || k < 1 || k > MAX_K) {
    throw new UserError('INVALID_ARGUMENT', `-k must be a whole number from 1 to ${MAX_K.toLocaleString('en-US')}, got '${value}'`, {
      hint: 'For example -k 5 for the five nearest people.',
    });
  }
  return k;
};

export const registerSearchCommand = (program: Command, makeContext: CommandContextFactory): void => {
  program
    .command('search')
    .description('the enrolled people most similar to the largest face of a photo, with scores (a look-up, not an authentication; recorded in the audit log; people locked out after failed attempts are left out)')
    .argument('<image>', 'the photo')
    .option('-k, --top <n>', 'how many people to list', '5')
    .option('--threshold <value>', 'mark scores at or above this; it decides nothing (default from config verification.threshold)')
    .action(
      action(makeContext, async (ctx, image: string, flags: { top: string; threshold?: string }) => {
        const k = parseK(flags.top);
        const config = await ctx.config();
        const threshold = parseThreshold(flags.threshold, config.verification.threshold);
        const auth = await getAuthService(ctx, { threshold });
        await loadGallery(ctx, auth);
        const result = await auth.search(image, k);
        if (ctx.options.json) {
          printJson(ctx.output, result);
          return ExitCode.ok;
        }
        if (result.hits.length === 0) {
          ctx.output.err('no one is enrolled');
          return ExitCode.ok;
        }
        ctx.output.out(`${facesNote(result.faces)}; threshold ${formatThreshold(result.threshold)}`);
        const width = Math.max(...result.hits.map((h) => h.name.length));
        for (const [i, h] of result.hits.entries()) {
          const score = `${h.score.toFixed(3)}${h.match ? '  (at or above the threshold)' : ''}`;
          ctx.output.out(`${String(i + 1).padStart(3)}. ${h.name.padEnd(width)}  ${score}`);
        }
        return ExitCode.ok;
      }),
    );
};
