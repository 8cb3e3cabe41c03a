/**
 * Two real processes registering at the same moment, each through the real
 * auth service and engine, on real SQLite and JSON file stores: the check
 * (is the name free? does the face match someone else?) and the write are one
 * step, so neither process can act on what the other is about to change.
 */
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { facePath, repoRoot, requireSharedFaces } from '../../../test/support/faces.js';
import { makeTempDir } from '../../../test/support/store-fixtures.js';
import { parseConfig } from '../config/load-config.js';
import { createEngine } from '../face-engine.js';
import { openStore } from '../store/face-store.js';
import { storeProfileOf } from './profile.js';
import { cast } from '../../../test/support/cast.js';

const { ada, adaOther, bob } = cast;

const adaThird = facePath('person_01/deepface__img11.jpg');
const carol = facePath('person_04/deepface__img53.jpg');
const dan = facePath('person_05/deepface__img16.jpg');

const childScript = path.join(repoRoot, 'test', 'support', 'store-register-child.ts');

interface Reply {
  readonly status: 'registered' | 'refused';
  readonly name: string;
  readonly mode?: string;
  readonly code?: string;
  readonly templates?: number;
  readonly collision?: string | null;
}

interface Child {
  readonly process: ChildProcessWithoutNullStreams;
  readonly replies: Reply[];
  readonly stderr: () => string;
  ready: boolean;
  readonly closed: Promise<number | null>;
}

const startChild = (uri: string, audit: string): Child => {
  const proc = spawn(process.execPath, ['--import', 'tsx', childScript, uri, audit], { cwd: repoRoot, stdio: 'pipe' });
  let pending = '';
  let errors = '';
  const child: Child = {
    process: proc,
    replies: [],
    stderr: () => errors,
    ready: false,
    closed: new Promise((resolve) => proc.on('close', (code) => resolve(code))),
  };
  proc.stdout.setEncoding('utf8').on('data', (chunk: string) => {
    pending += chunk;
    const lines = pending.split('\n');
    pending = lines.pop() ?? '';
    for (const line of lines) {
      if (line === 'ready') child.ready = true;
      else if (line.trim() !== '') child.replies.push(JSON.parse(line) as Reply);
    }
  });
  proc.stderr.setEncoding('utf8').on('data', (chunk: string) => (errors += chunk));
  return child;
};

const waitFor = async (condition: () => boolean, what: string, children: readonly Child[]): Promise<void> => {
  const deadline = Date.now() + 60_000;
  while (!condition()) {
    const dead = children.find((c) => c.process.exitCode !== null);
    if (dead !== undefined) throw new Error(`a child exited while waiting for ${what}: ${dead.stderr()}`);
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(5);
  }
};

/** Sends one request to each child in the same tick and waits for both replies. */
const atOnce = async (pair: readonly [Child, Child], requests: readonly [object, object]): Promise<[Reply, Reply]> => {
  const before = pair.map((c) => c.replies.length);
  pair[0].process.stdin.write(`${JSON.stringify(requests[0])}\n`);
  pair[1].process.stdin.write(`${JSON.stringify(requests[1])}\n`);
  await waitFor(() => pair.every((c, i) => c.replies.length > before[i]!), 'both registrations', pair);
  return [pair[0].replies.at(-1)!, pair[1].replies.at(-1)!];
};

let temp: ReturnType<typeof makeTempDir>;
let profile: ReturnType<typeof storeProfileOf>;

beforeAll(async () => {
  temp = makeTempDir('fat-register-procs-');
  // The store profile without loading a model.
  const engine = await createEngine({ config: parseConfig({}) });
  profile = storeProfileOf(engine);
  await engine.close();
});
afterAll(() => temp.remove());

describe.runIf(requireSharedFaces())('two processes registering at the same moment', () => {
  it.each(['sqlite', 'file'] as const)(
    '%s: the same new name, --add to one person, and the same face under two names',
    async (kind) => {
      const file = path.join(temp.dir, kind, kind === 'sqlite' ? 'faces.db' : 'faces.json');
      const uri = `${kind}:${file}`;
      const audit = `${file}.audit.jsonl`;
      const pair: [Child, Child] = [startChild(uri, audit), startChild(uri, audit)];
      try {
        await waitFor(() => pair.every((c) => c.ready), 'the children to start', pair);

        // 1. The same new name: one registers it, the other is told it is taken (it used to replace the first silently).
        const same = await atOnce(pair, [
          { name: 'Ada', files: [ada] },
          { name: 'ada', files: [adaOther] },
        ]);
        expect(same.map((r) => r.status).sort()).toEqual(['refused', 'registered']);
        expect(same.find((r) => r.status === 'registered')).toMatchObject({ mode: 'new', templates: 1 });
        expect(same.find((r) => r.status === 'refused')).toMatchObject({ code: 'ALREADY_ENROLLED' });

        // 2. Two --add at once: both templates are kept (one used to be lost).
        const added = await atOnce(pair, [
          { name: 'Ada', files: [adaThird], add: true },
          { name: 'Ada', files: [same.find((r) => r.status === 'registered')!.name === 'Ada' ? adaOther : ada], add: true },
        ]);
        expect(added.map((r) => [r.status, r.mode])).toEqual([
          ['registered', 'add'],
          ['registered', 'add'],
        ]);
        expect(added.map((r) => r.templates).sort()).toEqual([2, 3]);

        // 3. One face registered as two people at once: the collision check sees the other registration.
        const twins = await atOnce(pair, [
          { name: 'TwinA', files: [bob] },
          { name: 'TwinB', files: [bob] },
        ]);
        expect(twins.map((r) => r.status).sort()).toEqual(['refused', 'registered']);
        const refused = twins.find((r) => r.status === 'refused')!;
        expect(refused.code).toBe('COLLISION');
        expect(refused.collision).toBe(twins.find((r) => r.status === 'registered')!.name);

        // Different people at once still both succeed.
        const different = await atOnce(pair, [
          { name: 'Carol', files: [carol] },
          { name: 'Dan', files: [dan] },
        ]);
        expect(different.map((r) => [r.status, r.mode])).toEqual([
          ['registered', 'new'],
          ['registered', 'new'],
        ]);

        for (const c of pair) c.process.stdin.write('quit\n');
        expect(await Promise.all(pair.map((c) => c.closed))).toEqual([0, 0]);
        expect(pair.map((c) => c.stderr())).toEqual(['', '']);

        const store = await openStore(uri, profile);
        const list = await store.list();
        expect(list.map((s) => [s.name, s.status === 'corrupt' ? null : s.templates]).sort()).toEqual(
          [
            [same.find((r) => r.status === 'registered')!.name, 3],
            [twins.find((r) => r.status === 'registered')!.name, 1],
            ['Carol', 1],
            ['Dan', 1],
          ].sort(),
        );
        await store.close();
      } finally {
        for (const c of pair) if (c.process.exitCode === null) c.process.kill('SIGKILL');
        await Promise.all(pair.map((c) => c.closed));
      }
    },
    180_000,
  );
});
