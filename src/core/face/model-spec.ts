/** The parts of a manifest entry that preprocessing and postprocessing read. */
export interface ModelInputSpec {
  readonly name: string;
  readonly shape: readonly number[];
  readonly colorOrder: 'RGB' | 'BGR' | 'GRAY';
  readonly mean: readonly number[];
  readonly std: readonly number[];
  readonly cropScale?: number | undefined;
}

export interface ModelSpec {
  readonly id: string;
  readonly input: ModelInputSpec;
  readonly outputs: ReadonlyArray<{ readonly name: string; readonly shape: readonly number[] }>;
  readonly runtime?: { readonly graphOptimizationLevel: 'disabled' | 'basic' | 'extended' | 'layout' | 'all' } | undefined;
  readonly alignment?: { readonly size: readonly number[]; readonly template: ReadonlyArray<readonly number[]> } | undefined;
}

/** Height and width of an NCHW input. */
export const inputSize = (spec: ModelSpec): { width: number; height: number } => {
  const shape = spec.input.shape;
  return { height: shape[2] ?? 0, width: shape[3] ?? 0 };
};

export const outputName = (spec: ModelSpec, index: number): string => spec.outputs[index]?.name ?? 'output';
