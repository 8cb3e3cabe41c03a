export const similarityHelp: readonly string[] = [
  'How a threshold is chosen. Every pair of photos in a labelled folder (one subfolder per person) is compared: genuine pairs (same person) should score high, impostor pairs low. The histograms show both and the threshold (▶) splits them.',
  'FAR is the share of impostor pairs accepted, FRR the share of genuine pairs rejected: moving the threshold (← → small steps, ↑ ↓ big ones) trades one for the other. EER is where they are equal.',
  'm switches the metric (on unit vectors cosine and dot agree and euclidean follows from them). a adopts the threshold for this session (the auth console uses it), w writes it to the config file. e runs the metrics on a zero vector, mismatched dimensions and NaN, and shows the errors they give.',
];
