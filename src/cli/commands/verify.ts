import type { Command } from 'commander';
import { isImageError, UserError } from '../../core/errors.js';
import { formatThreshold } from '../../core/format-threshold.js';
import { cosine } from '../../core/similarity/metrics.js';
import { oneLine } from '../../core/text/safe-text.js';
import { action, type CommandContextFactory } from '../command.js';
import { getEngine } from '../engine-service.js';
import { ExitCode, printJson } from '../output.js';
import { describeEmbedding } from './embed.js';

export const parseThreshold = (value: string | undefined, fallback: number): number => {
  if (value === undefined) return fallback;
  // Number('') and Number('  ') are 0: an empty shell variable must not lower the bar to 0.
  const threshold = value.trim() === '' ? Number.NaN : Number(value);
  if (!Number.isFinite(threshold) || threshold < -1 || threshold > 1) {
    throw new UserError('INVALID_ARGUMENT', `--threshold must be a number between -1 and 1, got '${value}'`, {
      hint: 'A cosine similarity, e.g. --threshold 0.4; leave it out for verification.threshold in the config.',
    });
  }
  return threshold;
};


/**
 * An error about the image `file` with the file's name in front of its message, unless the
 * message names it already ("no such file: x.jpg"). Errors about anything else (the models,
 * the config, the store, the workers) and bugs are unchanged: they are not about that image.
 */
export const prefixFile = (file: string, error: unknown): unknown =>
  isImageError(error) && !error.message.includes(file)
    ? new UserError(error.code, `${file}: ${error.message}`, { ...(error.hint === undefined ? {} : { hint: error.hint }), cause: error })
    : error;

export const registerVerifyCommand = (program: Command, makeContext: CommandContextFactory): void => {
  program
    .command('verify')
    .description('compare the faces in two images (exit 0 = match, 1 = no match, 2 = error)')
    .argument('<imageA>', 'first image')
    .argument('<imageB>', 'second image')
    .option('--threshold <value>', 'cosine similarity threshold (default from config)')
    .action(
      action(makeContext, async (ctx, fileA: string, fileB: string, opts: { threshold?: string }) => {
        const config = await ctx.config();
        const threshold = parseThreshold(opts.threshold, config.verification.threshold);
        const engine = await getEngine(ctx);
        // An error names the image it is about: "verify a.jpg b.jpg" has two.
        const embedNamed = async (file: string) => {
          try {
            return await engine.embed(file);
          } catch (error) {
            throw prefixFile(file, error);
          }
        };
        const [a, b] = await Promise.all([embedNamed(fileA), embedNamed(fileB)]);
        const similarity = cosine(a.embedding, b.embedding);
        const match = similarity >= threshold;
        if (ctx.options.json) {
          printJson(ctx.output, {
            similarity,
            threshold,
            match,
            a: { file: fileA, faces: a.faces.length, box: a.chosen.box, score: a.chosen.score },
            b: { file: fileB, faces: b.faces.length, box: b.chosen.box, score: b.chosen.score },
          });
        } else {
          ctx.output.out(`${oneLine(fileA)}: ${describeEmbedding(a)}`);
          ctx.output.out(`${oneLine(fileB)}: ${describeEmbedding(b)}`);
          ctx.output.out(
            `similarity ${similarity.toFixed(4)} (cosine), threshold ${formatThreshold(threshold)}: ${match ? 'MATCH' : 'NO MATCH'}`,
          );
        }
        return match ? ExitCode.ok : ExitCode.negative;
      }),
    );
};
