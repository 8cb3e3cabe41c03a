/**
 * Long synchronous computations (scoring half a million pairs, a leave-one-out search over
 * thousands of images) written once as generators that yield between chunks of work: run
 * to the end at once with `runToEnd`, or with `runSliced`, which lets the event loop run
 * (timers, key presses, rendering) whenever a slice has taken `budgetMs`, so a screen that
 * waits for the result keeps moving.
 */
import { performance } from 'node:perf_hooks';

/** A computation that yields (nothing) between chunks and returns its result. */
export type Steps<T> = Generator<void, T, void>;

export const runToEnd = <T>(steps: Steps<T>): T => {
  for (;;) {
    const step = steps.next();
    if (step.done === true) return step.value;
  }
};

const nextTurn = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

export const runSliced = async <T>(steps: Steps<T>, options: { budgetMs?: number; signal?: AbortSignal } = {}): Promise<T> => {
  const budget = options.budgetMs ?? 10;
  let sliceStart = performance.now();
  for (;;) {
    const step = steps.next();
    if (step.done === true) return step.value;
    if (performance.now() - sliceStart >= budget) {
      await nextTurn();
      options.signal?.throwIfAborted();
      sliceStart = performance.now();
    }
  }
};
