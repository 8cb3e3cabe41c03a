import { list as listTar, type ReadEntry } from 'tar';
import { getErrorMessage } from '../errors.js';
import { silentLogger, type Logger } from '../logger.js';
import { fetchFailed } from './fetch-failed.js';
import { emitProgress, type ProgressListener } from './fetch-progress.js';
import type { ModelEntry } from './manifest.js';

/** Read only the wanted entries from the tarball, into memory (models are a few MB each). */
export const extractEntries = async (
  tarball: string,
  models: readonly ModelEntry[],
  onProgress?: ProgressListener,
  logger: Logger = silentLogger,
): Promise<Map<string, Buffer>> => {
  const byPath = new Map(models.map((m) => [m.path, m]));
  const found = new Map<string, Buffer>();
  const pending: Array<Promise<void>> = [];
  const problems: string[] = [];
  await listTar({
    file: tarball,
    filter: (entryPath) => byPath.has(entryPath),
    onwarn: (code, message) => logger.debug(`tar: ${code} ${message}`),
    onReadEntry: (entry: ReadEntry) => {
      const model = byPath.get(entry.path);
      if (model === undefined) return;
      if (entry.type !== 'File' && entry.type !== 'OldFile') {
        problems.push(`${entry.path} is a ${entry.type}, not a file`);
        return;
      }
      if (entry.size !== model.size) {
        problems.push(`${model.id}: ${entry.path} is ${entry.size} bytes, expected ${model.size}`);
        return;
      }
      if (found.has(model.id)) {
        problems.push(`${entry.path} appears twice in the tarball`);
        return;
      }
      emitProgress(onProgress, { phase: 'extract', model: model.id });
      const chunks: Buffer[] = [];
      entry.on('data', (chunk: Buffer) => chunks.push(chunk));
      found.set(model.id, Buffer.alloc(0));
      pending.push(
        new Promise<void>((resolve, reject) => {
          entry.on('end', () => {
            found.set(model.id, Buffer.concat(chunks));
            resolve();
          });
          entry.on('error', reject);
        }),
      );
    },
  }).catch((error: unknown) => {
    throw fetchFailed(`cannot read the model tarball: ${getErrorMessage(error)}`, error);
  });
  await Promise.all(pending);
  for (const model of models) {
    if (!found.has(model.id)) problems.push(`${model.id}: ${model.path} is not in the tarball`);
  }
  if (problems.length > 0) throw fetchFailed(`the model tarball does not hold the expected files: ${problems.join('; ')}`);
  return found;
};
