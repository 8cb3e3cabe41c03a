/**
 * A store for a long-lived front end (the workbench): opened without creating
 * anything, it reads as empty while nothing is at its path, and is created the
 * first time something is written to it (a registration). Browsing, counting and
 * authenticating against a store that does not exist yet leave the disk alone,
 * as the read-only commands do.
 */
import type { FaceStore, IterateOptions } from './face-store.js';
import { openStore, type OpenStoreOptions } from './face-store.js';
import type { PersonRecord, StoreProfile } from './record.js';

export const openStoreCreatingOnWrite = async (uri: string | null, profile: StoreProfile, options: Omit<OpenStoreOptions, 'create'> = {}): Promise<FaceStore> => {
  let current = await openStore(uri, profile, { ...options, create: false });
  let creating: Promise<FaceStore> | undefined;
  /** The store, created on disk now if it was absent. */
  const forWriting = async (): Promise<FaceStore> => {
    if (!current.absent) return current;
    creating ??= (async () => {
      const created = await openStore(uri, profile, { ...options, create: true });
      const absent = current;
      current = created;
      await absent.close();
      return created;
    })();
    return creating;
  };
  return {
    get kind() {
      return current.kind;
    },
    get uri() {
      return current.uri;
    },
    profile,
    get absent() {
      return current.absent;
    },
    put: async (record: PersonRecord) => (await forWriting()).put(record),
    get: (name) => current.get(name),
    delete: (name) => current.delete(name),
    deleteKey: (key) => current.deleteKey(key),
    list: () => current.list(),
    iterate: (iterateOptions?: IterateOptions) => current.iterate(iterateOptions),
    load: () => current.load(),
    stats: () => current.stats(),
    changeStamp: () => current.changeStamp(),
    // Registration reads and writes under the lock: the store it locks must be the one it writes.
    exclusive: async (critical) => (await forWriting()).exclusive(critical),
    close: async () => {
      await creating?.catch(() => undefined);
      await current.close();
    },
  };
};
