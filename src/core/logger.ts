/** A tiny structured logger: the core emits, front ends decide where lines go. */
export type LogLevel = 'debug' | 'info' | 'warn' | 'error';

export interface LogEntry {
  readonly time: number;
  readonly level: LogLevel;
  readonly message: string;
}

export type LogSink = (entry: LogEntry) => void;

export interface Logger {
  debug(message: string): void;
  info(message: string): void;
  warn(message: string): void;
  error(message: string): void;
}

export const createLogger = (sink: LogSink): Logger => {
  const emit = (level: LogLevel) => (message: string) => sink({ time: Date.now(), level, message });
  return { debug: emit('debug'), info: emit('info'), warn: emit('warn'), error: emit('error') };
};

export const silentLogger: Logger = createLogger(() => undefined);
