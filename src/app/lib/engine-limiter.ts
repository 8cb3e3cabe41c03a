/**
 * The face engine with at most one request per worker handed to it at a time,
 * so that the workbench can stop cleanly: drain() lets the requests already in
 * a worker finish and drops the waiting ones before the workers are stopped.
 *
 * (Terminating an inference worker in the middle of a native call — an ONNX
 * Runtime run — can abort the whole process with "terminate called after
 * throwing an instance of 'Napi::Error'"; the pool hands the next queued
 * request to a worker as soon as one finishes, so waiting on the pool alone
 * never finds it idle.)
 */
import { UserError } from '../../core/errors.js';
import type { FaceEngine } from '../../core/face-engine.js';

export interface LimitedEngine extends FaceEngine {
  /** Refuses new requests, drops the waiting ones, waits up to `timeoutMs` for the running ones; true when idle. */
  readonly drain: (timeoutMs: number) => Promise<boolean>;
}

interface Waiting {
  readonly start: () => void;
  readonly reject: (error: Error) => void;
}

export const limitEngine = (engine: FaceEngine, slots: number = Math.max(1, engine.workers)): LimitedEngine => {
  const waiting: Waiting[] = [];
  let running = 0;
  let closing = false;
  let idle: (() => void) | undefined;
  const closed = (): UserError => new UserError('WORKER_FAILED', 'the workbench is closing');

  const pump = (): void => {
    while (!closing && running < slots) {
      const next = waiting.shift();
      if (next === undefined) return;
      running++;
      next.start();
    }
  };

  const limited = <T>(call: () => Promise<T>): Promise<T> => {
    if (closing) return Promise.reject(closed());
    return new Promise<T>((resolve, reject) => {
      waiting.push({
        reject,
        start: () => {
          call()
            .then(resolve, reject)
            .finally(() => {
              running--;
              if (running === 0) idle?.();
              pump();
            });
        },
      });
      pump();
    });
  };

  return {
    modelId: engine.modelId,
    fingerprint: engine.fingerprint,
    embeddingDim: engine.embeddingDim,
    workers: engine.workers,
    manifest: engine.manifest,
    embed: (source, options) => limited(() => engine.embed(source, options)),
    modelTimings: (runs) => limited(() => engine.modelTimings(runs)),
    close: () => engine.close(),
    drain: async (timeoutMs) => {
      closing = true;
      for (const w of waiting.splice(0)) w.reject(closed());
      if (running === 0) return true;
      await Promise.race([
        new Promise<void>((resolve) => {
          idle = resolve;
        }),
        new Promise<void>((resolve) => setTimeout(resolve, timeoutMs).unref()),
      ]);
      return running === 0;
    },
  };
};
