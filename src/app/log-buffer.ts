import { createLogger, type LogEntry, type Logger } from '../core/logger.js';

/**
 * The last lines of the core's log, for the log pane. An external store
 * (subscribe / snapshot) so React reads it with useSyncExternalStore.
 */
export interface LogBuffer {
  readonly logger: Logger;
  /** The kept entries, oldest first; a new array after every change. */
  readonly snapshot: () => readonly LogEntry[];
  readonly subscribe: (listener: () => void) => () => void;
}

export interface LogBufferOptions {
  /** Keep debug lines too (--verbose). */
  readonly verbose: boolean;
  /** Default 500. */
  readonly capacity?: number;
  /** Also receives every entry kept (e.g. a file). */
  readonly tee?: (entry: LogEntry) => void;
}

export const createLogBuffer = (options: LogBufferOptions): LogBuffer => {
  const capacity = options.capacity ?? 500;
  let entries: readonly LogEntry[] = [];
  const listeners = new Set<() => void>();
  const logger = createLogger((entry) => {
    if (entry.level === 'debug' && !options.verbose) return;
    entries = [...entries.slice(Math.max(0, entries.length - capacity + 1)), entry];
    options.tee?.(entry);
    for (const listener of listeners) listener();
  });
  return {
    logger,
    snapshot: () => entries,
    subscribe: (listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
};
