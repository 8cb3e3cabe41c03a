import type { Command } from 'commander';
import type { RecordSummary } from '../../core/store/face-store.js';
import { getAuthService } from '../auth-service.js';
import { action, type CommandContextFactory } from '../command.js';
import { ExitCode, printJson } from '../output.js';

/** `{ name, templates, created }`; damaged or other-model entries add `status` and `reason`. */
export const listEntry = (s: RecordSummary): Record<string, unknown> =>
  s.status === 'corrupt'
    ? { name: s.name ?? s.key, templates: null, created: null, status: 'corrupt', reason: s.reason }
    : s.status === 'mismatch'
      ? { name: s.name, templates: s.templates, created: s.createdAt, status: 'mismatch', reason: s.reason }
      : { name: s.name, templates: s.templates, created: s.createdAt };

export const registerListCommand = (program: Command, makeContext: CommandContextFactory): void => {
  program
    .command('list')
    .description('list the enrolled people: name, templates, created (--json: [{ "name", "templates", "created" }])')
    .action(
      action(makeContext, async (ctx) => {
        const auth = await getAuthService(ctx);
        const people = await auth.list();
        if (ctx.options.json) {
          printJson(ctx.output, people.map(listEntry));
          return ExitCode.ok;
        }
        if (people.length === 0) {
          ctx.output.err(`no one is enrolled in ${auth.store.uri}`);
          return ExitCode.ok;
        }
        const rows = [
          ['NAME', 'TEMPLATES', 'CREATED', 'STATUS'],
          ...people.map((s) =>
            s.status === 'corrupt'
              ? [s.name ?? s.key, '-', '-', `corrupt: ${s.reason}`]
              : [s.name, String(s.templates), s.createdAt, s.status === 'ok' ? 'ok' : `mismatch: ${s.reason}`],
          ),
        ];
        const widths = rows[0]!.map((_c, col) => Math.max(...rows.map((r) => r[col]?.length ?? 0)));
        for (const r of rows) ctx.output.out(r.map((cell, col) => (col === r.length - 1 ? cell : cell.padEnd(widths[col] ?? 0))).join('  '));
        const bad = people.filter((s) => s.status !== 'ok').length;
        if (bad > 0) ctx.output.err(`${bad} record(s) cannot be used (see STATUS); remove one with: face-auth-tui delete <name>, then register the person again`);
        return ExitCode.ok;
      }),
    );
};
