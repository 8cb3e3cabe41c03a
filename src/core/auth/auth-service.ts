/**
 * The enrolment and authentication service both front ends use: one store,
 * its audit log and the face engine, with the enrolled templates loaded into
 * memory once (on first need) and kept in step with this service's writes.
 * A registration reads the store afresh under the store's exclusive lock (see
 * register.ts), and a deletion runs under that lock too.
 */
import type { FaceStore, RecordSummary } from '../store/face-store.js';
import { foldName, nameKey } from '../store/record.js';
import type { AuditEntry } from './audit-entry.js';
import type { AuditLog } from './audit-log.js';
import { authenticate, type AuthDecision, type AuthenticateOptions } from './authenticate.js';
import { authenticateBatch, type BatchOutcome, type BatchRow } from './authenticate-batch.js';
import { Gallery } from './gallery.js';
import type { AuthEngine } from './profile.js';
import { registerFolder, type FolderOutcome } from './register-folder.js';
import { registerPerson, type RegisterOptions, type RegisterOutcome } from './register.js';
import { searchPeople, type SearchResult } from './search-people.js';
import type { AuthSettings } from './settings.js';
import { authStats, type AuthStats } from './stats.js';

export interface AuthServiceOptions {
  readonly engine: AuthEngine;
  readonly store: FaceStore;
  readonly audit: AuditLog;
  readonly settings: AuthSettings;
  /** The clock (tests of the lockout may move it). */
  readonly now?: () => Date;
}

export interface AuthService {
  readonly store: FaceStore;
  readonly audit: AuditLog;
  readonly settings: AuthSettings;
  /** The loaded gallery (damaged and other-model records left out and listed). */
  gallery(): Promise<Gallery>;
  register(name: string, files: readonly string[], options?: RegisterOptions): Promise<RegisterOutcome>;
  registerFolder(dir: string, options?: Omit<RegisterOptions, 'partial'> & { onPerson?: (outcome: RegisterOutcome) => void }): Promise<FolderOutcome>;
  authenticate(file: string, options?: AuthenticateOptions): Promise<AuthDecision>;
  authenticateBatch(dir: string, options?: AuthenticateOptions & { onRow?: (row: BatchRow) => void }): Promise<BatchOutcome>;
  search(file: string, k: number): Promise<SearchResult>;
  /** Every entry of the store, damaged and mismatched ones flagged. */
  list(): Promise<RecordSummary[]>;
  /** Deletes a person (damaged or not) and records it in the audit log; false if there was none. */
  delete(name: string): Promise<boolean>;
  /**
   * Deletes whatever is stored under exactly this storage key (see FaceStore.deleteKey):
   * for damaged records whose name is unreadable or does not match their key. The
   * audit line gives the key as `key` (and as `name`, the record's own being untrusted).
   */
  deleteKey(key: string): Promise<boolean>;
  stats(): Promise<AuthStats>;
}

export const createAuthService = (options: AuthServiceOptions): AuthService => {
  const { engine, store, audit, settings } = options;
  const now = options.now ?? (() => new Date());
  let loaded: Promise<Gallery> | undefined;
  /** The store's change stamp when the gallery was loaded (or last brought up to date here). */
  let loadedStamp: string | undefined;
  const load = (): Promise<Gallery> => {
    // The stamp is read before the records: a write in between makes the next call load again, never miss it.
    const stamped = store.changeStamp().then(async (stamp) => ({ stamp, gallery: await Gallery.load(store) }));
    const loading = stamped.then(({ stamp, gallery: fresh }) => {
      if (loaded === loading) loadedStamp = stamp;
      return fresh;
    });
    loaded = loading;
    // A failed load is not kept: the next call tries again.
    loading.catch(() => {
      if (loaded === loading) loaded = undefined;
    });
    return loading;
  };
  /**
   * The gallery as the store holds it now: a long-lived service (the workbench) must see people
   * registered or deleted by another process (the CLI) before it decides, never a stale copy.
   */
  const gallery = async (): Promise<Gallery> => {
    const seen = loaded;
    const stamp = seen === undefined ? undefined : loadedStamp;
    // Only the gallery this check looked at is dropped: one loaded meanwhile (a registration's,
    // under the lock) is newer than the stamp read here.
    if (seen !== undefined && stamp !== undefined && (await store.changeStamp()) !== stamp && loaded === seen) loaded = undefined;
    return loaded ?? load();
  };
  /**
   * After this service's own write (under the lock) to `written`: if that is still the gallery
   * in use, it holds the write and the new stamp is its own; if another has replaced it
   * meanwhile, that one may lack the write, so it is dropped.
   */
  const wroteHere = async (written: Gallery): Promise<void> => {
    const current = loaded;
    const stamp = await store.changeStamp();
    // The write is made: a gallery load that failed meanwhile only means this one is not current.
    if (current !== undefined && (await current.catch(() => undefined)) === written) {
      if (loaded === current) loadedStamp = stamp;
    } else if (loaded === current) loaded = undefined;
  };
  /**
   * Runs a delete under the lock, then records it: a gallery that was current before it is kept
   * current (the person removed from it too); one that another process had changed meanwhile is
   * dropped, to be loaded afresh, so its changes are never papered over by this write's stamp.
   */
  const deleting = (remove: () => Promise<boolean>, fromGallery: (current: Gallery) => void, entry: () => AuditEntry): Promise<boolean> =>
    store.exclusive(async () => {
      const current = loaded;
      const wasCurrent = current !== undefined && loadedStamp !== undefined && (await store.changeStamp()) === loadedStamp;
      const removed = await remove();
      if (!removed) return false;
      const kept = current === undefined || !wasCurrent ? undefined : await current.catch(() => undefined);
      if (kept !== undefined) {
        fromGallery(kept);
        await wroteHere(kept);
      } else if (loaded === current) loaded = undefined;
      await audit.append(entry());
      return true;
    });
  const deps = { engine, store, audit, settings, gallery, reloadGallery: load, wroteHere, now };
  return {
    store,
    audit,
    settings,
    gallery,
    register: (name, files, registerOptions) => registerPerson(deps, name, files, registerOptions),
    registerFolder: (dir, folderOptions) => registerFolder(deps, dir, folderOptions),
    authenticate: (file, authOptions) => authenticate(deps, file, authOptions),
    authenticateBatch: (dir, batchOptions) => authenticateBatch(deps, dir, batchOptions),
    search: (file, k) => searchPeople({ engine, gallery, threshold: settings.threshold, audit, lockout: settings.lockout, now }, file, k),
    list: () => store.list(),
    delete: (name) => {
      nameKey(name); // validates
      return deleting(
        () => store.delete(name),
        (current) => current.remove(name),
        () => ({ time: now().toISOString(), event: 'delete', name }),
      );
    },
    deleteKey: (key) =>
      deleting(
        () => store.deleteKey(key),
        (current) => {
          // A record that was valid when the gallery was loaded (and damaged since) is in it under this key.
          const person = current.get(key);
          if (person !== undefined && foldName(person.name) === key) current.remove(person.name);
        },
        () => ({ time: now().toISOString(), event: 'delete', name: key, key }),
      ),
    stats: () => authStats(store, audit, settings.threshold),
  };
};
