/** The typed request/response protocol between the main thread and inference workers. */
import type { SerializedError } from '../errors.js';
import type { PipelineSettings, FullEmbedResult } from '../face/pipeline.js';
import type { ModelSpec } from '../face/model-spec.js';
import type { EmbedOptions } from '../face/types.js';

export type ModelRole = 'detector' | 'landmarks' | 'embedder' | 'liveness';

export interface WorkerInit {
  readonly models: Partial<Record<ModelRole, { readonly path: string; readonly spec: ModelSpec }>>;
  readonly settings: PipelineSettings;
  readonly intraOpNumThreads: number;
}

export type ImageSource = { readonly file: string } | { readonly bytes: Uint8Array; readonly name?: string };

export interface ModelTiming {
  readonly role: ModelRole;
  readonly medianMs: number;
}

/** Every task a worker can do, with its result type. */
export interface TaskMap {
  embed: { request: { source: ImageSource; options: EmbedOptions }; result: FullEmbedResult };
  modelTimings: { request: { runs: number }; result: ModelTiming[] };
  ping: { request: Record<string, never>; result: { pid: number; threadId: number } };
}

export type TaskName = keyof TaskMap;

export type WorkerRequest = {
  [K in TaskName]: { readonly id: number; readonly task: K; readonly payload: TaskMap[K]['request'] };
}[TaskName];

export type WorkerResponse =
  | { readonly id: number; readonly ok: true; readonly result: unknown }
  | { readonly id: number; readonly ok: false; readonly error: SerializedError };

/** Sent once after init; a failed init carries the error. */
export type WorkerReady =
  | { readonly ready: true; /** Milliseconds each model took to load, by model id. */ readonly loadMs: Readonly<Record<string, number>> }
  | { readonly ready: false; readonly error: SerializedError };

/**
 * Sent by the pool when it closes: the worker finishes what it is running, releases
 * its sessions and exits by itself. (Terminating a worker inside an ONNX run can
 * abort the whole process with a native exception, so termination is a last resort.)
 */
export interface WorkerShutdown {
  readonly control: 'shutdown';
}
