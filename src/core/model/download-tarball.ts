import { createHash } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { ReadableStream as WebReadableStream } from 'node:stream/web';
import { getErrorMessage } from '../errors.js';
import { fetchFailed } from './fetch-failed.js';
import { emitProgress, type ProgressListener } from './fetch-progress.js';
import { sha512Integrity } from './sri.js';

/** Refuse absurd downloads (the real tarball is about 41 MB). */
const maxTarballBytes = 1024 * 1024 * 1024;

/** A download that receives nothing for this long is abandoned (it would hold the fetch lock). */
export const defaultStallTimeoutMs = 30_000;

/**
 * Aborts `controller` when `touch()` has not been called for `ms`: a stalled connection
 * fails with a clear error instead of hanging the first run.
 */
const stallWatch = (controller: AbortController, ms: number): { touch(): void; stop(): void } => {
  let timer: NodeJS.Timeout | undefined;
  const touch = (): void => {
    clearTimeout(timer);
    timer = setTimeout(() => controller.abort(new Error(`no data for ${Math.round(ms / 1000)} s`)), ms);
    timer.unref();
  };
  touch();
  return { touch, stop: () => clearTimeout(timer) };
};

/** Stream the tarball into `target`, hashing as it goes; returns the SRI sha512 of the bytes. */
export const downloadTarball = async (
  url: string,
  target: string,
  onProgress?: ProgressListener,
  stallTimeoutMs = defaultStallTimeoutMs,
): Promise<string> => {
  let parsedUrl: URL;
  try {
    parsedUrl = new URL(url);
  } catch (error) {
    throw fetchFailed(`npm reported an invalid tarball address: ${url}`, error);
  }
  if (parsedUrl.protocol !== 'https:' && parsedUrl.protocol !== 'http:') {
    throw fetchFailed(`npm reported a tarball address that is not http(s): ${parsedUrl.protocol}`);
  }
  const controller = new AbortController();
  const watch = stallWatch(controller, stallTimeoutMs);
  try {
    return await streamTarball(parsedUrl, target, controller.signal, () => watch.touch(), onProgress);
  } finally {
    watch.stop();
  }
};

const streamTarball = async (
  parsedUrl: URL,
  target: string,
  signal: AbortSignal,
  touch: () => void,
  onProgress?: ProgressListener,
): Promise<string> => {
  let response: Response;
  try {
    response = await fetch(parsedUrl, { signal });
  } catch (error) {
    const reason: unknown = signal.aborted ? (signal.reason as unknown) : (error as { cause?: unknown }).cause;
    throw fetchFailed(`download failed: ${getErrorMessage(error)}${reason === undefined ? '' : ` (${getErrorMessage(reason)})`}`, error);
  }
  if (!response.ok || response.body === null) {
    await response.body?.cancel();
    throw fetchFailed(`download failed: HTTP ${response.status} ${response.statusText}`);
  }
  const length = Number(response.headers.get('content-length'));
  const totalBytes = Number.isSafeInteger(length) && length > 0 ? length : undefined;
  if (totalBytes !== undefined && totalBytes > maxTarballBytes) {
    await response.body.cancel();
    throw fetchFailed(`the model tarball is implausibly large (${totalBytes} bytes)`);
  }
  const hash = createHash('sha512');
  let receivedBytes = 0;
  emitProgress(onProgress, { phase: 'download', receivedBytes, ...(totalBytes === undefined ? {} : { totalBytes }) });
  const body = Readable.fromWeb(response.body as WebReadableStream<Uint8Array>);
  try {
    await pipeline(
      body,
      async function* (source: AsyncIterable<Uint8Array>) {
        for await (const chunk of source) {
          touch();
          receivedBytes += chunk.byteLength;
          if (receivedBytes > maxTarballBytes) throw new Error(`more than ${maxTarballBytes} bytes`);
          hash.update(chunk);
          emitProgress(onProgress, { phase: 'download', receivedBytes, ...(totalBytes === undefined ? {} : { totalBytes }) });
          yield chunk;
        }
      },
      createWriteStream(target),
    );
  } catch (error) {
    const reason = signal.aborted ? getErrorMessage(signal.reason) : getErrorMessage(error);
    throw fetchFailed(`download interrupted after ${receivedBytes} bytes: ${reason}`, error);
  }
  if (totalBytes !== undefined && receivedBytes !== totalBytes) {
    throw fetchFailed(`download truncated: got ${receivedBytes} of ${totalBytes} bytes`);
  }
  return sha512Integrity(hash.digest());
};
