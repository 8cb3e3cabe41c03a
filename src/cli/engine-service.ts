import { createEngine, type FaceEngine } from '../core/face-engine.js';
import type { FetchProgress } from '../core/model/ensure-models.js';
import { formatBytes } from '../core/format-bytes.js';
import { service, type CommandContext } from './context.js';


/** A progress line on stderr (stdout stays clean for --json). */
export const progressPrinter = (ctx: CommandContext): ((event: FetchProgress) => void) => {
  const tty = process.stderr.isTTY;
  let lastPrinted = 0;
  return (event) => {
    let line: string;
    if (event.phase === 'download' && event.receivedBytes !== undefined) {
      const total = event.totalBytes;
      const pct = total !== undefined && total > 0 ? ` ${Math.floor((event.receivedBytes / total) * 100)}%` : '';
      line = `downloading models: ${formatBytes(event.receivedBytes)}${total === undefined ? '' : ` / ${formatBytes(total)}`}${pct}`;
      const now = Date.now();
      if (!tty && now - lastPrinted < 1000 && event.receivedBytes !== total) return;
      lastPrinted = now;
    } else if (event.phase === 'download' && event.via === 'npm') {
      line = 'downloading models through npm (npm has a proxy; no byte progress)';
    } else {
      line = `models: ${event.phase}${event.model === undefined ? '' : ` ${event.model}`}`;
    }
    if (tty) process.stderr.write(`\r\x1b[2K${line}${event.phase === 'done' ? '\n' : ''}`);
    else ctx.output.err(line);
  };
};

/**
 * The engine for this command, stopped when the command ends. Models load and workers
 * start on its first request, so commands that only read the store stay fast and offline.
 */
export const getEngine = (ctx: CommandContext): Promise<FaceEngine> =>
  service(ctx, 'engine', async () => {
    const config = await ctx.config();
    const engine = await createEngine({ config, logger: ctx.logger, onProgress: progressPrinter(ctx) });
    ctx.onClose(() => engine.close());
    return engine;
  });
