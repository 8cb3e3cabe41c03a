import os from 'node:os';
import { Worker, type TransferListItem } from 'node:worker_threads';
import { deserializeError, UserError } from '../errors.js';
import type { Logger } from '../logger.js';
import type { TaskMap, TaskName, WorkerInit, WorkerReady, WorkerRequest, WorkerResponse, WorkerShutdown } from './protocol.js';

interface Pending {
  readonly resolve: (value: unknown) => void;
  readonly reject: (error: Error) => void;
}

interface Job {
  readonly request: WorkerRequest;
  readonly transfer: TransferListItem[];
  readonly pending: Pending;
}

interface Slot {
  worker: Worker;
  busy: Map<number, Job>;
}

/**
 * Running from TypeScript sources (tests, tsx) needs tsx inside the worker too:
 * Node 20 ignores `--import tsx` in a worker's execArgv, so a tiny eval bootstrap
 * registers tsx and then imports the entry.
 */
export const createInferenceWorker = (init: WorkerInit): Worker => {
  if (!import.meta.url.endsWith('.ts')) {
    return new Worker(new URL('./inference-worker.js', import.meta.url), { workerData: init });
  }
  const entry = new URL('./inference-worker.ts', import.meta.url).href;
  const bootstrap = `import('tsx/esm/api').then(({ register }) => { register(); return import(${JSON.stringify(entry)}); });`;
  return new Worker(bootstrap, { eval: true, workerData: init });
};

export const defaultWorkerCount = (configured: number): number =>
  configured > 0 ? configured : Math.max(1, Math.min(4, os.availableParallelism()));

/**
 * Long-lived inference workers owning their ONNX sessions. Requests are queued and
 * given to the least-busy worker; buffers travel in the transfer list. A worker that
 * dies fails its in-flight requests with WORKER_FAILED and is replaced.
 */
export interface PoolOptions {
  readonly size: number;
  readonly logger?: Logger;
  /** How a worker thread is made; the default runs the real inference worker. */
  readonly createWorker?: (init: WorkerInit) => Worker;
}

export class InferencePool {
  private readonly slots: Slot[] = [];
  private readonly queue: Job[] = [];
  private readonly starting = new Set<Promise<void>>();
  private nextId = 1;
  private closed = false;
  /** Set when no worker is left and none could be started: requests fail at once. */
  private fatal: Error | undefined;

  private constructor(
    private readonly init: WorkerInit,
    private readonly logger: Logger | undefined,
    private readonly makeWorker: (init: WorkerInit) => Worker,
  ) {}

  static async start(init: WorkerInit, options: PoolOptions): Promise<InferencePool> {
    // sharp must be loaded by the main thread before any worker uses it, or a worker
    // exiting can take the process down on glibc (lovell/sharp#2263).
    await import('../image/sharp-codec.js');
    const pool = new InferencePool(init, options.logger, options.createWorker ?? createInferenceWorker);
    const spawns = Array.from({ length: Math.max(1, options.size) }, () => pool.spawn());
    const results = await Promise.allSettled(spawns);
    const failed = results.find((r): r is PromiseRejectedResult => r.status === 'rejected');
    if (failed !== undefined) {
      await pool.close();
      throw failed.reason;
    }
    return pool;
  }

  get size(): number {
    return this.slots.length;
  }

  run<K extends TaskName>(task: K, payload: TaskMap[K]['request'], transfer: TransferListItem[] = []): Promise<TaskMap[K]['result']> {
    if (this.closed) return Promise.reject(new UserError('WORKER_FAILED', 'the inference workers are closed'));
    if (this.fatal !== undefined && this.slots.length === 0 && this.starting.size === 0) {
      return Promise.reject(new UserError('WORKER_FAILED', `no inference worker is running: ${this.fatal.message}`, { cause: this.fatal }));
    }
    return new Promise<TaskMap[K]['result']>((resolve, reject) => {
      const request = { id: this.nextId++, task, payload } as WorkerRequest;
      this.queue.push({ request, transfer, pending: { resolve: resolve as (v: unknown) => void, reject } });
      this.dispatch();
    });
  }

  /**
   * Queued requests are refused; running ones stop at their next pipeline stage (the
   * native call in progress finishes: terminating a worker inside one can abort the
   * process) and fail with WORKER_FAILED; then each worker releases its sessions and
   * exits by itself. A worker still busy after `graceMs` is terminated.
   */
  async close(graceMs = 3000): Promise<void> {
    this.closed = true;
    const error = new UserError('WORKER_FAILED', 'the inference workers were stopped');
    for (const job of this.queue.splice(0)) job.pending.reject(error);
    // Workers still starting see `closed` when ready and stop themselves.
    await Promise.allSettled([...this.starting]);
    await Promise.all(
      this.slots.splice(0).map(async (slot) => {
        const exited = new Promise<void>((resolve) => slot.worker.once('exit', () => resolve()));
        slot.worker.postMessage({ control: 'shutdown' } satisfies WorkerShutdown);
        let timer: NodeJS.Timeout | undefined;
        const late = new Promise<'late'>((resolve) => {
          timer = setTimeout(() => resolve('late'), graceMs);
        });
        const outcome = await Promise.race([exited.then(() => 'exited' as const), late]);
        clearTimeout(timer);
        if (outcome === 'late') {
          this.logger?.warn(`inference worker ${slot.worker.threadId} did not stop within ${graceMs} ms; terminating it`);
          await slot.worker.terminate();
        }
        for (const job of slot.busy.values()) job.pending.reject(error);
        slot.busy.clear();
      }),
    );
  }

  private spawn(): Promise<void> {
    const started = this.spawnWorker();
    this.starting.add(started);
    const forget = (): void => {
      this.starting.delete(started);
    };
    started.then(forget, forget);
    return started;
  }

  private spawnWorker(): Promise<void> {
    const worker = this.makeWorker(this.init);
    const slot: Slot = { worker, busy: new Map() };
    return new Promise<void>((resolve, reject) => {
      let ready = false;
      worker.once('message', (message: WorkerReady) => {
        if (!message.ready) {
          reject(deserializeError(message.error));
          void worker.terminate();
          return;
        }
        if (this.closed) {
          // Closed while this worker was loading: stop it instead of keeping it.
          worker.postMessage({ control: 'shutdown' } satisfies WorkerShutdown);
          reject(new UserError('WORKER_FAILED', 'the inference workers were stopped'));
          return;
        }
        ready = true;
        this.fatal = undefined;
        this.slots.push(slot);
        worker.on('message', (response: WorkerResponse) => this.onResponse(slot, response));
        const loads = Object.entries(message.loadMs).map(([id, ms]) => `${id} ${ms.toFixed(0)} ms`);
        this.logger?.debug(`inference worker ${worker.threadId} ready${loads.length === 0 ? '' : ` (models loaded: ${loads.join(', ')})`}`);
        this.dispatch();
        resolve();
      });
      worker.on('error', (error) => {
        if (!ready) reject(error);
        else this.onCrash(slot, error);
      });
      worker.on('exit', (code) => {
        if (!ready) reject(new UserError('WORKER_FAILED', `inference worker exited during start-up (code ${code})`));
        else if (!this.closed) this.onCrash(slot, new Error(`worker exited with code ${code}`));
      });
    });
  }

  private onResponse(slot: Slot, response: WorkerResponse): void {
    const job = slot.busy.get(response.id);
    if (job === undefined) return;
    slot.busy.delete(response.id);
    if (response.ok) job.pending.resolve(response.result);
    else job.pending.reject(deserializeError(response.error));
    this.dispatch();
  }

  private onCrash(slot: Slot, error: Error): void {
    const index = this.slots.indexOf(slot);
    if (index < 0) return;
    this.slots.splice(index, 1);
    this.logger?.error(`inference worker crashed: ${error.message}`);
    for (const job of slot.busy.values()) {
      job.pending.reject(new UserError('WORKER_FAILED', `the inference worker crashed: ${error.message}`, { cause: error }));
    }
    slot.busy.clear();
    if (!this.closed) {
      this.spawn().catch((spawnError: unknown) => {
        if (this.closed) return;
        const reason = spawnError instanceof Error ? spawnError : new Error(String(spawnError));
        this.logger?.error(`could not restart the inference worker: ${reason.message}`);
        if (this.slots.length === 0 && this.starting.size === 0) {
          this.fatal = reason;
          const failure = new UserError('WORKER_FAILED', `no inference worker is running: ${reason.message}`, { cause: reason });
          for (const job of this.queue.splice(0)) job.pending.reject(failure);
        }
      });
    }
  }

  private dispatch(): void {
    while (this.queue.length > 0) {
      const slot = this.slots.reduce<Slot | undefined>((best, s) => (best === undefined || s.busy.size < best.busy.size ? s : best), undefined);
      // One job in flight per worker keeps latency predictable; the rest wait in the queue.
      if (slot === undefined || slot.busy.size > 0) return;
      const job = this.queue.shift();
      if (job === undefined) return;
      slot.busy.set(job.request.id, job);
      slot.worker.postMessage(job.request, job.transfer);
    }
  }
}
