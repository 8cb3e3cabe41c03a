import { loadConfig } from '../core/config/load-config.js';
import type { Config } from '../core/config/schema.js';
import { createLogger, type Logger } from '../core/logger.js';
import type { Output } from './output.js';

/** Options every subcommand accepts. */
export interface GlobalOptions {
  readonly json: boolean;
  readonly verbose: boolean;
  readonly config?: string;
  readonly store?: string;
}

/** What a command gets: parsed options, output, config and lazily-started services. */
export interface CommandContext {
  readonly options: GlobalOptions;
  readonly output: Output;
  readonly logger: Logger;
  config(): Promise<Config>;
  /** Register something to close when the command ends (workers, stores). */
  onClose(close: () => Promise<void> | void): void;
  close(): Promise<void>;
  /** Shared slots for lazily created services, keyed by name. */
  readonly services: Map<string, Promise<unknown>>;
}

export const createContext = (options: GlobalOptions, output: Output): CommandContext => {
  const closers: Array<() => Promise<void> | void> = [];
  let configPromise: Promise<Config> | undefined;
  const logger = createLogger((entry) => {
    if (options.verbose || entry.level === 'warn' || entry.level === 'error') {
      output.err(`[${entry.level}] ${entry.message}`);
    }
  });
  return {
    options,
    output,
    logger,
    services: new Map(),
    config: () => {
      configPromise ??= loadConfig(options.config).then(({ config }) => config);
      return configPromise;
    },
    onClose: (close) => {
      closers.push(close);
    },
    close: async () => {
      // Every closer runs even if one fails (a store that fails to close must not leave
      // the workers running); the first failure is reported afterwards.
      const pending = closers.splice(0).reverse();
      const results: PromiseSettledResult<void>[] = [];
      for (const close of pending) {
        results.push(await Promise.resolve().then(close).then(
          () => ({ status: 'fulfilled', value: undefined }) as const,
          (reason: unknown) => ({ status: 'rejected', reason }) as const,
        ));
      }
      const failed = results.find((r): r is PromiseRejectedResult => r.status === 'rejected');
      if (failed !== undefined) throw failed.reason;
    },
  };
};

/** Memoise a service on the context so a command creates it once. */
export const service = <T>(ctx: CommandContext, name: string, create: () => Promise<T>): Promise<T> => {
  const existing = ctx.services.get(name);
  if (existing !== undefined) return existing as Promise<T>;
  const created = create();
  ctx.services.set(name, created);
  return created;
};
