/**
 * A separate process that writes to a store, for the atomicity and concurrency
 * tests. Run with: node --import tsx test/support/store-child.ts <mode> <uri> ...
 *
 *   register <uri> <prefix> <count>
 *     opens the store, prints "ready", waits for "go" on stdin, then registers
 *     <prefix>-0 .. <prefix>-<count-1> (one put each) and prints "done".
 *
 *   delete <uri> <name...>
 *     opens the store, prints "ready", waits for "go" on stdin, then deletes
 *     the names one by one (one transaction each) and prints "done".
 *
 *   churn <uri>
 *     forever: puts the record "Counter" for step i (see churnRecord) and prints
 *     "ok <i>" once the put has returned. Meant to be killed with SIGKILL.
 */
import { createInterface } from 'node:readline';
import { openStore } from '../../src/core/store/face-store.js';
import { churnRecord, registerSeed, syntheticRecord, TEST_PROFILE } from './store-fixtures.js';

const main = async (): Promise<void> => {
  const [mode, uri, ...rest] = process.argv.slice(2);
  if (uri === undefined) throw new Error('usage: store-child.ts <register|delete|churn> <uri> ...');
  const store = await openStore(uri, TEST_PROFILE);
  if (mode === 'register') {
    const prefix = rest[0] ?? 'p';
    const count = Number(rest[1] ?? 5);
    process.stdout.write('ready\n');
    const lines = createInterface({ input: process.stdin });
    for await (const line of lines) if (line.trim() === 'go') break;
    lines.close();
    for (let i = 0; i < count; i++) await store.put(syntheticRecord(`${prefix}-${i}`, registerSeed(prefix, i)));
    await store.close();
    process.stdout.write('done\n');
    return;
  }
  if (mode === 'delete') {
    process.stdout.write('ready\n');
    const lines = createInterface({ input: process.stdin });
    for await (const line of lines) if (line.trim() === 'go') break;
    lines.close();
    for (const name of rest) await store.delete(name);
    await store.close();
    process.stdout.write('done\n');
    return;
  }
  if (mode === 'churn') {
    for (let i = 0; ; i++) {
      await store.put(churnRecord(i));
      process.stdout.write(`ok ${i}\n`);
    }
  }
  throw new Error(`unknown mode ${mode}`);
};

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
