export const similarityHelp: readonly string[] = ['Similarity.'];
