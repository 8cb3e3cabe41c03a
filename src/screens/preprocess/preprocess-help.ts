export const preprocessHelp: readonly string[] = ['Preprocess.'];
