/**
 * Test support for the app and screen tests (not used by the app): renders the
 * real App with ink-testing-library over a real, already running engine, and
 * waits for frames instead of sleeping.
 */
import { render } from 'ink-testing-library';
import { loadConfig } from '../../core/config/load-config.js';
import type { ConfigInput } from '../../core/config/schema.js';
import { parseConfig } from '../../core/config/load-config.js';
import { startEngine, type FaceEngine } from '../../core/face-engine.js';
import { App } from '../app.js';
import { createLogBuffer } from '../log-buffer.js';
import { createAppServices, type AppServices } from '../services.js';
import type { View } from '../use-app-state.js';

export const keys = {
  enter: '\r',
  escape: '\u001B',
  up: '\u001B[A',
  down: '\u001B[B',
  right: '\u001B[C',
  left: '\u001B[D',
  tab: '\t',
  shiftTab: '\u001B[Z',
  backspace: '\u007F',
  pageUp: '\u001B[5~',
  pageDown: '\u001B[6~',
  home: '\u001B[H',
  end: '\u001B[F',
  ctrlC: '\u0003',
} as const;

/** One real engine (real models, one inference worker) for a whole test file. */
export const startTestEngine = (overrides: ConfigInput = {}): Promise<FaceEngine> =>
  startEngine({ config: parseConfig({ ...overrides, workers: { count: 1 } }) });

export interface RenderedApp {
  readonly services: AppServices;
  readonly lastFrame: () => string;
  /** Types keys one at a time, letting Ink and React settle between them. */
  readonly press: (...input: string[]) => Promise<void>;
  /** Writes chunks back to back, as a fast typist or a terminal delivers them in one read. */
  pressTogether(...input: string[]): Promise<void>;
  /** Types text in one go, as a paste (Ink hands it to the focused input whole). */
  readonly type: (text: string) => Promise<void>;
  /** Polls the frame until `predicate` holds; fails with the last frame after `timeoutMs`. */
  readonly waitFor: (predicate: (frame: string) => boolean, timeoutMs?: number) => Promise<string>;
  /** Polls until `condition` holds (state outside the frame, such as `quits`). */
  readonly waitUntil: (condition: () => boolean, timeoutMs?: number) => Promise<void>;
  /** Each quit's force flag. */
  readonly quits: boolean[];
  /** Each quit's interrupted flag (Ctrl+C rather than q). */
  readonly interrupts: boolean[];
  readonly unmount: () => Promise<void>;
}

const tick = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 15));

export interface RenderAppOptions {
  readonly engine: FaceEngine;
  readonly storeUri?: string;
  readonly view?: View;
  readonly env?: NodeJS.ProcessEnv;
  readonly columns?: number;
  readonly rows?: number;
  readonly config?: ConfigInput;
  /** The config file the app believes it read (default: the repository's config.yaml). */
  readonly configPath?: string | null;
}

export const renderApp = async (options: RenderAppOptions): Promise<RenderedApp> => {
  const loaded = await loadConfig();
  const config = options.config === undefined ? loaded.config : parseConfig({ ...options.config });
  const logs = createLogBuffer({ verbose: false });
  const services = createAppServices({
    config,
    configPath: options.configPath === undefined ? loaded.path : options.configPath,
    logs,
    engine: options.engine,
    storeUri: options.storeUri ?? 'memory:',
    embeddingCacheDir: null,
  });
  const quits: boolean[] = [];
  const interrupts: boolean[] = [];
  const ui = render(
    <App
      services={services}
      env={options.env ?? { NO_COLOR: '1' }}
      fallbackSize={{ columns: options.columns ?? 100, rows: options.rows ?? 40 }}
      {...(options.view === undefined ? {} : { initialView: options.view })}
      onQuit={(force, interrupted) => {
        quits.push(force);
        interrupts.push(interrupted);
      }}
    />,
  );
  // ink-testing-library's stdout always says 100 columns: give it the size asked for, as a terminal would, and tell Ink.
  Object.defineProperty(ui.stdout, 'columns', { value: options.columns ?? 100, configurable: true });
  Object.defineProperty(ui.stdout, 'rows', { value: options.rows ?? 40, configurable: true });
  ui.stdout.emit('resize');
  const lastFrame = (): string => ui.lastFrame() ?? '';
  const press = async (...input: string[]): Promise<void> => {
    for (const chunk of input) {
      // Input handlers subscribe in passive effects, which run a little after the frame.
      await tick();
      ui.stdin.write(chunk);
      await tick();
    }
  };
  return {
    services,
    lastFrame,
    press,
    type: (text) => press(text),
    pressTogether: async (...input) => {
      await tick();
      for (const chunk of input) ui.stdin.write(chunk);
      await tick();
    },
    waitUntil: async (condition, timeoutMs = 5_000) => {
      const deadline = Date.now() + timeoutMs;
      while (!condition()) {
        if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms; last frame:\n${lastFrame()}`);
        await new Promise((resolve) => setTimeout(resolve, 25));
      }
    },
    waitFor: async (predicate, timeoutMs = 30_000) => {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const frame = lastFrame();
        if (predicate(frame)) return frame;
        if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for the frame; last frame:\n${frame}`);
        await new Promise((resolve) => setTimeout(resolve, 25));
      }
    },
    quits,
    interrupts,
    unmount: async () => {
      ui.unmount();
      await services.close();
    },
  };
};
