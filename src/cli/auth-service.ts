/**
 * The enrolment/authentication service for a CLI command: the engine, the
 * store chosen by --store (else config store.uri, else the default SQLite
 * file) and its audit log, all closed when the command ends.
 */
import path from 'node:path';
import { createAuthService, openAuditLog, storeProfileOf, authSettingsFrom, type AuthService } from '../core/auth/index.js';
import { expandHome } from '../core/paths.js';
import { openStore } from '../core/store/face-store.js';
import { mismatchedSkippedMessage, reenrolHint } from '../core/store/store-errors.js';
import { service, type CommandContext } from './context.js';
import { getEngine } from './engine-service.js';
import { formatDamaged } from './format.js';

export interface AuthServiceRequest {
  /** Overrides config verification.threshold (e.g. --threshold). */
  readonly threshold?: number;
  /**
   * The command writes (register): create the store if it is missing. Commands
   * that only read leave a missing store uncreated (it reads as empty, and a note
   * says which path holds no store).
   */
  readonly create?: boolean;
}

export const getAuthService = (ctx: CommandContext, request: AuthServiceRequest = {}): Promise<AuthService> =>
  service(ctx, 'auth', async () => {
    const config = await ctx.config();
    const engine = await getEngine(ctx);
    const uri = ctx.options.store ?? config.store.uri;
    const create = request.create === true;
    const store = await openStore(uri, storeProfileOf(engine), { create });
    ctx.onClose(() => store.close());
    if (store.absent) {
      ctx.output.err(`note: there is no store at ${store.uri.slice(store.kind.length + 1)} (nothing was created there); it is empty until face-auth-tui register adds someone`);
    }
    const audit = openAuditLog({
      // A relative auth.auditLog is already resolved against its config file (load-config.ts).
      file: config.auth.auditLog === null ? null : path.resolve(expandHome(config.auth.auditLog)),
      storeUri: uri,
      // Against a store that does not exist, only an audit log that already exists is written to.
      create: !store.absent,
    });
    const settings = authSettingsFrom(config, request.threshold === undefined ? {} : { threshold: request.threshold });
    return createAuthService({ engine, store, audit, settings });
  });

/** Loads the enrolled templates, warning on stderr about damaged and other-model records that were skipped. */
export const loadGallery = async (ctx: CommandContext, auth: AuthService): Promise<void> => {
  const gallery = await auth.gallery();
  if (gallery.corrupt.length > 0) {
    const names = gallery.corrupt.map(formatDamaged).join(', ');
    ctx.logger.warn(
      `${gallery.corrupt.length} damaged record(s) skipped (left untouched for inspection): ${names}. See \`face-auth-tui list\`; remove one with \`face-auth-tui delete <name or key>\`.`,
    );
  }
  // Only a warning while someone is usable; with no one usable, authenticate and search refuse (STORE_MISMATCH).
  if (gallery.mismatched.length > 0 && gallery.size > 0) {
    ctx.logger.warn(`${mismatchedSkippedMessage(gallery.mismatched)} ${reenrolHint(gallery.mismatched)}`);
  }
};

/** "1 face" / "3 faces (largest used)". */
export const facesNote = (faces: number | null): string =>
  faces === null ? '' : faces === 1 ? '1 face' : `${faces} faces (the largest was used)`;
