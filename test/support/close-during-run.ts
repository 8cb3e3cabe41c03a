/**
 * Child-process fixture: closes the engine while embeds are running. Terminating a
 * worker inside an ONNX run used to abort the whole process (exit 134).
 */
import { parseConfig } from '../../src/core/config/load-config.js';
import { startEngine } from '../../src/core/face-engine.js';

const [image = '', delay = '100'] = process.argv.slice(2);
const engine = await startEngine({ config: parseConfig({}), workers: 2 });
const jobs = Array.from({ length: 6 }, () => engine.embed(image).then(() => 'done', () => 'refused'));
await new Promise((resolve) => setTimeout(resolve, Number(delay)));
const closing = performance.now();
await engine.close();
const closeMs = performance.now() - closing;
const outcomes = await Promise.all(jobs);
console.log(`closed cleanly in ${closeMs.toFixed(0)} ms: ${outcomes.filter((o) => o === 'done').length} finished, ${outcomes.filter((o) => o === 'refused').length} refused`);
