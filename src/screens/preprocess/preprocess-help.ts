import { hint, type Hint } from '../../app/keymap.js';

export const preprocessHelp: readonly string[] = [
  'What the pipeline does to one photo before the model sees it, step by step (← →): decode (format, EXIF orientation applied, colour space, alpha flattened), detect (faces with boxes and scores; faces too small to trust are rejected), 68 landmarks, alignment (5 points mapped onto the ArcFace template: a 112x112 face, drawn with half-blocks, or characters under NO_COLOR) and normalisation ((x - 127) / 128, then L2).',
  'x runs experiments: the photo flipped, rotated, darkened and brightened, blurred, recompressed as JPEG and shrunk (input size), each done by sharp, embedded again and compared with the original: above the threshold means "same person".',
];

/** Every key of the screen, whatever it shows now (the help lists them all). */
export const preprocessKeys: readonly Hint[] = [
  hint('select', 'choose an image'),
  { keys: '←→', action: 'previous / next pipeline step (also p, n, space)' },
  hint('experiments'),
  hint('back', 'from the experiments to the steps'),
];
