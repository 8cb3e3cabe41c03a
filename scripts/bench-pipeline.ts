/**
 * Per-stage latency of the face pipeline on the shared photos, and the end-to-end
 * time per image against the floor: the sum of raw model run times measured in the
 * same run. Run: npm run bench [-- <folder>]
 */
import fs from 'node:fs';
import path from 'node:path';
import { parseConfig } from '../src/core/config/load-config.js';
import { startEngine } from '../src/core/face-engine.js';
import type { StageTimings } from '../src/core/face/types.js';

const folder = path.resolve(process.argv[2] ?? path.join(import.meta.dirname, '..', '..', 'shared', 'faces'));
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
const engine = await startEngine({ config: parseConfig({ workers: { count: 1 } }) });
try {
  // Warm-up: first runs allocate and JIT.
  for (const file of files.slice(0, 3)) await engine.embed(file).catch(() => undefined);
  const stages: Record<keyof StageTimings, number[]> = { decode: [], detect: [], landmarks: [], align: [], embed: [], liveness: [], total: [], models: [] };
  let failed = 0;
  // The raw model runs are sampled between chunks of images, so that the floor and the pipeline
  // are measured under the same conditions (on a shared VM the speed drifts over a minute).
  const rawSamples = new Map<string, number[]>();
  const sampleRaw = async (): Promise<void> => {
    for (const m of await engine.modelTimings(5)) rawSamples.set(m.role, [...(rawSamples.get(m.role) ?? []), m.medianMs]);
  };
  const chunk = Math.max(1, Math.ceil(files.length / 8));
  for (let i = 0; i < files.length; i++) {
    if (i % chunk === 0) await sampleRaw();
    try {
      const result = await engine.embed(files[i]!);
      for (const key of Object.keys(stages) as Array<keyof StageTimings>) stages[key].push(result.timings[key]);
    } catch {
      failed++;
    }
  }
  await sampleRaw();
  const models = [...rawSamples].map(([role, samples]) => ({ role, medianMs: median(samples) }));
  const floor = models.reduce((sum, m) => sum + m.medianMs, 0);
  const total = median(stages.total);
  console.log(`images: ${files.length - failed} embedded, ${failed} failed (folder ${folder}), 1 worker, 1 thread`);
  console.log('\nstage        median ms');
  for (const [stage, values] of Object.entries(stages)) console.log(`${stage.padEnd(12)} ${median(values).toFixed(2).padStart(9)}`);
  console.log('\nraw model    median ms (same run, sampled between chunks of images)');
  for (const m of models) console.log(`${m.role.padEnd(12)} ${m.medianMs.toFixed(2).padStart(9)}`);
  console.log(`floor (sum)  ${floor.toFixed(2).padStart(9)}`);
  console.log(`\nend-to-end per image: ${total.toFixed(1)} ms = ${(total / floor).toFixed(2)}x the floor`);
  const inSitu = median(stages.models);
  console.log(`models inside the pipeline (in situ): ${inSitu.toFixed(1)} ms; everything else: ${(total - inSitu).toFixed(1)} ms`);
  const noDecode = total - median(stages.decode);
  console.log(`without decode:       ${noDecode.toFixed(1)} ms = ${(noDecode / floor).toFixed(2)}x the floor`);
} finally {
  await engine.close();
}
