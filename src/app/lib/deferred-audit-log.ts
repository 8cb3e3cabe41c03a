import type { AuditLog } from '../../core/auth/index.js';

/**
 * An audit log that creates its file only once `exists()` says the store it belongs
 * to exists: before that (a workbench browsing a store nobody has registered into),
 * entries go only to a log file that is already there. Both logs are the same file.
 */
export const deferredAuditLog = (open: (create: boolean) => AuditLog, exists: () => boolean): AuditLog => {
  let withoutCreating: AuditLog | undefined;
  let creating: AuditLog | undefined;
  const log = (): AuditLog => (exists() ? (creating ??= open(true)) : (withoutCreating ??= open(false)));
  return {
    get path() {
      return log().path;
    },
    append: (entry) => log().append(entry),
    read: () => log().read(),
    readNewestFirst: () => log().readNewestFirst(),
  };
};
