import { hint, moveHint, type Hint } from '../../app/keymap.js';

export const storageHelp: readonly string[] = [
  'What is stored for each enrolled person: a name, one 512-float template per enrolment photo (raw float32 bytes with their SHA-256, never the photo), the model and preprocessing that made them, and timestamps. Records of another model are refused, never mixed in; a damaged record is reported and left untouched until deleted.',
  'The list pages (PgUp/PgDn) and searches (/); Enter opens a record (each template checked: checksum, dimension, norm 1); d deletes after a y/n question; i reads every record back (integrity check). The figures line shows the backend, its size and the time to load everything.',
];

/** Every key of the screen, whatever it shows now (the help lists them all). */
export const storageKeys: readonly Hint[] = [
  moveHint('select'),
  { keys: 'PgUp/PgDn', action: 'page' },
  { keys: 'Home/End', action: 'first / last' },
  hint('select', 'open the record'),
  hint('search'),
  hint('remove'),
  hint('integrity'),
  hint('refresh'),
  hint('confirm', 'delete (when asked)'),
  hint('back', 'back to the list'),
];
