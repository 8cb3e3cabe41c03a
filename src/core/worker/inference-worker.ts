/** Worker entry: owns the ONNX sessions for its whole life and serves requests. */
import { performance } from 'node:perf_hooks';
import { parentPort, threadId, workerData, type TransferListItem } from 'node:worker_threads';
import { serializeError, UserError } from '../errors.js';
import { FacePipeline, type PipelineModels } from '../face/pipeline.js';
import type { ModelSpec } from '../face/model-spec.js';
import { readImageFile } from '../image/read-file.js';
import { configureImageCodec } from '../image/sharp-codec.js';
import { createModelSession, type ModelSession } from '../model/onnx-session.js';
import type { ModelRole, ModelTiming, TaskMap, WorkerInit, WorkerReady, WorkerRequest, WorkerResponse, WorkerShutdown } from './protocol.js';

type Loaded = Partial<Record<ModelRole, { session: ModelSession; spec: ModelSpec }>>;

const load = async (init: WorkerInit, loadMs: Record<string, number>): Promise<Loaded> => {
  const loaded: Loaded = {};
  for (const [role, model] of Object.entries(init.models) as Array<[ModelRole, { path: string; spec: ModelSpec }]>) {
    const started = performance.now();
    const session = await createModelSession(model.spec.id, model.path, model.spec, {
      intraOpNumThreads: init.intraOpNumThreads,
      graphOptimizationLevel: model.spec.runtime?.graphOptimizationLevel,
    });
    loadMs[model.spec.id] = performance.now() - started;
    loaded[role] = { session, spec: model.spec };
  }
  return loaded;
};

const median = (values: number[]): number => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? 0;
};

const start = async (): Promise<void> => {
  const port = parentPort;
  if (port === null) return;
  const init = workerData as WorkerInit;
  let loaded: Loaded;
  let pipeline: FacePipeline;
  const loadMs: Record<string, number> = {};
  try {
    configureImageCodec();
    loaded = await load(init, loadMs);
    const { detector, landmarks, embedder, liveness } = loaded;
    if (detector === undefined || landmarks === undefined || embedder === undefined) {
      throw new Error('worker needs detector, landmarks and embedder models');
    }
    const models: PipelineModels = { detector, landmarks, embedder, liveness };
    pipeline = new FacePipeline(models, init.settings);
  } catch (error) {
    port.postMessage({ ready: false, error: serializeError(error) } satisfies WorkerReady);
    return;
  }
  port.postMessage({ ready: true, loadMs } satisfies WorkerReady);

  // Aborted by a shutdown: a running embed stops at its next stage instead of finishing.
  const stopping = new AbortController();
  const handlers: { [K in keyof TaskMap]: (payload: TaskMap[K]['request']) => Promise<[TaskMap[K]['result'], TransferListItem[]]> } = {
    embed: async ({ source, options }) => {
      const bytes = 'file' in source ? await readImageFile(source.file) : source.bytes;
      const result = await pipeline.embed(bytes, options, stopping.signal);
      const transfer: TransferListItem[] = [result.embedding.buffer as ArrayBuffer];
      if (result.aligned !== undefined) transfer.push(result.aligned.data.buffer as ArrayBuffer);
      return [result, transfer];
    },
    modelTimings: async ({ runs }) => {
      const timings: ModelTiming[] = [];
      for (const [role, model] of Object.entries(loaded) as Array<[ModelRole, { session: ModelSession; spec: ModelSpec }]>) {
        const size = model.spec.input.shape.reduce((a, b) => a * b, 1);
        const input = new Float32Array(size);
        const samples: number[] = [];
        // Realistic input: uniform over the normalised range of 8-bit pixels (constant input runs faster).
        const lo = (0 - (model.spec.input.mean[0] ?? 0)) / (model.spec.input.std[0] ?? 1);
        const hi = (255 - (model.spec.input.mean[0] ?? 0)) / (model.spec.input.std[0] ?? 1);
        let seed = 12345;
        for (let i = 0; i < input.length; i++) {
          seed = (seed * 1103515245 + 12345) >>> 0;
          input[i] = lo + ((seed >>> 8) / 16777216) * (hi - lo);
        }
        for (let i = 0; i < runs; i++) {
          const t0 = performance.now();
          await model.session.run(input, model.spec.input.shape);
          samples.push(performance.now() - t0);
        }
        timings.push({ role, medianMs: median(samples) });
      }
      return [timings, []];
    },
    ping: () => Promise.resolve([{ pid: process.pid, threadId }, []]),
  };

  const running = new Set<Promise<void>>();
  const shutdown = async (): Promise<void> => {
    stopping.abort(new UserError('WORKER_FAILED', 'the inference workers were stopped'));
    await Promise.allSettled([...running]);
    for (const model of Object.values(loaded)) await model.session.release().catch(() => undefined);
    port.close();
  };

  port.on('message', (message: WorkerRequest | WorkerShutdown) => {
    if ('control' in message) {
      void shutdown();
      return;
    }
    const request = message;
    const handler = handlers[request.task] as (payload: unknown) => Promise<[unknown, TransferListItem[]]>;
    const job = handler(request.payload).then(
      ([result, transfer]) => port.postMessage({ id: request.id, ok: true, result } satisfies WorkerResponse, transfer),
      (error: unknown) => port.postMessage({ id: request.id, ok: false, error: serializeError(error) } satisfies WorkerResponse),
    );
    running.add(job);
    void job.finally(() => running.delete(job));
  });
};

void start();
