import type { Command } from 'commander';
import type { RecordSummary } from '../../core/store/face-store.js';
import { deleteHandle } from '../../core/store/record.js';
import { oneLine } from '../../core/text/safe-text.js';
import { getAuthService } from '../auth-service.js';
import { action, type CommandContextFactory } from '../command.js';
import { ExitCode, printJson } from '../output.js';
import { formatColumns } from '../format.js';

/**
 * `{ name, templates, created }`; damaged or other-model entries add `status` and `reason`,
 * damaged ones also their storage `key` (what `delete` takes when the name is unreadable or
 * does not match it).
 */
export const listEntry = (s: RecordSummary): Record<string, unknown> =>
  s.status === 'corrupt'
    ? { name: s.name ?? s.key, key: s.key, templates: null, created: null, status: 'corrupt', reason: s.reason }
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
              ? [oneLine(s.name ?? s.key), '-', '-', oneLine(`corrupt (key ${JSON.stringify(s.key)}): ${s.reason}`)]
              : [oneLine(s.name), String(s.templates), s.createdAt, s.status === 'ok' ? 'ok' : oneLine(`mismatch: ${s.reason}`)],
          ),
        ];
        for (const line of formatColumns(rows)) ctx.output.out(line);
        const bad = people.filter((s) => s.status !== 'ok');
        if (bad.length > 0) {
          // What delete takes: the name, or a damaged record's key when its name is unreadable or does not match it.
          const handles = bad.map((s) => JSON.stringify(s.status === 'corrupt' ? deleteHandle(s) : s.name));
          const shown = handles.slice(0, 5).join(', ') + (handles.length > 5 ? `, and ${handles.length - 5} more` : '');
          ctx.output.err(
            bad.length === 1
              ? `1 record cannot be used (see STATUS); remove it with: face-auth-tui delete ${handles[0]}, then register the person again`
              : `${bad.length} records cannot be used (see STATUS); remove each with face-auth-tui delete <name or key> (${shown}), then register the people again`,
          );
        }
        return ExitCode.ok;
      }),
    );
};
