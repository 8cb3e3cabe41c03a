/**
 * Worker-thread entry for the image decoder test: decodes the bytes it is sent
 * and replies with a summary (or the serialized error). Loaded with `--import tsx`.
 */
import { parentPort } from 'node:worker_threads';
import { serializeError } from '../../src/core/errors.js';
import { decodeImage, type DecodeLimits } from '../../src/core/image/sharp-codec.js';

export interface DecodeRequest {
  readonly bytes: Uint8Array;
  readonly limits: DecodeLimits;
}

parentPort?.on('message', (request: DecodeRequest) => {
  decodeImage(request.bytes, request.limits).then(
    (image) => {
      let sum = 0;
      for (const value of image.data) sum += value;
      parentPort?.postMessage({ ok: true, width: image.width, height: image.height, channels: image.channels, format: image.format, sum, data: image.data }, [image.data.buffer as ArrayBuffer]);
    },
    (error: unknown) => parentPort?.postMessage({ ok: false, error: serializeError(error) }),
  );
});
