import { constants as fsConstants } from 'node:fs';
import fs from 'node:fs/promises';
import path from 'node:path';
import type { Command } from 'commander';
import { writableConfigPath } from '../../core/config/load-config.js';
import { writeVerificationThreshold, type WriteSettingResult } from '../../core/config/write-setting.js';
import { getErrorMessage, UserError } from '../../core/errors.js';
import { startEngine, type FaceEngine } from '../../core/face-engine.js';
import { writeFileAtomic } from '../../core/fs/atomic-write.js';
import {
  DEFAULT_MAX_IMPOSTOR,
  embeddingCacheSalt,
  evaluateFolder,
  type EvaluationProgress,
} from '../../core/evaluation/evaluate-folder.js';
import { defaultPairsSeed } from '../../core/evaluation/pairs.js';
import type { EvaluationReport } from '../../core/evaluation/evaluation-report.js';
import { formatPercent, formatReportMarkdown, formatReportText } from '../../core/evaluation/report-format.js';
import { formatThreshold } from '../../core/format-threshold.js';
import { action, type CommandContextFactory } from '../command.js';
import { confirm } from '../confirm.js';
import { service, type CommandContext } from '../context.js';
import { getEngine, progressPrinter } from '../engine-service.js';
import { ExitCode, printJson } from '../output.js';
import { parseThreshold } from './verify.js';
import { oneLine } from '../../core/text/safe-text.js';

interface EvaluateFlags {
  readonly threshold?: string;
  readonly targetFar?: string;
  readonly maxImpostor?: string;
  readonly seed?: string;
  readonly ablations: boolean;
  /** A folder, false for --no-cache, undefined for the default. */
  readonly cache?: string | false;
  readonly workers?: string;
  readonly report?: string;
  readonly writeThreshold?: boolean;
  readonly yes?: boolean;
}

const invalid = (message: string, hint?: string): UserError =>
  new UserError('INVALID_ARGUMENT', message, hint === undefined ? {} : { hint });

const parseTargetFar = (value: string | undefined): number | undefined => {
  if (value === undefined) return undefined;
  const far = Number(value);
  if (!(Number.isFinite(far) && far > 0 && far <= 1)) {
    throw invalid(`--target-far must be a rate above 0 and at most 1, got '${value}'`, 'For example 0.001 for one false accept in a thousand.');
  }
  return far;
};

const parseMaxImpostor = (value: string | undefined): number | null => {
  if (value === undefined) return DEFAULT_MAX_IMPOSTOR;
  if (value === 'all') return null;
  const n = Number(value);
  if (!(Number.isInteger(n) && n >= 1)) throw invalid(`--max-impostor must be a whole number of at least 1, or 'all'; got '${value}'`, 'For example --max-impostor 100000, or --max-impostor all for every pair.');
  return n;
};

/**
 * Checks where --report will write before any embedding is done: a folder, a folder that
 * does not exist (it is not created) or one that cannot be written is a one-line error
 * naming the path, not a bug report after minutes of work.
 */
export const checkReportPath = async (file: string): Promise<void> => {
  const code = (error: unknown): string | undefined => (error as NodeJS.ErrnoException).code;
  const target = await fs.stat(file).catch((error: unknown) => {
    if (code(error) === 'ENOENT') return null;
    if (code(error) === 'ENOTDIR') throw invalid(`--report ${file}: ${path.dirname(file)} is not a folder`, 'Give the path of a Markdown file in an existing folder.');
    throw invalid(`--report ${file}: cannot be written (${code(error) ?? getErrorMessage(error)})`, 'Give the path of a Markdown file in a folder you can write.');
  });
  if (target?.isDirectory() === true) {
    throw invalid(`--report ${file} is a folder, not a file`, `Give the path of the file to write, e.g. --report ${path.join(file, 'evaluation.md')}`);
  }
  if (target !== null && !target.isFile()) {
    throw invalid(`--report ${file} is not a regular file (a device, pipe or socket)`, 'Give the path of a Markdown file to write; leave --report out to print the report only.');
  }
  const dir = path.dirname(file);
  const folder = await fs.stat(dir).catch(() => null);
  if (folder === null) throw invalid(`--report ${file}: the folder ${dir} does not exist (it is not created)`, 'Create the folder first, or give a path in an existing one.');
  if (!folder.isDirectory()) throw invalid(`--report ${file}: ${dir} is not a folder`, 'Give the path of a Markdown file in an existing folder.');
  try {
    await fs.access(dir, fsConstants.W_OK | fsConstants.X_OK);
  } catch (error) {
    throw invalid(`--report ${file}: cannot write in the folder ${dir} (${code(error) ?? getErrorMessage(error)})`, 'Give a path in a folder you can write, or change its permissions.');
  }
};

/** --cache names a folder (created if missing): a file there is a usage error before any work. */
export const checkCacheDir = async (dir: string): Promise<void> => {
  const found = await fs.stat(dir).catch(() => null);
  if (found !== null && !found.isDirectory()) {
    throw invalid(`--cache ${dir} is not a folder`, 'Give the folder to keep cached embeddings in (it is created if missing), or --no-cache.');
  }
};

/** Writes the Markdown report; a failure (a full disk, a folder removed meanwhile) is a user error naming the file. */
const writeReport = async (file: string, text: string): Promise<void> => {
  try {
    await writeFileAtomic(file, text, 0o644, { createFolder: false });
  } catch (error) {
    throw new UserError('INVALID_ARGUMENT', `cannot write the --report file ${file}: ${getErrorMessage(error)}`, {
      hint: 'Give a path in a folder you can write, with room on the disk.',
      cause: error,
    });
  }
};

const parseInteger = (flag: string, value: string | undefined, min: number, max: number): number | undefined => {
  if (value === undefined) return undefined;
  const n = value.trim() === '' ? Number.NaN : Number(value);
  if (!(Number.isInteger(n) && n >= min && n <= max)) throw invalid(`${flag} must be a whole number from ${min} to ${max}, got '${value}'`, `For example ${flag} ${min}.`);
  return n;
};

/** The engine, with --workers overriding config.workers.count. */
const engineFor = (ctx: CommandContext, workers: number | undefined): Promise<FaceEngine> => {
  if (workers === undefined) return getEngine(ctx);
  return service(ctx, 'engine', async () => {
    const config = await ctx.config();
    const engine = await startEngine({ config, logger: ctx.logger, onProgress: progressPrinter(ctx), workers });
    ctx.onClose(() => engine.close());
    return engine;
  });
};

/** Progress on stderr: one rewritten line on a terminal, otherwise a line at each quarter of each pass. */
const embeddingProgress = (ctx: CommandContext): ((event: EvaluationProgress) => void) => {
  const tty = process.stderr.isTTY;
  let pass = 0;
  let printedQuarter = 0;
  return (event) => {
    const line = `embedding [${event.pass}/${event.passes} ${event.variant}] ${event.done}/${event.total}`;
    if (tty) {
      const name = event.file.length > 40 ? `...${event.file.slice(-37)}` : event.file;
      process.stderr.write(`\r\x1b[2K${line} ${oneLine(name)}${event.done === event.total ? '\n' : ''}`);
      return;
    }
    if (event.pass !== pass) {
      pass = event.pass;
      printedQuarter = 0;
    }
    const quarter = Math.floor((event.done / event.total) * 4);
    if (quarter > printedQuarter) {
      printedQuarter = quarter;
      ctx.output.err(line);
    }
  };
};

/**
 * The --write-threshold question: the new value with its rates on these photos
 * beside the current value's, and a warning when it lets more impostors in or
 * rests on too few impostor pairs.
 */
export const thresholdQuestion = (report: EvaluationReport, current: number, targetFar: number | undefined, configFile: string): string => {
  const { recommended } = report;
  const basis = recommended.basis === 'eer' ? 'the EER threshold' : `the threshold for FAR ${String(targetFar)}`;
  const rates = (far: number, frr: number): string => `FAR ${formatPercent(far)}, FRR ${formatPercent(frr)}`;
  const warnings = [
    ...(recommended.far > report.far ? [`it accepts more impostors than the current ${formatThreshold(current)}`] : []),
    ...(recommended.basis === 'target-far' && report.targetFar?.note != null ? [report.targetFar.note] : []),
  ];
  return (
    `Set verification.threshold to ${formatThreshold(recommended.threshold)} (${basis}: ${rates(recommended.far, recommended.frr)} on these photos; ` +
    `now ${formatThreshold(current)}: ${rates(report.far, report.frr)}) in ${configFile}?` +
    (warnings.length === 0 ? '' : ` Note: ${warnings.join('; ')}.`)
  );
};

export const registerEvaluateCommand = (program: Command, makeContext: CommandContextFactory): void => {
  program
    .command('evaluate')
    .summary('measure verification and identification accuracy on a labelled photo folder')
    .description(
      'measure verification and identification accuracy on a labelled photo folder\n' +
        '(one subfolder per person; subfolders starting with "_" or "." are skipped)',
    )
    .argument('<dir>', 'folder with one subfolder of photos per person')
    .option('--threshold <value>', 'operating threshold on cosine similarity (default: verification.threshold from the config)')
    .option('--target-far <rate>', 'also find the threshold reaching this false accept rate, and recommend it')
    .option('--max-impostor <n>', `keep at most n impostor pairs, a seeded random sample ('all' for no limit)`, String(DEFAULT_MAX_IMPOSTOR))
    .option('--seed <n>', 'seed of the impostor sample', String(defaultPairsSeed))
    .option('--no-ablations', 'skip the pipeline ablations (no-align, no-detect, imagenet-norm): one embedding pass instead of four')
    .option('--cache <dir>', 'embedding cache folder (default: $XDG_CACHE_HOME/face-auth-tui/embeddings)')
    .option('--no-cache', 'neither read nor write cached embeddings')
    .option('--workers <n>', 'inference worker threads (default: workers.count from the config)')
    .option('--report <file.md>', 'also write a Markdown report with every table and the histogram')
    .option(
      '--write-threshold',
      'store the recommended threshold (the EER threshold, or the --target-far threshold when given) as verification.threshold in the config file',
    )
    .option('--yes', 'with --write-threshold: write without asking')
    .action(
      action(makeContext, async (ctx, dir: string, flags: EvaluateFlags) => {
        const interactive = process.stdin.isTTY === true;
        if (flags.writeThreshold === true && flags.yes !== true && !interactive) {
          throw invalid('--write-threshold asks before changing the config, but stdin is not a terminal', 'Add --yes to write it without asking.');
        }
        const config = await ctx.config();
        const threshold = parseThreshold(flags.threshold, config.verification.threshold);
        const targetFar = parseTargetFar(flags.targetFar);
        const maxImpostor = parseMaxImpostor(flags.maxImpostor);
        const seed = parseInteger('--seed', flags.seed, 0, 2 ** 32 - 1);
        const workers = parseInteger('--workers', flags.workers, 1, 64);
        const reportFile = flags.report === undefined ? undefined : path.resolve(flags.report);
        if (reportFile !== undefined) await checkReportPath(reportFile);
        if (typeof flags.cache === 'string') await checkCacheDir(path.resolve(flags.cache));
        const engine = await engineFor(ctx, workers);

        const report = await evaluateFolder(
          engine,
          dir,
          {
            threshold,
            ...(targetFar === undefined ? {} : { targetFar }),
            maxImpostor,
            ...(seed === undefined ? {} : { seed }),
            ablations: flags.ablations,
            ...(flags.cache === false ? { cacheDir: null } : flags.cache === undefined ? {} : { cacheDir: path.resolve(flags.cache) }),
            cacheSalt: embeddingCacheSalt(config),
          },
          embeddingProgress(ctx),
        );
        const thresholdSource = flags.threshold === undefined ? 'config' : '--threshold';
        if (reportFile !== undefined) {
          await writeReport(reportFile, formatReportMarkdown(report, { thresholdSource }));
        }

        // The report comes first, so the question about the threshold is asked with the figures in view.
        if (!ctx.options.json) {
          for (const line of formatReportText(report, { thresholdSource })) ctx.output.out(line);
          if (reportFile !== undefined) ctx.output.out(`\nMarkdown report written to ${reportFile}`);
        }

        let written: WriteSettingResult | null = null;
        const configFile = writableConfigPath(ctx.options.config);
        if (flags.writeThreshold === true) {
          const go = flags.yes === true || (await confirm(`\n${thresholdQuestion(report, config.verification.threshold, targetFar, configFile)} [y/N] `));
          if (go) written = await writeVerificationThreshold(configFile, report.recommended.threshold);
          else ctx.output.err('threshold not written');
        }

        if (ctx.options.json) {
          printJson(ctx.output, {
            ...report,
            thresholdSource,
            reportFile: reportFile ?? null,
            written: written === null ? null : { file: written.file, key: 'verification.threshold', previous: written.previous, value: written.value },
          });
        } else if (written !== null) {
          ctx.output.out(`\nverification.threshold set to ${formatThreshold(report.recommended.threshold)} in ${written.file} (was ${formatThreshold(config.verification.threshold)})`);
        } else if (flags.writeThreshold !== true) {
          ctx.output.out('\nRun again with --write-threshold to store the recommended threshold in the config.');
        }
        return ExitCode.ok;
      }),
    );
};
