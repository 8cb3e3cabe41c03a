import type { Command } from 'commander';
import { formatThreshold } from '../../core/format-threshold.js';
import { getAuthService } from '../auth-service.js';
import { action, type CommandContextFactory } from '../command.js';
import { ExitCode, printJson } from '../output.js';

const formatBytes = (bytes: number | null): string =>
  bytes === null ? 'in memory' : bytes >= 1024 * 1024 ? `${(bytes / (1024 * 1024)).toFixed(1)} MB` : bytes >= 1024 ? `${(bytes / 1024).toFixed(1)} kB` : `${bytes} B`;

export const registerStatsCommand = (program: Command, makeContext: CommandContextFactory): void => {
  program
    .command('stats')
    .description('the store at a glance: people, templates, size, model, threshold, attempts accepted/denied (from the audit log)')
    .action(
      action(makeContext, async (ctx) => {
        const auth = await getAuthService(ctx);
        const s = await auth.stats();
        if (ctx.options.json) {
          printJson(ctx.output, s);
          return ExitCode.ok;
        }
        const a = s.attempts;
        const rows: [string, string][] = [
          ['store', `${s.store} (${formatBytes(s.bytes)})`],
          ['people', `${s.people} (${s.templates} templates)`],
          ...(s.corrupt + s.mismatched > 0 ? [['unusable', `${s.corrupt} damaged, ${s.mismatched} of another model (see face-auth-tui list)`] as [string, string]] : []),
          ['model', `${s.model}, preprocessing ${s.preprocessing}, ${s.dim}-d`],
          ['threshold', formatThreshold(s.threshold)],
          ['attempts', `${a.total}: ${a.accepted} accepted, ${a.denied} denied, ${a.locked} locked out, ${a.errors} errors`],
          ['searches', String(s.searches)],
          ['audit log', `${s.auditLog ?? 'in memory'}${s.auditDamaged > 0 ? ` (${s.auditDamaged} unreadable lines skipped)` : ''}`],
        ];
        for (const [k, v] of rows) ctx.output.out(`${k.padEnd(10)} ${v}`);
        return ExitCode.ok;
      }),
    );
};
