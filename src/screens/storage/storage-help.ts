export const storageHelp: readonly string[] = ['Storage.'];
