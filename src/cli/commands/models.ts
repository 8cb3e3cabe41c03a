import type { Command } from 'commander';
import { fetchModels } from '../../core/model/fetch-models.js';
import type { FetchProgress } from '../../core/model/fetch-progress.js';
import { loadManifest } from '../../core/model/manifest.js';
import { modelStatus, resolveModelDir, type ModelStatus } from '../../core/model/model-cache.js';
import { UserError } from '../../core/errors.js';
import { formatBytes } from '../../core/format-bytes.js';
import { action, type CommandContextFactory } from '../command.js';
import type { CommandContext } from '../context.js';
import { ExitCode, printJson, type Output } from '../output.js';
import { formatColumns } from '../format.js';


const formatSize = (status: ModelStatus): string => {
  if (status.size === null) return `- / ${formatBytes(status.expectedSize)}`;
  if (status.size !== status.expectedSize) return `${formatBytes(status.size)} / ${formatBytes(status.expectedSize)}`;
  return formatBytes(status.size);
};

const printTable = (output: Output, statuses: readonly ModelStatus[]): void => {
  const rows = [
    ['ID', 'ROLE', 'STATUS', 'SIZE', 'LICENCE', 'FILE'],
    ...statuses.map((s) => [s.id, s.role, s.status, formatSize(s), s.license, s.file]),
  ];
  for (const line of formatColumns(rows)) output.out(line);
};

/** Progress on stderr: one line per phase and per model, download lines at most every ~half second. */
const progressPrinter = (output: Output) => {
  let lastDownloadLine = 0;
  let lastPercentStep = -1;
  return (event: FetchProgress): void => {
    switch (event.phase) {
      case 'resolve':
        output.err('resolving the model package through npm');
        return;
      case 'download': {
        if (event.via === 'npm') {
          // npm downloads the tarball (it has a proxy): phases, no byte progress.
          output.err(
            event.receivedBytes === undefined
              ? 'downloading the model package through npm (npm has a proxy; no byte progress)'
              : `downloaded ${formatBytes(event.receivedBytes)} through npm`,
          );
          return;
        }
        const received = event.receivedBytes ?? 0;
        const total = event.totalBytes;
        const done = total !== undefined && received >= total;
        const step = total === undefined ? -1 : Math.floor((received / total) * 10);
        const now = Date.now();
        if (received > 0 && !done && now - lastDownloadLine < 500 && step === lastPercentStep) return;
        if (received === 0 && lastDownloadLine !== 0) return;
        lastDownloadLine = now;
        lastPercentStep = step;
        output.err(
          total === undefined
            ? `downloading: ${formatBytes(received)}`
            : `downloading: ${formatBytes(received)} / ${formatBytes(total)} (${Math.floor((received / total) * 100)}%)`,
        );
        return;
      }
      case 'extract':
        output.err(`extracting ${event.model ?? ''}`);
        return;
      case 'verify':
        output.err(`verifying ${event.model ?? ''} (size, SHA-256)`);
        return;
      case 'done':
        return;
    }
  };
};

const notAllOk = (statuses: readonly ModelStatus[]): ModelStatus[] => statuses.filter((s) => s.status !== 'ok');

const listModels = async (ctx: CommandContext): Promise<ExitCode> => {
  const [config, manifest] = await Promise.all([ctx.config(), loadManifest()]);
  const dir = resolveModelDir(config);
  const statuses = await modelStatus(manifest, dir);
  if (ctx.options.json) printJson(ctx.output, statuses);
  else {
    ctx.output.out(`models in ${dir}`);
    printTable(ctx.output, statuses);
  }
  const bad = notAllOk(statuses);
  if (bad.length === 0) return ExitCode.ok;
  ctx.output.err(
    `${bad.length} model(s) ${bad.map((s) => `${s.id} ${s.status}`).join(', ')}: run \`face-auth-tui models fetch\``,
  );
  return ExitCode.negative;
};

const fetchCommand = async (ctx: CommandContext, options: { force?: boolean }): Promise<ExitCode> => {
  const [config, manifest] = await Promise.all([ctx.config(), loadManifest()]);
  const dir = resolveModelDir(config);
  const started = Date.now();
  const result = await fetchModels({
    manifest,
    dir,
    force: options.force === true,
    onProgress: progressPrinter(ctx.output),
    logger: ctx.logger,
  });
  const statuses = await modelStatus(manifest, dir);
  const bad = notAllOk(statuses);
  if (bad.length > 0) {
    const code = bad.some((s) => s.status === 'missing') ? 'MODEL_MISSING' : 'MODEL_CORRUPT';
    const detail = bad.map((s) => `${s.id} is ${s.status}`).join(', ');
    throw new UserError(code, `after fetching, ${detail}`, { hint: 'Run `face-auth-tui models fetch --force`.' });
  }
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  ctx.output.err(
    result.fetched.length === 0
      ? `all ${statuses.length} models already verified in ${dir} (use --force to download again)`
      : `fetched ${result.fetched.join(', ')} into ${dir} in ${seconds} s`,
  );
  if (ctx.options.json) printJson(ctx.output, statuses);
  else printTable(ctx.output, statuses);
  return ExitCode.ok;
};

export const registerModelsCommand = (program: Command, makeContext: CommandContextFactory): void => {
  const models = program
    .command('models')
    .description('list the face models: id, role, status (ok/missing/corrupt), size, licence, file (exit 1 if any is not ok)')
    .action(action(makeContext, (ctx) => listModels(ctx)));
  models
    .command('fetch')
    .description('download the models through npm, verify them (sha512 tarball, SHA-256 per file) and cache them')
    .option('--force', 'download again even if the cached files verify')
    .action(action<[{ force?: boolean }]>(makeContext, (ctx, options) => fetchCommand(ctx, options)));
};
