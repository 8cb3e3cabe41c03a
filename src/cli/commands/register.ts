import type { Command } from 'commander';
import { UserError } from '../../core/errors.js';
import { oneLine } from '../../core/text/safe-text.js';
import type { AuthService, ImageVerdict, RegisterOutcome } from '../../core/auth/index.js';
import { getAuthService, loadGallery } from '../auth-service.js';
import { action, type CommandContextFactory } from '../command.js';
import type { CommandContext } from '../context.js';
import { errorLine, ExitCode, printJson } from '../output.js';

interface RegisterFlags {
  readonly from?: string;
  readonly add?: boolean;
  readonly force?: boolean;
}

const describeImage = (v: ImageVerdict): string =>
  v.status === 'accepted'
    ? `  ok        ${oneLine(v.file)}: face ${Math.round(v.quality.faceWidth)} px wide, score ${v.quality.detectionScore.toFixed(3)}, sharpness ${v.quality.sharpness.toFixed(0)}`
    : `  rejected  ${oneLine(v.file)}: [${v.code}] ${oneLine(v.reason)}`;

const printOutcome = (ctx: CommandContext, o: RegisterOutcome): void => {
  for (const image of o.images) ctx.output.out(describeImage(image));
  if (o.status === 'registered') {
    const how = o.mode === 'new' ? 'registered' : o.mode === 'add' ? 'added to' : 'replaced the templates of';
    ctx.output.out(`${how} ${JSON.stringify(o.name)}: ${o.added} new template(s), ${o.templates} in all`);
    for (const n of o.notes) ctx.output.err(`note: ${n}`);
    if (o.collision !== null) {
      ctx.output.err(`warning: registered despite matching ${JSON.stringify(o.collision.name)} (similarity ${o.collision.score.toFixed(3)}) because of --force`);
    }
    for (const w of o.warnings) ctx.output.err(`warning: ${w}`);
  } else {
    ctx.output.err(errorLine(o.code, o.message, o.hint));
  }
};

const outcomeJson = (o: RegisterOutcome): unknown =>
  o.status === 'registered'
    ? o
    : { status: o.status, name: o.name, error: { code: o.code, message: o.message, hint: o.hint }, images: o.images, collision: o.collision };

/** Refused for a collision: 1 (a decision, like "denied"); any other refusal: 2. */
const exitFor = (o: RegisterOutcome): ExitCode => (o.status === 'registered' ? ExitCode.ok : o.code === 'COLLISION' ? ExitCode.negative : ExitCode.error);

const memoryNoteText =
  'the store is memory: — the registration lasts only as long as this process and is gone when it exits. Use --store sqlite:<file.db> or file:<file.json> (or leave --store out) to keep it.';

/** A memory: store is gone when the process exits: say so, or "registered" would be misleading. */
const memoryNote = (ctx: CommandContext, auth: AuthService, registered: number): void => {
  if (auth.store.kind !== 'memory' || registered === 0) return;
  ctx.output.err(`note: ${memoryNoteText}`);
};

const registerOne = async (ctx: CommandContext, name: string, images: string[], flags: RegisterFlags): Promise<ExitCode> => {
  const auth = await getAuthService(ctx, { create: true });
  const outcome = await auth.register(name, images, { add: flags.add === true, force: flags.force === true });
  // The registration read the store afresh: report what it left out.
  await loadGallery(ctx, auth);
  if (ctx.options.json) {
    // A script reads the JSON, not stderr: the memory note goes into the outcome's notes too.
    const gone = outcome.status === 'registered' && auth.store.kind === 'memory';
    printJson(ctx.output, gone ? { ...outcome, notes: [...outcome.notes, memoryNoteText] } : outcomeJson(outcome));
  } else printOutcome(ctx, outcome);
  memoryNote(ctx, auth, outcome.status === 'registered' ? 1 : 0);
  return exitFor(outcome);
};

const registerFrom = async (ctx: CommandContext, dir: string, flags: RegisterFlags): Promise<ExitCode> => {
  const auth = await getAuthService(ctx, { create: true });
  const { people, summary, skippedFolders } = await auth.registerFolder(dir, {
    add: flags.add === true,
    force: flags.force === true,
    onPerson: (o) => {
      if (ctx.options.json) return;
      ctx.output.out(`${oneLine(o.name)}:`);
      printOutcome(ctx, o);
    },
  });
  const skippedNote = skippedFolders.length === 0 ? '' : `folders skipped (names starting with "_" or "." are not people): ${skippedFolders.map(oneLine).join(', ')}`;
  if (summary.people === 0) {
    throw new UserError('INVALID_ARGUMENT', `${dir} has no person subfolders${skippedFolders.length === 0 ? '' : ` (${skippedNote})`}.`, {
      hint: 'register --from expects one subfolder of photos per person, named after the person.',
    });
  }
  // Each registration read the store afresh: report what it left out.
  await loadGallery(ctx, auth);
  if (ctx.options.json) printJson(ctx.output, { people: people.map(outcomeJson), summary, skippedFolders });
  else {
    ctx.output.out(
      `summary: ${summary.registered} of ${summary.people} people registered, ${summary.refused} refused; ` +
        `${summary.imagesUsed} of ${summary.images} images used, ${summary.imagesRejected} skipped` +
        (skippedNote === '' ? '' : `; ${skippedNote}`),
    );
  }
  memoryNote(ctx, auth, summary.registered);
  return summary.refused === 0 && summary.imagesRejected === 0 ? ExitCode.ok : ExitCode.negative;
};

export const registerRegisterCommand = (program: Command, makeContext: CommandContextFactory): void => {
  program
    .command('register')
    .summary('enrol a person from photos (or --from <dir>: one subfolder per person)')
    .description(
      'enrol a person from photos, each with exactly one clear face (exit 0 = registered, 1 = refused: the face matches ' +
        'another enrolled person, 2 = error or rejected photo). --from <dir>: one subfolder per person (exit 1 if anything was skipped)',
    )
    .argument('[name]', 'the person\'s name')
    .argument('[images...]', 'photos of the person')
    .option('--from <dir>', 'register every subfolder of <dir> as a person named after the folder (folders starting with "_" or "." are skipped)')
    .option('--add', 'add the photos to a person already enrolled')
    .option('--force', 'replace an enrolled person\'s templates (without --add), and register even if the face matches someone else')
    .addHelpText('after', '\nExamples:\n  face-auth-tui register "Ada Lovelace" ada1.jpg ada2.jpg\n  face-auth-tui register --from ./people')
    .action(
      action(makeContext, async (ctx, name: string | undefined, images: string[], flags: RegisterFlags) => {
        if (flags.from !== undefined) {
          if (name !== undefined) throw new UserError('INVALID_ARGUMENT', 'Give either --from <dir> or a name and photos, not both.');
          return registerFrom(ctx, flags.from, flags);
        }
        if (name === undefined || images.length === 0) {
          throw new UserError('INVALID_ARGUMENT', 'register needs a name and at least one photo.', {
            hint: 'face-auth-tui register "Ada Lovelace" ada1.jpg [ada2.jpg ...], or face-auth-tui register --from <dir>',
          });
        }
        return registerOne(ctx, name, images, flags);
      }),
    );
};
