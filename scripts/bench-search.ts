/**
 * 1:N search benchmark: median time per query of MatrixIndex.search against a
 * naive baseline (array of Float32Array, a dot product each, full sort) measured
 * in the same run, on synthetic identities (one random L2-normalised vector each).
 *
 *   npx tsx scripts/bench-search.ts [--sizes 1000,10000,100000,1000000] [--dim 512] [--k 5] [--no-js] [--no-naive]
 *
 * The largest set is generated once (1M x 512 floats = 2 GiB) and the smaller
 * sizes are prefixes of it. Single-threaded: the search runs on one core.
 */
import os from 'node:os';
import { MatrixIndex, type IndexedPerson } from '../src/core/search/matrix-index.js';
import { simdAvailable } from '../src/core/search/dot-kernel.js';
import { benchArgs, option, sizesOption } from './bench-options.js';

const args = benchArgs;
const sizes = sizesOption('1000,10000,100000,1000000');
const dim = Number(option('dim') ?? 512);
const k = Number(option('k') ?? 5);
const runJs = !args.includes('--no-js');
const runNaive = !args.includes('--no-naive');
if (sizes.some((n) => !Number.isInteger(n) || n < 1) || !Number.isInteger(dim) || dim < 1) {
  console.error('usage: npx tsx scripts/bench-search.ts [--sizes 1000,10000] [--dim 512] [--k 5] [--no-js] [--no-naive]');
  process.exit(2);
}

/** Two xorshift32 streams combined: fast, seeded, good enough for synthetic vectors. */
const makeRandom = (seed: number): (() => number) => {
  let x = (Math.imul(seed, 0x9e3779b1) ^ 0x85ebca6b) | 1;
  let y = (Math.imul(seed ^ 0x27d4eb2f, 0xc2b2ae35) ^ 0x165667b1) | 1;
  return () => {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    y ^= y << 17;
    y ^= y >>> 7;
    y ^= y << 9;
    return ((x + y) >>> 0) / 4294967296;
  };
};

/** Fills `out` with random unit vectors (uniform in the cube, then normalised). */
const fillUnitRows = (out: Float32Array, rows: number, random: () => number): void => {
  for (let r = 0; r < rows; r++) {
    const base = r * dim;
    let norm = 0;
    for (let j = 0; j < dim; j++) {
      const v = random() * 2 - 1;
      out[base + j] = v;
      norm += v * v;
    }
    const inv = 1 / Math.sqrt(norm);
    for (let j = 0; j < dim; j++) out[base + j] = out[base + j]! * inv;
  }
};

const median = (values: number[]): number => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
};

const time = (fn: () => void): number => {
  const start = performance.now();
  fn();
  return performance.now() - start;
};

const naiveSearch = (rows: readonly Float32Array[], names: readonly string[], query: Float32Array, topK: number): { name: string; score: number }[] => {
  const scored = rows.map((row, i) => {
    let score = 0;
    for (let j = 0; j < row.length; j++) score += row[j]! * query[j]!;
    return { name: names[i]!, score };
  });
  scored.sort((a, b) => b.score - a.score);
  return scored.slice(0, topK);
};

const maxN = Math.max(...sizes);
const gib = (bytes: number): string => `${(bytes / 2 ** 30).toFixed(2)} GiB`;
console.log(`bench-search: dim ${dim}, k ${k}, sizes ${sizes.join(', ')}; node ${process.version}, ${os.cpus()[0]?.model ?? 'cpu'}`);
console.log(`kernel: ${simdAvailable() ? 'wasm-simd (f32x4)' : 'js (no Wasm SIMD here)'}; matrix ${gib(maxN * dim * 4)} allocated once`);

const random = makeRandom(20240601);
let started = performance.now();
const matrix = new Float32Array(maxN * dim);
fillUnitRows(matrix, maxN, random);
const people: IndexedPerson[] = Array.from({ length: maxN }, (_, i) => ({ name: `person-${i}`, id: `id-${i}` }));
const names = people.map((p) => p.name);
console.log(`generated ${maxN} identities in ${((performance.now() - started) / 1000).toFixed(1)} s`);

/** A query near a known identity (the expected top hit), renormalised. */
const makeQuery = (n: number): { query: Float32Array; expected: string } => {
  const target = Math.floor(random() * n);
  const query = new Float32Array(dim);
  let norm = 0;
  for (let j = 0; j < dim; j++) {
    const v = matrix[target * dim + j]! + (random() * 2 - 1) * 0.05;
    query[j] = v;
    norm += v * v;
  }
  const inv = 1 / Math.sqrt(norm);
  for (let j = 0; j < dim; j++) query[j] = query[j]! * inv;
  return { query, expected: names[target]! };
};

interface Row {
  n: number;
  buildMs: number;
  indexMs: number;
  jsMs: number | undefined;
  naiveMs: number | undefined;
  queries: number;
  wrong: number;
}
const results: Row[] = [];

for (const n of sizes) {
  const queries = n <= 10_000 ? 200 : n <= 100_000 ? 40 : 9;
  const naiveQueries = n <= 10_000 ? 50 : n <= 100_000 ? 15 : 5;
  const set = Array.from({ length: queries }, () => makeQuery(n));
  const slice = matrix.subarray(0, n * dim);
  const owners = people.slice(0, n);

  started = performance.now();
  let index: MatrixIndex | undefined = MatrixIndex.fromMatrix(slice, dim, owners);
  const buildMs = performance.now() - started;
  let wrong = 0;
  for (const q of set.slice(0, 3)) index.search(q.query, k); // warm up
  const indexTimes = set.map((q) => {
    let top = '';
    const ms = time(() => {
      top = index!.search(q.query, k)[0]?.name ?? '';
    });
    if (top !== q.expected) wrong++;
    return ms;
  });
  index = undefined;

  let jsMs: number | undefined;
  if (runJs) {
    let jsIndex: MatrixIndex | undefined = MatrixIndex.fromMatrix(slice, dim, owners, { simd: false });
    for (const q of set.slice(0, 3)) jsIndex.search(q.query, k);
    jsMs = median(set.map((q) => time(() => jsIndex!.search(q.query, k))));
    jsIndex = undefined;
  }

  let naiveMs: number | undefined;
  if (runNaive) {
    const rows = Array.from({ length: n }, (_, i) => slice.subarray(i * dim, (i + 1) * dim));
    const sample = set.slice(0, naiveQueries);
    for (const q of sample.slice(0, 2)) naiveSearch(rows, names, q.query, k);
    naiveMs = median(
      sample.map((q) => {
        let top = '';
        const ms = time(() => {
          top = naiveSearch(rows, names, q.query, k)[0]?.name ?? '';
        });
        if (top !== q.expected) wrong++;
        return ms;
      }),
    );
  }
  const row: Row = { n, buildMs, indexMs: median(indexTimes), jsMs, naiveMs, queries, wrong };
  results.push(row);
  const fmt = (ms: number | undefined): string => (ms === undefined ? '-' : `${ms.toFixed(ms < 10 ? 3 : 1)} ms`);
  console.log(
    `n=${n.toLocaleString('en')}: index ${fmt(row.indexMs)} | js kernel ${fmt(jsMs)} | naive ${fmt(naiveMs)}` +
      (naiveMs === undefined ? '' : ` | naive/index x${(naiveMs / row.indexMs).toFixed(1)}`) +
      ` (build ${row.buildMs.toFixed(0)} ms, ${queries} queries, wrong top-1: ${wrong})`,
  );
}

console.log('\n| identities | index (median ms/query) | JS-kernel index | naive baseline | naive / index |');
console.log('|---:|---:|---:|---:|---:|');
for (const r of results) {
  const cell = (ms: number | undefined): string => (ms === undefined ? '-' : ms.toFixed(ms < 10 ? 3 : 1));
  console.log(
    `| ${r.n.toLocaleString('en')} | ${cell(r.indexMs)} | ${cell(r.jsMs)} | ${cell(r.naiveMs)} | ${r.naiveMs === undefined ? '-' : `${(r.naiveMs / r.indexMs).toFixed(1)}x`} |`,
  );
}
const hundredK = results.find((r) => r.n === 100_000);
if (hundredK !== undefined) {
  console.log(`\n100k target (< 30 ms on one core): ${hundredK.indexMs.toFixed(1)} ms — ${hundredK.indexMs < 30 ? 'met' : 'NOT met'}`);
}
if (results.some((r) => r.wrong > 0)) {
  console.error('some queries did not return their source identity first');
  process.exitCode = 1;
}
