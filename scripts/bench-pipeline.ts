/**
 * Per-stage latency of the face pipeline on the shared photos, and the end-to-end
 * time per image against the floor: the sum of raw model run times measured in the
 * same run. Run: npm run bench [-- <folder>] [--passes 5]
 */
import fs from 'node:fs';
import path from 'node:path';
import { parseConfig } from '../src/core/config/load-config.js';
import { startEngine } from '../src/core/face-engine.js';
import type { StageTimings } from '../src/core/face/types.js';
import { benchArgs, option } from './bench-options.js';

const positional = benchArgs.filter((arg, i) => !arg.startsWith('--') && !(benchArgs[i - 1] ?? '').startsWith('--'));
const folder = path.resolve(positional[0] ?? path.join(import.meta.dirname, '..', '..', 'shared', 'faces'));
const imagePattern = /\.(jpe?g|png|webp|bmp|tiff?|gif|avif)$/i;
const listImages = (dir: string): string[] =>
  fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return entry.name.startsWith('_') ? [] : listImages(full);
    return imagePattern.test(entry.name) ? [full] : [];
  });

const median = (values: number[]): number => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? Number.NaN;
};

const files = listImages(folder).sort();
if (files.length === 0) {
  console.error(`no images under ${folder}`);
  process.exit(2);
}
const passes = Number(option('passes') ?? 5);
if (!Number.isInteger(passes) || passes < 1) {
  console.error(`--passes takes a whole number of passes, 1 or more (got ${option('passes')})`);
  process.exit(2);
}
const engine = await startEngine({ config: parseConfig({ workers: { count: 1 } }) });
try {
  // Warm-up: first runs allocate and JIT.
  for (const file of files.slice(0, 3)) await engine.embed(file).catch(() => undefined);
  const stageKeys: Array<keyof StageTimings> = ['decode', 'detect', 'landmarks', 'align', 'embed', 'liveness', 'total', 'models'];
  // Per image and stage, one sample per pass; an image's figure is the median of its passes, so a
  // slow moment of a shared machine moves one sample of each image instead of the whole result.
  const samples = files.map(() => Object.fromEntries(stageKeys.map((k) => [k, [] as number[]])) as Record<keyof StageTimings, number[]>);
  const failed = new Set<number>();
  // The raw model runs are sampled between chunks of images, so that the floor and the pipeline
  // are measured under the same conditions (on a shared VM the speed drifts over a minute).
  const rawSamples = new Map<string, number[]>();
  const sampleRaw = async (): Promise<void> => {
    for (const m of await engine.modelTimings(5)) rawSamples.set(m.role, [...(rawSamples.get(m.role) ?? []), m.medianMs]);
  };
  const chunk = Math.max(1, Math.ceil(files.length / 16));
  const passTotals: number[][] = [];
  for (let pass = 0; pass < passes; pass++) {
    const totals: number[] = [];
    for (let i = 0; i < files.length; i++) {
      if (i % chunk === 0) await sampleRaw();
      try {
        const result = await engine.embed(files[i]!);
        for (const key of stageKeys) samples[i]![key].push(result.timings[key]);
        totals.push(result.timings.total);
      } catch {
        failed.add(i);
      }
    }
    passTotals.push(totals);
  }
  await sampleRaw();
  const ok = samples.filter((_, i) => !failed.has(i));
  const stage = (key: keyof StageTimings): number => median(ok.map((s) => median(s[key])));
  const models = [...rawSamples].map(([role, values]) => ({ role, medianMs: median(values) }));
  const floor = models.reduce((sum, m) => sum + m.medianMs, 0);
  const total = stage('total');
  console.log(`images: ${ok.length} embedded, ${failed.size} failed (folder ${folder}), 1 worker, 1 thread, ${passes} passes`);
  console.log('\nstage        median ms (per image: the median of its passes)');
  for (const key of stageKeys) console.log(`${key.padEnd(12)} ${stage(key).toFixed(2).padStart(9)}`);
  console.log('\nraw model    median ms (same run, sampled between chunks of images)');
  for (const m of models) console.log(`${m.role.padEnd(12)} ${m.medianMs.toFixed(2).padStart(9)}`);
  console.log(`floor (sum)  ${floor.toFixed(2).padStart(9)}`);
  console.log(`\nend-to-end per image: ${total.toFixed(1)} ms = ${(total / floor).toFixed(2)}x the floor`);
  console.log(`each pass alone:      ${passTotals.map((t) => `${(median(t) / floor).toFixed(2)}x`).join(', ')}`);
  // Each image's fastest pass against the fastest floor sample: what the pipeline costs when
  // nothing else on the machine gets in the way (a minimum on both sides, of 5 passes per image
  // and of the floor's 16 samples a pass).
  const bestTotal = median(ok.map((s) => Math.min(...s.total)));
  const bestFloor = [...rawSamples.values()].reduce((sum, values) => sum + Math.min(...values), 0);
  console.log(`best of ${passes} passes:     ${bestTotal.toFixed(1)} ms = ${(bestTotal / bestFloor).toFixed(2)}x the fastest floor sample (${bestFloor.toFixed(2)} ms)`);
  const inSitu = stage('models');
  console.log(`models inside the pipeline (in situ): ${inSitu.toFixed(1)} ms; everything else: ${(total - inSitu).toFixed(1)} ms`);
  const noDecode = median(ok.map((s) => median(s.total.map((t, j) => t - (s.decode[j] ?? 0)))));
  console.log(`without decode:       ${noDecode.toFixed(1)} ms = ${(noDecode / floor).toFixed(2)}x the floor`);
} finally {
  await engine.close();
}
