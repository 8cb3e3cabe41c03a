/** `memory:` — a Keyv over a Map; nothing reaches the disk. For tests and demos. */
import { createRecordKeyv, type StoreBackend } from './backend.js';

export const openMemoryBackend = (): StoreBackend => {
  const keyv = createRecordKeyv();
  return {
    kind: 'memory',
    uri: 'memory:',
    path: null,
    keyv,
    bytesOnDisk: () => Promise.resolve(null),
    close: () => keyv.disconnect(),
  };
};
