import { createInterface } from 'node:readline/promises';

/**
 * Asks a yes/no question on the terminal (stderr, so stdout stays clean). Anything but
 * "y"/"yes" is no, and so are Ctrl+C and Ctrl+D: declining is not an error.
 */
export const confirm = async (question: string): Promise<boolean> => {
  const rl = createInterface({ input: process.stdin, output: process.stderr });
  const closed = new Promise<string>((resolve) => rl.once('close', () => resolve('')));
  try {
    const answer = await Promise.race([rl.question(question), closed]);
    return /^y(es)?$/i.test(answer.trim());
  } catch {
    // Ctrl+C rejects the question: treat it as "no".
    process.stderr.write('\n');
    return false;
  } finally {
    rl.close();
  }
};
