import { hint, type Hint } from '../../app/keymap.js';

export const similarityHelp: readonly string[] = [
  'How a threshold is chosen. Every pair of photos in a labelled folder (one subfolder per person) is compared: genuine pairs (same person) should score high, impostor pairs low. The histograms show both and the threshold (▶) splits them.',
  'FAR is the share of impostor pairs accepted, FRR the share of genuine pairs rejected: moving the threshold (← → small steps, ↑ ↓ big ones, [ ] fine ones) trades one for the other. EER is where they are equal; AUC and d-prime measure the separation over all thresholds, TAR at FAR says how many genuine pairs pass when only that share of impostors may. t jumps to the recommended threshold, the one `face-auth-tui evaluate --write-threshold` would store.',
  'm switches the metric (on unit vectors cosine and dot agree and euclidean follows from them). a adopts the threshold for this session (the auth console uses it), w writes it to the config file. e runs the metrics on a zero vector, mismatched dimensions and NaN, and shows the errors they give.',
];

/** Every key of the screen, whatever it shows now (the help lists them all). */
export const similarityKeys: readonly Hint[] = [
  hint('select', 'open a labelled folder'),
  hint('open'),
  { keys: '←→', action: 'threshold' },
  { keys: '↑↓', action: 'threshold ×5' },
  { keys: '[]', action: 'threshold, fine' },
  hint('recommended'),
  hint('metric'),
  hint('adopt'),
  hint('save'),
  hint('edgeCases'),
  hint('fullReport', 'the full evaluation report (as face-auth-tui evaluate): rank-1/rank-5, open set, ROC, metrics and ablations'),
  hint('back', 'from the edge cases or the report'),
];
