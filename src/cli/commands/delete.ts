import type { Command } from 'commander';
import { isUserError, UserError } from '../../core/errors.js';
import type { RecordSummary } from '../../core/store/face-store.js';
import { deleteHandle, foldName, validateName } from '../../core/store/record.js';
import { getAuthService } from '../auth-service.js';
import { action, type CommandContextFactory } from '../command.js';
import { confirm } from '../confirm.js';
import { formatDamaged } from '../format.js';
import { ExitCode, printJson } from '../output.js';

/**
 * The entry `delete <arg>` means, in this order: the person of that name (the
 * entry under its case-folded key); else the entry stored under exactly `arg`
 * as a key (`list` shows a damaged record's key); else the one damaged record
 * whose readable name is `arg` although it is stored under another key.
 */
export const findEntry = (entries: readonly RecordSummary[], arg: string): RecordSummary | undefined => {
  let key: string | undefined;
  let invalid: unknown;
  try {
    key = foldName(validateName(arg));
  } catch (error) {
    if (!isUserError(error)) throw error;
    invalid = error;
  }
  const entry = (key === undefined ? undefined : entries.find((s) => s.key === key)) ?? entries.find((s) => s.key === arg);
  if (entry !== undefined) return entry;
  if (key === undefined) throw invalid;
  const named = entries.filter((s) => s.status === 'corrupt' && s.name !== undefined && foldName(s.name) === key);
  if (named.length > 1) {
    throw new UserError('INVALID_ARGUMENT', `${named.length} damaged records are named ${JSON.stringify(arg)}: ${named.map(formatDamaged).join(', ')}.`, {
      hint: 'Delete one by its key: face-auth-tui delete <key>',
    });
  }
  return named[0];
};

export const registerDeleteCommand = (program: Command, makeContext: CommandContextFactory): void => {
  program
    .command('delete')
    .summary('remove an enrolled person (asks first on a terminal; --yes to skip)')
    .description(
      'remove an enrolled person and all their templates (asks first on a terminal; --yes to skip). ' +
        'A damaged record can also be given by the key `list` shows for it. Exit 0 = deleted, 1 = not deleted, 2 = error',
    )
    .argument('<name>', 'the person (case-insensitive), or a damaged record\'s key')
    .option('--yes', 'do not ask for confirmation (needed when stdin is not a terminal)')
    .action(
      action(makeContext, async (ctx, name: string, flags: { yes?: boolean }) => {
        const auth = await getAuthService(ctx);
        const entry = findEntry(await auth.list(), name);
        if (entry === undefined) {
          throw new UserError('NOT_ENROLLED', `${JSON.stringify(name)} is not enrolled in ${auth.store.uri}.`, { hint: 'See who is: face-auth-tui list' });
        }
        const damaged = entry.status === 'corrupt';
        // A damaged record is removed by its storage key: its name may be unreadable or belong to another key.
        const label = damaged ? (entry.name ?? entry.key) : entry.name;
        const shown = damaged ? formatDamaged(entry) : JSON.stringify(label);
        if (flags.yes !== true) {
          if (!process.stdin.isTTY) {
            throw new UserError('INVALID_ARGUMENT', `Refusing to delete ${shown} without confirmation (stdin is not a terminal).`, {
              hint: `Run again with --yes: face-auth-tui delete ${JSON.stringify(damaged ? deleteHandle(entry) : label)} --yes`,
            });
          }
          const what = damaged ? 'its damaged record' : `${entry.templates} template(s), enrolled ${entry.createdAt}`;
          if (!(await confirm(`Delete ${shown} (${what})? [y/N] `))) {
            ctx.output.err('not deleted');
            return ExitCode.negative;
          }
        }
        const deleted = damaged ? await auth.deleteKey(entry.key) : await auth.delete(label);
        if (ctx.options.json) printJson(ctx.output, { deleted, name: label, key: entry.key });
        else ctx.output.out(deleted ? `deleted ${shown}` : `${shown} was already gone`);
        return deleted ? ExitCode.ok : ExitCode.negative;
      }),
    );
};
