import readline from 'node:readline/promises';
import type { Command } from 'commander';
import { UserError } from '../../core/errors.js';
import { foldName, validateName } from '../../core/store/record.js';
import { getAuthService } from '../auth-service.js';
import { action, type CommandContextFactory } from '../command.js';
import { ExitCode, printJson } from '../output.js';

const confirm = async (question: string): Promise<boolean> => {
  const rl = readline.createInterface({ input: process.stdin, output: process.stderr });
  try {
    const answer = await rl.question(`${question} [y/N] `);
    return /^y(es)?$/i.test(answer.trim());
  } finally {
    rl.close();
  }
};

export const registerDeleteCommand = (program: Command, makeContext: CommandContextFactory): void => {
  program
    .command('delete')
    .summary('remove an enrolled person (asks first on a terminal; --yes to skip)')
    .description('remove an enrolled person and all their templates (asks first on a terminal; --yes to skip). Exit 0 = deleted, 1 = not deleted, 2 = error')
    .argument('<name>', 'the person (case-insensitive)')
    .option('--yes', 'do not ask for confirmation (needed when stdin is not a terminal)')
    .action(
      action(makeContext, async (ctx, name: string, flags: { yes?: boolean }) => {
        const key = foldName(validateName(name));
        const auth = await getAuthService(ctx);
        const entry = (await auth.list()).find((s) => s.key === key);
        if (entry === undefined) {
          throw new UserError('NOT_ENROLLED', `${JSON.stringify(name)} is not enrolled in ${auth.store.uri}.`, { hint: 'See who is: face-auth-tui list' });
        }
        const label = entry.status === 'corrupt' ? (entry.name ?? entry.key) : entry.name;
        if (flags.yes !== true) {
          if (!process.stdin.isTTY) {
            throw new UserError('INVALID_ARGUMENT', `Refusing to delete ${JSON.stringify(label)} without confirmation (stdin is not a terminal).`, {
              hint: `Run again with --yes: face-auth-tui delete ${JSON.stringify(label)} --yes`,
            });
          }
          const what = entry.status === 'corrupt' ? 'its damaged record' : `${entry.templates} template(s), enrolled ${entry.createdAt}`;
          if (!(await confirm(`Delete ${JSON.stringify(label)} (${what})?`))) {
            ctx.output.err('not deleted');
            return ExitCode.negative;
          }
        }
        const deleted = await auth.delete(label);
        if (ctx.options.json) printJson(ctx.output, { deleted, name: label });
        else ctx.output.out(deleted ? `deleted ${JSON.stringify(label)}` : `${JSON.stringify(label)} was already gone`);
        return deleted ? ExitCode.ok : ExitCode.negative;
      }),
    );
};
