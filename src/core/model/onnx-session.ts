/** The one module that touches onnxruntime-node. Everything else sees Float32Arrays. */
import { performance } from 'node:perf_hooks';
import ort from 'onnxruntime-node';
import { BugError, UserError } from '../errors.js';

export interface TensorSpec {
  readonly name: string;
  readonly shape: readonly number[];
}

export interface ModelSession {
  readonly id: string;
  readonly inputNames: readonly string[];
  readonly outputNames: readonly string[];
  /** Run with one float32 input; returns each output's data. */
  run(input: Float32Array, dims: readonly number[]): Promise<Record<string, Float32Array>>;
  /** Total milliseconds spent inside session.run so far (for overhead accounting). */
  readonly runMs: number;
  release(): Promise<void>;
}

export type GraphOptimizationLevel = 'disabled' | 'basic' | 'extended' | 'layout' | 'all';

export interface SessionOptions {
  readonly intraOpNumThreads: number;
  /** Measured per model (see the manifest); 'all' is not always fastest. */
  readonly graphOptimizationLevel?: GraphOptimizationLevel | undefined;
}

export const createModelSession = async (
  id: string,
  filePath: string,
  expected: { input: TensorSpec; outputs: readonly TensorSpec[] },
  options: SessionOptions,
): Promise<ModelSession> => {
  let session: ort.InferenceSession;
  try {
    session = await ort.InferenceSession.create(filePath, {
      intraOpNumThreads: options.intraOpNumThreads,
      interOpNumThreads: 1,
      executionMode: 'sequential',
      graphOptimizationLevel: options.graphOptimizationLevel ?? 'all',
    });
  } catch (error) {
    throw new UserError('MODEL_CORRUPT', `model ${id} could not be loaded from ${filePath}`, {
      hint: 'Run `face-auth-tui models fetch --force` to download it again.',
      cause: error,
    });
  }
  // The model must look the way the manifest says, or preprocessing would feed it garbage.
  if (!session.inputNames.includes(expected.input.name)) {
    throw new BugError(`model ${id}: expected input '${expected.input.name}', found ${session.inputNames.join(', ')}`);
  }
  for (const output of expected.outputs) {
    if (!session.outputNames.includes(output.name)) {
      throw new BugError(`model ${id}: expected output '${output.name}', found ${session.outputNames.join(', ')}`);
    }
  }
  const inputName = expected.input.name;
  let runMs = 0;
  return {
    get runMs() {
      return runMs;
    },
    id,
    inputNames: session.inputNames,
    outputNames: session.outputNames,
    run: async (input, dims) => {
      const tensor = new ort.Tensor('float32', input, dims);
      const started = performance.now();
      const results = await session.run({ [inputName]: tensor });
      runMs += performance.now() - started;
      const out: Record<string, Float32Array> = {};
      for (const [name, value] of Object.entries(results)) {
        if (!(value.data instanceof Float32Array)) throw new BugError(`model ${id}: output ${name} is not float32`);
        out[name] = value.data;
      }
      return out;
    },
    release: () => session.release(),
  };
};
