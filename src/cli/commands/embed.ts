import type { Command } from 'commander';
import type { FullEmbedResult } from '../../core/face/pipeline.js';
import { isImageError, serializeError } from '../../core/errors.js';
import { action, type CommandContextFactory } from '../command.js';
import { getEngine } from '../engine-service.js';
import { ExitCode, printJson, reportErrorFor } from '../output.js';
import { formatBox } from '../format.js';
import { oneLine } from '../../core/text/safe-text.js';

type Outcome = { file: string; result: FullEmbedResult } | { file: string; error: unknown };

export const describeEmbedding = (result: FullEmbedResult): string => {
  const { chosen, faces } = result;
  const count = `${faces.length} face${faces.length === 1 ? '' : 's'}${faces.length > 1 ? ' (largest used)' : ''}`;
  const live = Number.isNaN(result.liveness) ? 'n/a' : result.liveness.toFixed(2);
  const norm = Math.hypot(...result.embedding);
  return (
    `${count}, box ${formatBox(chosen.box)}, score ${chosen.score.toFixed(3)}, liveness ${live} (experimental), ` +
    `dim ${result.embedding.length}, norm ${norm.toFixed(4)} (raw ${result.rawNorm.toFixed(2)}), ${result.timings.total.toFixed(0)} ms`
  );
};

export const registerEmbedCommand = (program: Command, makeContext: CommandContextFactory): void => {
  program
    .command('embed')
    .description('detect, align and embed the largest face of each image')
    .argument('<image...>', 'image files')
    .action(
      action(makeContext, async (ctx, files: string[]) => {
        const engine = await getEngine(ctx);
        // Text mode prints each image as soon as it and every image before it are done,
        // so a long batch shows its progress in order; --json prints one array at the end
        // (with a progress count on stderr).
        const outcomes: Array<Outcome | undefined> = files.map(() => undefined);
        let printed = 0;
        let done = 0;
        const flush = (): void => {
          while (printed < files.length) {
            const o = outcomes[printed];
            if (o === undefined) return;
            printed++;
            if (ctx.options.json) continue;
            if ('error' in o) reportErrorFor(ctx.output, o.file, o.error, ctx.options.verbose);
            else ctx.output.out(`${oneLine(o.file)}: ${describeEmbedding(o.result)}`);
          }
        };
        // An error that is not about the image (the models cannot be had, a worker died, a bug)
        // would be the same for every image: the command fails with it once, with its hint.
        let fatal: { error: unknown } | undefined;
        await Promise.all(
          files.map((file, index) =>
            engine
              .embed(file)
              .then(
                (result): Outcome => ({ file, result }),
                (error: unknown): Outcome => {
                  if (!isImageError(error)) fatal ??= { error };
                  return { file, error };
                },
              )
              .then((outcome) => {
                if (fatal !== undefined) return;
                outcomes[index] = outcome;
                done++;
                if (ctx.options.json && files.length > 1 && process.stderr.isTTY) {
                  process.stderr.write(`\rembedded ${done}/${files.length}${done === files.length ? '\n' : ''}`);
                }
                flush();
              }),
          ),
        );
        if (fatal !== undefined) throw fatal.error;
        if (ctx.options.json) {
          printJson(
            ctx.output,
            (outcomes as Outcome[]).map((o) => {
              if ('error' in o) {
                const e = serializeError(o.error);
                return { file: o.file, error: { code: e.code, message: e.message, hint: e.hint ?? null } };
              }
              const { result } = o;
              return {
                file: o.file,
                faces: result.faces.length,
                box: result.chosen.box,
                score: result.chosen.score,
                liveness: result.liveness,
                livenessExperimental: true,
                dim: result.embedding.length,
                norm: Math.hypot(...result.embedding),
                embedding: Array.from(result.embedding),
              };
            }),
          );
        }
        return outcomes.some((o) => o === undefined || 'error' in o) ? ExitCode.error : ExitCode.ok;
      }),
    );
};
