import { hint, moveHint, type Hint } from '../../app/keymap.js';

export const modelHelp: readonly string[] = [
  'The four ONNX models (face detector, 68-point landmarks, 512-d embedder, experimental liveness) are fetched once from their npm package, checked by size and SHA-256, and loaded into the inference worker. The table shows each model\'s input, outputs, size, checksum and licence.',
  'Embed an image: the largest face is detected, aligned to 112x112 and turned into 512 numbers scaled to length 1 (norm 1), so comparing two faces is a dot product.',
  'Batch-embed a folder shows the throughput; Validate checks every vector made here (norm 1, no NaN, dimension 512); Benchmark times each stage against the raw model time (the floor).',
];

/** Every key of the screen, whatever it shows now (the help lists them all). */
export const modelKeys: readonly Hint[] = [
  moveHint('choose a task'),
  hint('select', 'run it (a prompt asks for the image or folder)'),
  hint('complete'),
  hint('back', 'from a result to the model table, then to the menu'),
];
