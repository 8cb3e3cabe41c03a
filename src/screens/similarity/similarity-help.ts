export const similarityHelp: readonly string[] = [
  'How a threshold is chosen. Every pair of photos in a labelled folder (one subfolder per person)',
  'is compared: genuine pairs (same person) should score high, impostor pairs (different people)',
  'low. The histograms show both; the threshold (▶) splits them. FAR is the share of impostor',
  'pairs accepted, FRR the share of genuine pairs rejected: moving the threshold trades one for',
  'the other (← → small steps, ↑ ↓ big ones). EER is the point where they are equal.',
  'm switches the metric (cosine, euclidean, manhattan, dot: on unit vectors cosine and dot agree',
  'and euclidean is a function of them). a adopts the threshold for this session (the auth',
  'console uses it), w writes it to the config file. e runs the metrics on awkward vectors',
  '(a zero vector, mismatched dimensions, NaN) and shows the errors they give.',
];
