import type { Command } from 'commander';
import { UserError } from '../../core/errors.js';
import { isErrorRow, type AuthDecision, type BatchRow } from '../../core/auth/index.js';
import { facesNote, getAuthService, loadGallery } from '../auth-service.js';
import { action, type CommandContextFactory } from '../command.js';
import type { CommandContext } from '../context.js';
import { ExitCode, printJson } from '../output.js';
import { writableConfigPath } from '../../core/config/load-config.js';
import { formatThreshold } from '../../core/format-threshold.js';
import { oneLine } from '../../core/text/safe-text.js';
import { parseThreshold } from './verify.js';
import { formatColumns } from '../format.js';

interface AuthenticateFlags {
  readonly user?: string;
  readonly batch?: string;
  readonly threshold?: string;
}

const fmt = (value: number | null): string => (value === null ? '-' : value.toFixed(3));

/** One line that says the decision and why. */
export const describeDecision = (d: AuthDecision): string => {
  const faces = d.faces === null ? '' : `; ${facesNote(d.faces)}`;
  const margin = d.margin === null ? '' : `, margin ${fmt(d.margin)} over the next person`;
  switch (d.reason) {
    case 'match':
      return `ACCEPTED: ${d.name ?? ''} (score ${fmt(d.score)}, threshold ${formatThreshold(d.threshold)}${margin})${faces}`;
    case 'below-threshold':
      return d.claimed === null
        ? `DENIED: no enrolled person matches (best score ${fmt(d.score)} < threshold ${formatThreshold(d.threshold)})${faces}`
        : `DENIED: the face does not match ${JSON.stringify(d.claimed)} (score ${fmt(d.score)} < threshold ${formatThreshold(d.threshold)})${faces}`;
    case 'no-one-enrolled':
      return 'DENIED: no one is enrolled';
    case 'not-enrolled':
      return `DENIED: ${JSON.stringify(d.claimed)} is not enrolled`;
    case 'locked-out':
      return d.claimed === null
        ? `DENIED: the face matches ${JSON.stringify(d.lockedUser)}, who is locked out after too many failed attempts (no score shown); try again in ${d.retryAfterSeconds ?? 0} s${faces}`
        : `DENIED: locked out after too many failed attempts for ${JSON.stringify(d.claimed)}; try again in ${d.retryAfterSeconds ?? 0} s`;
    case 'error':
      return 'ERROR';
  }
};

const decisionJson = (d: AuthDecision): Record<string, unknown> => ({
  authenticated: d.authenticated,
  name: d.name,
  score: d.score,
  threshold: d.threshold,
  margin: d.margin,
  faces: d.faces,
  mode: d.mode,
  claimed: d.claimed,
  reason: d.reason,
  ...(d.retryAfterSeconds === undefined ? {} : { retryAfterSeconds: d.retryAfterSeconds }),
  ...(d.lockedUser === undefined ? {} : { lockedUser: d.lockedUser }),
});

const hintFor = (d: AuthDecision): string | undefined => {
  if (d.reason === 'no-one-enrolled') return 'Register someone first: face-auth-tui register <name> <photo...>';
  if (d.reason === 'locked-out') return 'auth.maxFailures and auth.cooldownSeconds in config.yaml set the lockout.';
  return undefined;
};

const single = async (ctx: CommandContext, image: string, flags: AuthenticateFlags, threshold: number): Promise<ExitCode> => {
  const auth = await getAuthService(ctx, { threshold });
  await loadGallery(ctx, auth);
  const decision = await auth.authenticate(image, flags.user === undefined ? {} : { user: flags.user });
  if (ctx.options.json) printJson(ctx.output, decisionJson(decision));
  else {
    ctx.output.out(describeDecision(decision));
    const hint = hintFor(decision);
    if (hint !== undefined) ctx.output.err(`  ${hint}`);
  }
  return decision.authenticated ? ExitCode.ok : ExitCode.negative;
};

const rowLine = (row: BatchRow): string[] => {
  if (isErrorRow(row)) return [oneLine(row.file), 'ERROR', '-', '-', '-', '-', oneLine(`[${row.error.code}] ${row.error.message}`)];
  const result = row.authenticated ? 'ACCEPTED' : row.reason === 'locked-out' ? 'LOCKED' : 'DENIED';
  return [oneLine(row.file), result, row.name === null ? '-' : oneLine(row.name), fmt(row.score), fmt(row.margin), row.faces === null ? '-' : String(row.faces), row.reason];
};

const batch = async (ctx: CommandContext, dir: string, flags: AuthenticateFlags, threshold: number): Promise<ExitCode> => {
  const auth = await getAuthService(ctx, { threshold });
  await loadGallery(ctx, auth);
  const header = ['FILE', 'RESULT', 'NAME', 'SCORE', 'MARGIN', 'FACES', 'REASON'];
  const lines: string[][] = [];
  const { rows, summary } = await auth.authenticateBatch(dir, {
    ...(flags.user === undefined ? {} : { user: flags.user }),
    onRow: (row) => {
      if (!ctx.options.json && ctx.options.verbose) ctx.logger.debug(rowLine(row).join(' '));
      lines.push(rowLine(row));
    },
  });
  if (summary.images === 0) throw new UserError('INVALID_ARGUMENT', `${dir} holds no files.`, { hint: 'Give a folder of photos.' });
  if (ctx.options.json) {
    printJson(ctx.output, {
      results: rows.map((r) => (isErrorRow(r) ? r : { file: r.file, ...decisionJson(r) })),
      summary: { ...summary, threshold },
    });
  } else {
    for (const line of formatColumns([header, ...lines])) ctx.output.out(line);
    ctx.output.out(
      `summary: ${summary.images} images: ${summary.accepted} accepted, ${summary.denied} denied, ${summary.errors} errors (threshold ${formatThreshold(threshold)})`,
    );
  }
  return summary.errors > 0 ? ExitCode.error : summary.denied > 0 ? ExitCode.negative : ExitCode.ok;
};

/**
 * authenticate --threshold: a stricter bar for this attempt, never a looser one. A caller
 * who may run the command must not be able to accept anyone (`--threshold -1`) and reset a
 * claimed user's lockout with it; lowering the bar is a change of the config.
 */
export const parseRaisedThreshold = (value: string | undefined, configured: number, configFile: string): number => {
  const threshold = parseThreshold(value, configured);
  if (threshold < configured) {
    throw new UserError(
      'INVALID_ARGUMENT',
      `--threshold ${value ?? ''} is below verification.threshold (${formatThreshold(configured)}): authenticate --threshold can only raise the bar`,
      { hint: `To accept lower scores, change verification.threshold in the config (${configFile}); face-auth-tui evaluate <dir> measures one.` },
    );
  }
  return threshold;
};

export const registerAuthenticateCommand = (program: Command, makeContext: CommandContextFactory): void => {
  program
    .command('authenticate')
    .summary('who is in this photo? 1:N, or 1:1 with --user; --batch <dir> (exit 0 accepted, 1 denied, 2 error)')
    .description(
      'who is in this photo? 1:N over every enrolled template, or 1:1 with --user (exit 0 = accepted, 1 = denied, ' +
        'including "no one is enrolled" and "locked out", 2 = error). The largest face of the photo is the one judged. ' +
        '--batch <dir>: one row per file (exit 2 if any file failed, else 1 if any was denied)',
    )
    .argument('[image]', 'the photo')
    .option('--user <name>', 'verify this claimed identity (1:1) instead of searching everyone')
    .option('--batch <dir>', 'authenticate every file in <dir>; a bad file never stops the batch')
    .option('--threshold <value>', 'a stricter cosine similarity threshold for this run: at least verification.threshold from the config (lower it in the config)')
    .action(
      action(makeContext, async (ctx, image: string | undefined, flags: AuthenticateFlags) => {
        const config = await ctx.config();
        const threshold = parseRaisedThreshold(flags.threshold, config.verification.threshold, writableConfigPath(ctx.options.config));
        if (flags.batch !== undefined) {
          if (image !== undefined) throw new UserError('INVALID_ARGUMENT', 'Give either --batch <dir> or one image, not both.');
          return batch(ctx, flags.batch, flags, threshold);
        }
        if (image === undefined) {
          throw new UserError('INVALID_ARGUMENT', 'authenticate needs a photo (or --batch <dir>).', { hint: 'face-auth-tui authenticate photo.jpg [--user "Ada Lovelace"]' });
        }
        return single(ctx, image, flags, threshold);
      }),
    );
};
