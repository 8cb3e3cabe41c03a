/**
 * What the screens work with: config, logger, the face engine (booted once, in
 * workers) and the face store. Created by run-app (or a test); nothing starts
 * until start() is called, and close() stops everything it started.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Config } from '../core/config/schema.js';
import { engineIdentity, type EngineIdentity, type FaceEngine } from '../core/face-engine.js';
import type { Logger } from '../core/logger.js';
import { expandHome } from '../core/paths.js';
import { authSettingsFrom, createAuthService, openAuditLog, storeProfileOf, type AuditLog, type AuthService } from '../core/auth/index.js';
import type { AuthEngine } from '../core/auth/profile.js';
import { defaultEmbeddingCacheDir } from '../core/evaluation/evaluate-folder.js';
import { openStoreCreatingOnWrite } from '../core/store/create-on-write-store.js';
import type { FaceStore } from '../core/store/face-store.js';
import { deferredAuditLog } from './lib/deferred-audit-log.js';
import { bootEngine, bootReducer, initialBootState, type BootEvent, type BootState } from './boot.js';
import { limitEngine, type LimitedEngine } from './lib/engine-limiter.js';
import { createExternalStore, type ExternalStore } from './lib/external-store.js';
import { describeError } from './lib/errors.js';
import type { LogBuffer } from './log-buffer.js';
import { initialStoreStatus, storeReducer, type StoreEvent, type StoreStatus } from './store-status.js';

export interface AppServices {
  readonly config: Config;
  /** The config file read (null: built-in defaults). */
  readonly configPath: string | null;
  readonly verbose: boolean;
  readonly logs: LogBuffer;
  readonly logger: Logger;
  readonly boot: ExternalStore<BootState, BootEvent>;
  readonly storeStatus: ExternalStore<StoreStatus, StoreEvent>;
  /** Where embeddings of labelled folders are cached (shared with `evaluate`); null: no cache. */
  readonly embeddingCacheDir: string | null;
  /** Aborted by close(): long tasks stop early. */
  readonly signal: AbortSignal;
  /** Starts booting the engine, then opens the store (idempotent). */
  readonly start: () => void;
  /** The running engine (waits for the boot). */
  readonly engine: () => Promise<FaceEngine>;
  /** The open store (needs only the engine's identity, from the manifest: no model is loaded for it). */
  readonly store: () => Promise<FaceStore>;
  /**
   * The enrolment / authentication service deciding at `threshold` (the adopted one).
   * One at a time: asking with another threshold replaces it (and reloads the gallery).
   */
  readonly auth: (threshold: number) => Promise<AuthService>;
  /** Re-reads the store's figures for the header. */
  readonly refreshStoreStats: () => Promise<void>;
  /** workbench.facesDir resolved against the config file's folder, when that folder exists. */
  readonly defaultFacesDir: () => string | null;
  /** Stops the workers (a running embed stops at its next stage) and closes the store; never throws. */
  readonly close: () => Promise<void>;
}

export interface AppServicesOptions {
  readonly config: Config;
  readonly configPath: string | null;
  readonly logs: LogBuffer;
  readonly verbose?: boolean;
  /** A running engine to use instead of booting one (tests). It is not closed by close(). */
  readonly engine?: FaceEngine;
  /** Overrides config.store.uri. */
  readonly storeUri?: string | null;
  /** Default: the `evaluate` command's cache (<XDG cache>/embeddings); null: none. */
  readonly embeddingCacheDir?: string | null;
}

/**
 * How long quitting waits for inference already running before closing the workers,
 * which stop a running embed at its next stage (one native call, at most a few tens of ms).
 */
const DRAIN_MS = 0;

const pick = ({ modelId, fingerprint, embeddingDim }: EngineIdentity): EngineIdentity => ({ modelId, fingerprint, embeddingDim });

export const createAppServices = (options: AppServicesOptions): AppServices => {
  const { config, logs } = options;
  const logger = logs.logger;
  const boot = createExternalStore(initialBootState, bootReducer);
  const storeStatus = createExternalStore(initialStoreStatus, storeReducer);
  const controller = new AbortController();
  let enginePromise: Promise<LimitedEngine> | undefined;
  let storePromise: Promise<FaceStore> | undefined;
  let authService: { threshold: number; service: Promise<AuthService> } | undefined;
  let audit: AuditLog | undefined;
  /** One audit log for the session (an in-memory one must survive a threshold change). */
  const auditLog = (store: FaceStore): AuditLog => {
    const uri = options.storeUri === undefined ? config.store.uri : options.storeUri;
    const open = (create: boolean): AuditLog => openAuditLog({ file: config.auth.auditLog === null ? null : path.resolve(expandHome(config.auth.auditLog)), storeUri: uri, create });
    // Like the read-only commands: while the store does not exist, only an audit log that already exists is written to.
    audit ??= deferredAuditLog(open, () => !store.absent);
    return audit;
  };
  const injected = options.engine;

  const startEngine = (): Promise<LimitedEngine> => {
    if (enginePromise === undefined) {
      const booting = bootEngine({
        config,
        logger,
        emit: boot.dispatch,
        ...(injected === undefined ? {} : { start: () => Promise.resolve(injected) }),
      }).then((engine) => limitEngine(engine));
      enginePromise = booting;
      // A failed start (offline, a model that cannot be had) is tried again by the next task that needs the models.
      booting.catch(() => {
        if (enginePromise === booting && !controller.signal.aborted) enginePromise = undefined;
      });
    }
    return enginePromise;
  };

  const refreshStoreStats = async (): Promise<void> => {
    if (storePromise === undefined) return;
    try {
      const store = await storePromise;
      const stats = await store.stats();
      storeStatus.dispatch({ type: 'stats', ...stats });
    } catch (error) {
      logger.warn(`store statistics failed: ${describeError(error).message}`);
    }
  };

  const openTheStore = (): Promise<FaceStore> => {
    storePromise ??= (async () => {
      storeStatus.dispatch({ type: 'opening' });
      try {
        // The store needs the engine's identity, not its models: browsing, checks and deletes work while
        // the models are still downloading, or when they cannot be had.
        const identity = injected ?? (await engineIdentity(config));
        const uri = options.storeUri === undefined ? config.store.uri : options.storeUri;
        // Nothing is created on disk until someone registers (browsing an empty store leaves no file).
        const store = await openStoreCreatingOnWrite(uri, storeProfileOf(identity));
        storeStatus.dispatch({ type: 'opened', kind: store.kind, uri: store.uri });
        logger.info(`store open: ${store.uri}`);
        return store;
      } catch (error) {
        storeStatus.dispatch({ type: 'failed', error: describeError(error) });
        logger.error(`store failed to open: ${describeError(error).message}`);
        throw error;
      }
    })();
    return storePromise;
  };

  return {
    config,
    configPath: options.configPath,
    verbose: options.verbose ?? false,
    logs,
    logger,
    boot,
    storeStatus,
    signal: controller.signal,
    embeddingCacheDir: options.embeddingCacheDir === undefined ? defaultEmbeddingCacheDir() : options.embeddingCacheDir,
    start: () => {
      // Reported through boot / storeStatus.
      startEngine().catch(() => undefined);
      openTheStore()
        .then(() => refreshStoreStats())
        .catch(() => undefined);
    },
    engine: startEngine,
    store: openTheStore,
    auth: (threshold) => {
      if (authService?.threshold !== threshold) {
        const service = (async () => {
          const [identity, store] = await Promise.all([injected ?? engineIdentity(config), openTheStore()]);
          // The engine is waited for only by what embeds (register, authenticate): list and delete work without models.
          const engine: AuthEngine = { ...pick(identity), embed: async (source, embedOptions) => (await startEngine()).embed(source, embedOptions) };
          return createAuthService({ engine, store, audit: auditLog(store), settings: authSettingsFrom(config, { threshold }) });
        })();
        authService = { threshold, service };
      }
      return authService.service;
    },
    refreshStoreStats,
    defaultFacesDir: () => {
      const configured = config.workbench.facesDir;
      if (configured === null) return null;
      const base = options.configPath === null ? process.cwd() : path.dirname(options.configPath);
      const dir = path.resolve(base, configured);
      return fs.existsSync(dir) ? dir : null;
    },
    close: async () => {
      controller.abort();
      const closing: Promise<unknown>[] = [];
      if (storePromise !== undefined) closing.push(storePromise.then((s) => s.close()));
      if (enginePromise !== undefined) {
        closing.push(
          enginePromise.then(async (engine) => {
            await engine.drain(DRAIN_MS);
            if (injected === undefined) await engine.close();
          }),
        );
      }
      await Promise.allSettled(closing);
    },
  };
};
