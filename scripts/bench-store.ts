/**
 * Store loading benchmark: how long a process takes to load the enrolled
 * templates (what every authenticate and search pays), on real SQLite and JSON
 * file stores of synthetic people written with the real record codec in a
 * temp folder, against baselines measured in the same run:
 *
 * - SQLite: Keyv's own iterator over @keyv/sqlite (LIMIT/OFFSET pages, the
 *   path the store used before), decoded and indexed the same way;
 * - JSON file: a bare JSON.parse of the same file (no validation, no index):
 *   the floor for that format.
 *
 *   npx tsx scripts/bench-store.ts [--sizes 1000,10000,100000] [--templates 1] [--no-baseline] [--keep]
 *
 * Each load runs in a fresh process (as a command would), which reports its
 * time and its peak memory (max RSS). Figures are medians on this machine (3
 * runs below 100k, 1 from 100k up); the old iterator path is skipped above
 * 100k (it grows with the square of the rows).
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { KeyvSqlite } from '@keyv/sqlite';
import { Keyv, type Deserialize, type Serialize } from 'keyv';
import { Gallery } from '../src/core/auth/gallery.js';
import { MatrixIndex } from '../src/core/search/matrix-index.js';
import { RECORD_NAMESPACE } from '../src/core/store/backend.js';
import { openStore } from '../src/core/store/face-store.js';
import { FILE_FORMAT, FILE_FORMAT_VERSION } from '../src/core/store/file-backend.js';
import { decodeRecord, encodeRecord } from '../src/core/store/record-codec.js';
import { createPersonRecord, type PersonRecord, type StoreProfile } from '../src/core/store/record.js';
import { SQLITE_TABLE } from '../src/core/store/sqlite-backend.js';
import { benchArgs, option, sizesOption } from './bench-options.js';

const args = benchArgs;
const sizes = sizesOption('1000,10000,100000');
const templates = Number(option('templates') ?? 1);
const baseline = !args.includes('--no-baseline');
const keep = args.includes('--keep');
/** `--child <how> <uri or file> <n>`: one measurement in this process (spawned by the parent). */
const child = args[0] === '--child' ? { how: args[1] ?? '', target: args[2] ?? '', n: Number(args[3]) } : undefined;
if (child === undefined && (sizes.some((n) => !Number.isInteger(n) || n < 1) || !Number.isInteger(templates) || templates < 1)) {
  console.error('usage: npx tsx scripts/bench-store.ts [--sizes 1000,10000,100000] [--templates 1] [--no-baseline] [--keep]');
  process.exit(2);
}

const profile: StoreProfile = { modelId: 'bench-model@1', preprocessing: 'bench-prep@1', dim: 512 };

/** xorshift32: fast, seeded. */
const makeRandom = (seed: number): (() => number) => {
  let x = seed | 1;
  return () => {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    return (x >>> 0) / 4294967296;
  };
};

const unitVector = (random: () => number): Float32Array => {
  const v = new Float32Array(profile.dim);
  let norm = 0;
  for (let j = 0; j < v.length; j++) {
    v[j] = random() * 2 - 1;
    norm += v[j]! * v[j]!;
  }
  const inv = 1 / Math.sqrt(norm);
  for (let j = 0; j < v.length; j++) v[j] = v[j]! * inv;
  return v;
};

/** The documents of `n` people (real codec output), keyed like the store keys them. */
const makeDocuments = (n: number): [string, string][] => {
  const random = makeRandom(20250101);
  const at = new Date(Date.UTC(2025, 0, 1));
  return Array.from({ length: n }, (_, i) => {
    const name = `person-${String(i).padStart(7, '0')}`;
    const record: PersonRecord = createPersonRecord(
      name,
      Array.from({ length: templates }, (_t, t) => ({ embedding: unitVector(random), imageSha256: (i * 31 + t).toString(16).padStart(64, '0'), detectionScore: 0.99 })),
      profile,
      at,
    );
    return [name, encodeRecord(record)];
  });
};

const writeSqlite = async (file: string, docs: readonly [string, string][]): Promise<void> => {
  await (await openStore(`sqlite:${file}`, profile)).close(); // creates the file (0600) and the table
  const db = new KeyvSqlite({ uri: `sqlite://${file}`, table: SQLITE_TABLE });
  await db.query('BEGIN');
  for (let i = 0; i < docs.length; i += 200) {
    const batch = docs.slice(i, i + 200);
    await db.query(`INSERT INTO ${SQLITE_TABLE} (key, value) VALUES ${batch.map(() => '(?, ?)').join(', ')}`, ...batch.flatMap(([k, v]) => [`${RECORD_NAMESPACE}:${k}`, v]));
  }
  await db.query('COMMIT');
  await db.disconnect();
};

const writeJson = (file: string, docs: readonly [string, string][]): void => {
  const entries = Object.fromEntries(docs.map(([k, v]) => [`${RECORD_NAMESPACE}:${k}`, JSON.parse(v) as unknown]));
  fs.writeFileSync(file, `${JSON.stringify({ format: FILE_FORMAT, version: FILE_FORMAT_VERSION, entries }, null, 1)}\n`, { mode: 0o600 });
};

interface Load {
  /** Open the store and read + validate every record (store.load). */
  readonly readMs: number;
  /** Build the 1:N index from them. */
  readonly indexMs: number;
  readonly totalMs: number;
  /** Peak resident memory of the process (MB). */
  readonly peakMb?: number;
}

/** What authenticate does before it looks at the photo: open the store and load the gallery. */
const loadGallery = async (uri: string, n: number): Promise<Load> => {
  const started = performance.now();
  const store = await openStore(uri, profile);
  const loaded = await store.load();
  const read = performance.now();
  const gallery = Gallery.fromLoad(loaded, profile);
  const done = performance.now();
  await store.close();
  if (gallery.size !== n || loaded.corrupt.length > 0) throw new Error(`loaded ${gallery.size} people and ${loaded.corrupt.length} damaged, expected ${n}`);
  return { readMs: read - started, indexMs: done - read, totalMs: done - started };
};

// The serialisation the store used with Keyv: the document itself, no envelope.
const serialize: Serialize = (data) => data.value as string;
const deserialize: Deserialize = <Value>(text: string) => ({ value: text as Value });

/** The path before: Keyv's iterator over @keyv/sqlite (LIMIT/OFFSET pages of 1000), then the same decode and index. */
const loadThroughKeyvIterator = async (file: string, n: number): Promise<Load> => {
  const started = performance.now();
  const adapter = new KeyvSqlite({ uri: `sqlite://${file}`, table: SQLITE_TABLE, iterationLimit: 1000 });
  const keyv = new Keyv<string>(adapter, { namespace: RECORD_NAMESPACE, serialize, deserialize });
  const records: PersonRecord[] = [];
  for await (const [key, value] of keyv.iterator!(keyv.namespace) as AsyncIterable<[string, string]>) {
    const decoded = decodeRecord(value, key);
    if (decoded.ok) records.push(decoded.record);
  }
  const read = performance.now();
  const index = MatrixIndex.fromRecords(records, { profile });
  const done = performance.now();
  await keyv.disconnect();
  if (index.size !== n) throw new Error(`the Keyv iterator gave ${index.size} people, expected ${n}`);
  return { readMs: read - started, indexMs: done - read, totalMs: done - started };
};

const rawJsonParse = (file: string): number => {
  const started = performance.now();
  const doc = JSON.parse(fs.readFileSync(file, 'utf8')) as { entries: object };
  if (Object.keys(doc.entries).length === 0) throw new Error('empty file');
  return performance.now() - started;
};

const median = (values: number[]): number => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
};

const script = fileURLToPath(import.meta.url);

/** One measurement in a fresh process: `how` is gallery (the store's load), keyv (the old iterator) or json-parse. */
const measure = (how: string, target: string, n: number): Load => {
  const out = execFileSync(process.execPath, ['--import', 'tsx', script, '--child', how, target, String(n)], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] });
  return JSON.parse(out.trim().split('\n').at(-1)!) as Load;
};

const medianLoad = (runs: number, how: string, target: string, n: number): Load => {
  const all = Array.from({ length: runs }, () => measure(how, target, n));
  return {
    readMs: median(all.map((l) => l.readMs)),
    indexMs: median(all.map((l) => l.indexMs)),
    totalMs: median(all.map((l) => l.totalMs)),
    peakMb: median(all.map((l) => l.peakMb ?? 0)),
  };
};

if (child !== undefined) {
  const load =
    child.how === 'gallery'
      ? await loadGallery(child.target, child.n)
      : child.how === 'keyv'
        ? await loadThroughKeyvIterator(child.target, child.n)
        : ((parsed: number) => ({ readMs: parsed, indexMs: 0, totalMs: parsed }))(rawJsonParse(child.target));
  console.log(JSON.stringify({ ...load, peakMb: process.resourceUsage().maxRSS / 1024 }));
  process.exit(0);
}

const ms = (value: number): string => (value >= 1000 ? `${(value / 1000).toFixed(2)} s` : `${value.toFixed(value < 10 ? 1 : 0)} ms`);
const mb = (bytes: number): string => `${(bytes / 2 ** 20).toFixed(1)} MB`;

const root = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-store-'));
console.log(`bench-store: ${templates} template(s) of ${profile.dim} floats per person, sizes ${sizes.join(', ')}; node ${process.version}, ${os.cpus()[0]?.model ?? 'cpu'}; in ${root}`);

interface Row {
  readonly backend: 'sqlite' | 'json';
  readonly n: number;
  readonly bytes: number;
  readonly load: Load;
  readonly baselineName: string;
  readonly baseline: Load | undefined;
}
const rows: Row[] = [];
try {
  for (const n of sizes) {
    const runs = n < 100_000 ? 3 : 1;
    const started = performance.now();
    const docs = makeDocuments(n);
    const sqliteFile = path.join(root, `faces-${n}.db`);
    const jsonFile = path.join(root, `faces-${n}.json`);
    await writeSqlite(sqliteFile, docs);
    writeJson(jsonFile, docs);
    docs.length = 0;
    console.log(`n=${n.toLocaleString('en')}: wrote both stores in ${ms(performance.now() - started)}`);

    const sqliteLoad = medianLoad(runs, 'gallery', `sqlite:${sqliteFile}`, n);
    const old = baseline && n <= 100_000 ? medianLoad(runs, 'keyv', sqliteFile, n) : undefined;
    rows.push({ backend: 'sqlite', n, bytes: fs.statSync(sqliteFile).size, load: sqliteLoad, baselineName: 'Keyv iterator (before)', baseline: old });
    const jsonLoad = medianLoad(runs, 'gallery', `file:${jsonFile}`, n);
    const parse = medianLoad(runs, 'json-parse', jsonFile, n);
    rows.push({ backend: 'json', n, bytes: fs.statSync(jsonFile).size, load: jsonLoad, baselineName: 'bare JSON.parse', baseline: parse });
    for (const r of rows.slice(-2)) {
      const b = r.baseline;
      const ratio = b === undefined ? '' : ` | ${r.baselineName}: ${ms(b.totalMs)} (peak ${b.peakMb?.toFixed(0)} MB), ${(b.totalMs / r.load.totalMs).toFixed(2)}x`;
      console.log(`  ${r.backend}: read+validate ${ms(r.load.readMs)}, index ${ms(r.load.indexMs)}, total ${ms(r.load.totalMs)}, peak ${r.load.peakMb?.toFixed(0)} MB${ratio}`);
    }
    if (!keep) {
      fs.rmSync(sqliteFile, { force: true });
      fs.rmSync(jsonFile, { force: true });
    }
  }
} finally {
  if (!keep) fs.rmSync(root, { recursive: true, force: true });
}

console.log('\n| store | people | size | read + validate | build index | load (total) | peak RSS | baseline (total, peak RSS) | baseline / load |');
console.log('|---|---:|---:|---:|---:|---:|---:|---|---:|');
for (const r of rows) {
  const b = r.baseline;
  const base = b === undefined ? '-' : `${r.baselineName}: ${ms(b.totalMs)}, ${b.peakMb?.toFixed(0)} MB`;
  const ratio = b === undefined ? '-' : `${(b.totalMs / r.load.totalMs).toFixed(2)}x`;
  console.log(
    `| ${r.backend} | ${r.n.toLocaleString('en')} | ${mb(r.bytes)} | ${ms(r.load.readMs)} | ${ms(r.load.indexMs)} | **${ms(r.load.totalMs)}** | ${r.load.peakMb?.toFixed(0)} MB | ${base} | ${ratio} |`,
  );
}
