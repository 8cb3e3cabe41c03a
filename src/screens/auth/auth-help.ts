export const authHelp: readonly string[] = ['Auth.'];
