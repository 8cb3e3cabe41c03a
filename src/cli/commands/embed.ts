import type { Command } from 'commander';
import type { FullEmbedResult } from '../../core/face/pipeline.js';
import { serializeError } from '../../core/errors.js';
import { action, type CommandContextFactory } from '../command.js';
import { getEngine } from '../engine-service.js';
import { ExitCode, printJson, reportError } from '../output.js';
import { formatBox } from '../format.js';

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
        const outcomes: Outcome[] = await Promise.all(
          files.map((file) =>
            engine.embed(file).then(
              (result): Outcome => ({ file, result }),
              (error: unknown): Outcome => ({ file, error }),
            ),
          ),
        );
        if (ctx.options.json) {
          printJson(
            ctx.output,
            outcomes.map((o) => {
              if ('error' in o) {
                const e = serializeError(o.error);
                return { file: o.file, error: { code: e.code, message: e.message } };
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
        } else {
          for (const o of outcomes) {
            if ('error' in o) {
              ctx.output.out(`${o.file}: failed`);
              reportError(ctx.output, o.error, ctx.options.verbose);
            } else {
              ctx.output.out(`${o.file}: ${describeEmbedding(o.result)}`);
            }
          }
        }
        return outcomes.some((o) => 'error' in o) ? ExitCode.error : ExitCode.ok;
      }),
    );
};
