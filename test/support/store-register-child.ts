/**
 * A separate process that registers people through the real auth service (the
 * real engine, one worker), for the concurrent registration tests. Run with:
 *
 *   node --import tsx test/support/store-register-child.ts <store uri> <audit file>
 *
 * Prints "ready" once the engine and the store are open. Then each line on stdin
 * is a JSON request `{ "name", "files", "add"?, "force"? }`, answered by one JSON
 * line `{ "status", "name", "mode"?, "code"?, "templates"?, "collision"? }`;
 * "quit" closes everything and exits.
 */
import { createInterface } from 'node:readline';
import { createAuthService, openAuditLog, storeProfileOf, authSettingsFrom } from '../../src/core/auth/index.js';
import { parseConfig } from '../../src/core/config/load-config.js';
import { startEngine } from '../../src/core/face-engine.js';
import { openStore } from '../../src/core/store/face-store.js';

interface Request {
  readonly name: string;
  readonly files: string[];
  readonly add?: boolean;
  readonly force?: boolean;
}

const main = async (): Promise<void> => {
  const [uri, auditFile] = process.argv.slice(2);
  if (uri === undefined || auditFile === undefined) throw new Error('usage: store-register-child.ts <store uri> <audit file>');
  const config = parseConfig({});
  const engine = await startEngine({ config, workers: 1 });
  const store = await openStore(uri, storeProfileOf(engine));
  const auth = createAuthService({ engine, store, audit: openAuditLog({ file: auditFile, storeUri: uri }), settings: authSettingsFrom(config) });
  await auth.gallery(); // loaded once, as a long-running process (the workbench) would have it
  process.stdout.write('ready\n');
  for await (const line of createInterface({ input: process.stdin })) {
    if (line.trim() === 'quit') break;
    const request = JSON.parse(line) as Request;
    const outcome = await auth.register(request.name, request.files, { add: request.add === true, force: request.force === true });
    const reply =
      outcome.status === 'registered'
        ? { status: outcome.status, name: outcome.name, mode: outcome.mode, templates: outcome.templates }
        : { status: outcome.status, name: outcome.name, code: outcome.code, collision: outcome.collision?.name ?? null };
    process.stdout.write(`${JSON.stringify(reply)}\n`);
  }
  await store.close();
  await engine.close();
  process.stdin.destroy(); // the readline loop has ended; nothing else keeps the process
};

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
