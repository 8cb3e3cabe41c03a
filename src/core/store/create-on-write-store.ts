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
  let closed = false;
  // Swaps of `current` (absent -> created by us, absent -> created by another process) run one at
  // a time, each checking again first: two of them can never close the store the other put in.
  let queue: Promise<unknown> = Promise.resolve();
  const serial = <T>(step: () => Promise<T>): Promise<T> => {
    const run = queue.then(step);
    queue = run.catch(() => undefined);
    return run;
  };
  const replaceWith = async (next: FaceStore): Promise<void> => {
    const was = current;
    current = next;
    await was.close();
  };
  /** The store, created on disk now if it is absent. A failed creation changes nothing (the next write tries again). */
  const forWriting = async (): Promise<FaceStore> => {
    if (!current.absent) return current;
    await serial(async () => {
      if (!current.absent || closed) return;
      await replaceWith(await openStore(uri, profile, { ...options, create: true }));
    });
    return current;
  };
  /**
   * The store as it is now: while it is absent, each read looks again, so a store another
   * process (the CLI) has created meanwhile is read, not an empty stand-in.
   */
  const forReading = async (): Promise<FaceStore> => {
    if (!current.absent) return current;
    await serial(async () => {
      if (!current.absent || closed) return;
      const now = await openStore(uri, profile, { ...options, create: false });
      if (now.absent) await now.close();
      else await replaceWith(now);
    });
    return current;
  };
  async function* iterate(iterateOptions?: IterateOptions): AsyncIterable<PersonRecord> {
    yield* (await forReading()).iterate(iterateOptions);
  }
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
    get: async (name) => (await forReading()).get(name),
    delete: async (name) => (await forReading()).delete(name),
    deleteKey: async (key) => (await forReading()).deleteKey(key),
    list: async () => (await forReading()).list(),
    iterate,
    load: async () => (await forReading()).load(),
    stats: async () => (await forReading()).stats(),
    changeStamp: async () => (await forReading()).changeStamp(),
    // Registration reads and writes under the lock: the store it locks must be the one it writes.
    exclusive: async (critical) => (await forWriting()).exclusive(critical),
    close: async () => {
      closed = true;
      await serial(() => Promise.resolve()); // a swap under way ends first
      await current.close();
    },
  };
};
