/** `memory:` — a Keyv over a Map; nothing reaches the disk. For tests and demos. */
import type { Keyv } from 'keyv';
import { createRecordKeyv, RECORD_NAMESPACE, storedKey, textValue, type StoreBackend } from './backend.js';
import { processLock } from './store-lock.js';

export type MemoryBackend = StoreBackend & {
  /** The Keyv over the Map (for tests that edit entries by hand). */
  readonly keyv: Keyv<string>;
};

export const openMemoryBackend = (): MemoryBackend => {
  const map = new Map<string, unknown>();
  const keyv = createRecordKeyv(map);
  const prefix = `${RECORD_NAMESPACE}:`;
  const valueOf = (raw: unknown) =>
    typeof raw === 'string' ? textValue(raw) : { kind: 'invalid' as const, reason: `the stored value is ${raw === null ? 'null' : typeof raw}, not a record document` };
  return {
    kind: 'memory',
    uri: 'memory:',
    path: null,
    absent: false,
    keyv,
    read: (key) => {
      const raw = map.get(storedKey(key));
      return Promise.resolve(raw === undefined ? undefined : valueOf(raw));
    },
    write: async (key, text) => {
      await keyv.set(key, text);
    },
    remove: (key) => keyv.delete(key),
    scan: (visit) => {
      // Synchronous from start to end: a snapshot by construction.
      const keys = [...map.keys()].filter((k) => k.startsWith(prefix)).sort();
      for (const k of keys) visit(k.slice(prefix.length), valueOf(map.get(k)));
      return Promise.resolve();
    },
    exclusive: processLock(),
    bytesOnDisk: () => Promise.resolve(null),
    close: () => keyv.disconnect(),
  };
};
