import { hint, moveHint, type Hint } from '../../app/keymap.js';

export const authHelp: readonly string[] = [
  'The whole system at work. Register stores one template per photo after a quality gate (one face, large and sharp enough, the detector sure of it) and refuses a face that already matches someone else.',
  'Authenticate embeds the photo\'s largest face and searches everyone enrolled (1:N): ACCEPTED when the best score reaches the threshold, with the margin over the next person; otherwise DENIED, never "the nearest person". The threshold is the config\'s, or the one adopted on screen 3.',
  'Every attempt goes to the audit log (Recent attempts). List, Delete (asks y/n) and Stats read the same store as screen 4.',
];

/** Every key of the screen, whatever it shows now (the help lists them all). */
export const authKeys: readonly Hint[] = [
  moveHint('choose a task'),
  hint('select', 'run it (prompts ask for the name and the photos)'),
  hint('complete'),
  hint('cancel'),
  hint('confirm', 'delete (when asked)'),
  hint('deny', 'keep'),
];
